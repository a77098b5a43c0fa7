using System.IO.Compression;
using NodaTime;
using TransitPairs.IO.Gtfs;

namespace TransitPairs.IO.Tests.Gtfs;

public sealed class GtfsWriterTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-gtfs-write-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Write_ThenRead_GivesTheSameFeed()
    {
        var feed = SampleFeeds.TonghuaBaishan();
        var path = Path.Combine(_folder.FullName, "feed.zip");
        GtfsWriter.Write(feed, path);
        var back = GtfsReader.Read(path, out var warnings);
        Assert.Empty(warnings);

        // ImmutableArray's own Equals compares references: compare the rows.
        Assert.Equal(feed.Agencies.AsEnumerable(), back.Agencies.AsEnumerable());
        Assert.Equal(feed.Stops.AsEnumerable(), back.Stops.AsEnumerable());
        Assert.Equal(feed.Routes.AsEnumerable(), back.Routes.AsEnumerable());
        Assert.Equal(feed.Trips.AsEnumerable(), back.Trips.AsEnumerable());
        Assert.Equal(feed.StopTimes.AsEnumerable(), back.StopTimes.AsEnumerable());
        Assert.Equal(feed.Calendars.AsEnumerable(), back.Calendars.AsEnumerable());
        Assert.Equal(feed.CalendarDates.AsEnumerable(), back.CalendarDates.AsEnumerable());
        Assert.Equal(feed.FeedInfo, back.FeedInfo);
    }

    [Fact]
    public void Write_ThenReadServiceDay_GivesTheSameTripsAndBlocks()
    {
        var feed = SampleFeeds.TonghuaBaishan(roundTrips: 3);
        var path = Path.Combine(_folder.FullName, "feed.zip");
        GtfsWriter.Write(feed, path);
        var day = GtfsReader.ReadServiceDay(path, new LocalDate(2026, 3, 3));
        Assert.Equal(
            [
                "TB-001 V1 TH 06:00 → BS 07:10", "TB-002 V1 BS 07:30 → TH 08:40",
                "TB-003 V2 TH 07:00 → BS 08:10", "TB-004 V2 BS 08:30 → TH 09:40",
                "TB-005 V3 TH 08:00 → BS 09:10", "TB-006 V3 BS 09:30 → TH 10:40",
                "TB-LATE N1 TH 23:30 → BS 24:40",
            ],
            day.Trips.Select(t => $"{t.TripId} {t.BlockId} {t.FromStopId} {t.Departure} → {t.ToStopId} {t.Arrival}"));
        Assert.Equal("blocks=4 peakBlocks=3", $"blocks={day.AgencyBlocks().BlockIds} peakBlocks={day.AgencyBlocks().PeakBlocks}");
        Assert.Empty(GtfsReader.ReadServiceDay(path, new LocalDate(2026, 3, 4)).Trips);
    }

    [Fact]
    public void Write_SameFeedTwice_SameBytes()
    {
        var first = Path.Combine(_folder.FullName, "a.zip");
        var second = Path.Combine(_folder.FullName, "b.zip");
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(), first);
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(), second);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Write_StopsFile_IsUtf8WithoutBomAndQuotesOnlyWhereNeeded()
    {
        var path = Path.Combine(_folder.FullName, "feed.zip");
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(), path);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(
            ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt", "calendar_dates.txt", "feed_info.txt"],
            zip.Entries.Select(e => e.Name));
        using var reader = new StreamReader(zip.GetEntry("stops.txt")!.Open());
        Assert.Equal(
            "stop_id,stop_code,stop_name,stop_desc,stop_lat,stop_lon,location_type,parent_station\n"
            + "TH,1001,通化客运站 Tonghua Coach Station,,41.7283,125.9397,0,\n"
            + "ED,,二道江 Erdaojiang,,41.7766,126.0406,0,\n"
            + "BS,2001,白山客运站 Baishan Coach Station,,41.944,126.4147,0,\n",
            reader.ReadToEnd());
    }

    [Fact]
    public void Write_FailureMidway_KeepsThePreviousFeed()
    {
        var path = Path.Combine(_folder.FullName, "feed.zip");
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(), path);
        var before = File.ReadAllBytes(path);
        var broken = SampleFeeds.TonghuaBaishan() with { Stops = default };
        Assert.ThrowsAny<Exception>(() => GtfsWriter.Write(broken, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(_folder.GetFiles());
    }
}
