using TransitPairs.IO.Gtfs;
using TransitPairs.TestSupport;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>Feeds we write, read by real GTFS consumers: the npm packages gtfs and gtfs-to-html.</summary>
public sealed class GtfsToolsTests(GtfsToolsFixture tools) : IClassFixture<GtfsToolsFixture>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-gtfs-tools-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void GtfsImport_FeedWeWrite_StoresEveryTripAndStopTime()
    {
        var feed = SampleFeeds.TonghuaBaishan(roundTrips: 12);
        var path = Path.Combine(_folder.FullName, "tonghua-baishan.zip");
        GtfsWriter.Write(feed, path);
        var counts = tools.ImportAndCount(path);
        Assert.Equal(
            new GtfsImportCounts(1, feed.Stops.Length, 1, feed.Trips.Length, feed.StopTimes.Length, 1, 1, feed.Trips.Select(t => t.BlockId).Distinct().Count()),
            counts);
    }

    [Fact]
    public void GtfsToHtml_FeedWeWrite_RendersBothDirectionsWithoutWarnings()
    {
        var path = Path.Combine(_folder.FullName, "tonghua-baishan.zip");
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(), path);
        var rendered = tools.Render(path);
        Assert.Equal(2, rendered.TimetablePages);
        Assert.Contains("Trip Count: 9", rendered.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void GtfsImport_FeedWithEmptyRequiredValue_IsRejected()
    {
        // Proves the fixture can fail: gtfs-import refuses a stop time without stop_sequence.
        var path = Path.Combine(_folder.FullName, "broken.zip");
        GtfsWriter.Write(SampleFeeds.TonghuaBaishan(roundTrips: 1), path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("stop_times.txt")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("stop_times.txt").Open());
            writer.Write("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nTB-001,06:00:00,06:00:00,TH,\n");
        }

        var e = Assert.Throws<InvalidOperationException>(() => tools.ImportAndCount(path));
        Assert.Contains("Missing required value in stop_times.txt for stop_sequence", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GtfsImport_AgencyDayWeRewrite_KeepsEveryTripAndBlock()
    {
        var (day, path) = RewriteKartDay();
        var counts = tools.ImportAndCount(path);
        Assert.Equal(
            $"trips=256 stopTimes={day.StopTimes.Length} blocks=27",
            $"trips={counts.Trips} stopTimes={counts.StopTimes} blocks={counts.Blocks}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void GtfsToHtml_AgencyDayWeRewrite_RendersEveryRoute()
    {
        var (day, path) = RewriteKartDay();
        Assert.True(tools.Render(path).TimetablePages >= day.Routes.Length);
    }

    /// <summary>A real agency's day (Kings Area Rural Transit, 2024-07-05) read and written again by us.</summary>
    private (GtfsFeed Day, string Path) RewriteKartDay()
    {
        var source = TestPaths.Instance("gtfs", "kart.zip");
        var day = GtfsReader.ReadDayFeed(source, new NodaTime.LocalDate(2024, 7, 5), filter: null, out _);
        var path = Path.Combine(_folder.FullName, "kart-day.zip");
        GtfsWriter.Write(day, path);
        return (day, path);
    }
}
