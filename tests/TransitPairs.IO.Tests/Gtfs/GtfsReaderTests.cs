using System.Text;
using NodaTime;
using TransitPairs.IO.Gtfs;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Tests.Gtfs;

public sealed class GtfsReaderTests
{
    private static readonly LocalDate Tuesday = new(2026, 3, 3);

    private static string Summary(GtfsServiceDay day) =>
        string.Join(" | ", day.Trips.Select(t => $"{t.TripId} {t.FromStopId} {t.Departure} → {t.ToStopId} {t.Arrival} block {t.BlockId}"));

    private static IReadOnlyList<string> Errors(TestFeed feed)
    {
        var e = Assert.Throws<InputException>(() => GtfsReader.Read(feed.Path));
        return e.Problems.Select(p => p.ToString()).ToList();
    }

    [Fact]
    public void ReadServiceDay_ValidFeedOnTuesday_GivesBothTripsOfTheBlock()
    {
        using var feed = new TestFeed();
        var day = GtfsReader.ReadServiceDay(feed.Path, Tuesday);
        Assert.Equal("T1 TH 06:00 → BS 07:10 block B1 | T2 BS 07:30 → TH 08:40 block B1", Summary(day));
        Assert.Equal(new GtfsAgencyBlocks(1, 1, 1, 0, []).ToString(), day.AgencyBlocks().ToString());
    }

    [Fact]
    public void ReadServiceDay_Saturday_NoTrips()
    {
        using var feed = new TestFeed();
        Assert.Empty(GtfsReader.ReadServiceDay(feed.Path, new LocalDate(2026, 3, 7)).Trips);
    }

    [Fact]
    public void ReadServiceDay_ZipWithFilesInsideATopFolder_ReadsLikeTheFolder()
    {
        using var feed = new TestFeed();
        Assert.Equal(Summary(GtfsReader.ReadServiceDay(feed.Path, Tuesday)), Summary(GtfsReader.ReadServiceDay(feed.Zip(nested: true), Tuesday)));
    }

    [Fact]
    public void ReadServiceDay_ByteOrderMarkQuotesSpacesAndTimesPastMidnight_AreRead()
    {
        using var feed = new TestFeed(new()
        {
            ["stops.txt"] = "\"stop_id\",\"stop_name\",\"stop_lat\",\"stop_lon\"\n\"TH\",\"通化客运站, 北广场\",41.7283,125.9397\n BS , \"白山 \"\"东\"\" 站\", 41.9440 , 126.4147\n",
            ["stop_times.txt"] = "trip_id, arrival_time ,departure_time,stop_id,stop_sequence\n"
                + "T1,23:50:00,23:50:00,TH,1\nT1, 25:00:00 , 25:00:00,BS,2\nT2,25:20:00,25:20:00,BS,1\nT2,26:30:00,26:30:00,TH,2\n",
        }, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var feedModel = GtfsReader.Read(feed.Path);
        Assert.Equal(["通化客运站, 北广场", "白山 \"东\" 站"], feedModel.Stops.Select(s => s.Name));
        Assert.Equal("T1 TH 23:50 → BS 25:00 block B1 | T2 BS 25:20 → TH 26:30 block B1", Summary(GtfsReader.ReadServiceDay(feed.Path, Tuesday)));
    }

    [Fact]
    public void ReadServiceDay_CalendarDatesOnly_AddsAndRemovesDates()
    {
        using var feed = new TestFeed(new()
        {
            ["calendar.txt"] = null,
            ["calendar_dates.txt"] = "service_id,date,exception_type\nWK,20260303,1\nWK,20260304,1\nWK,20260304,2\n",
        });
        Assert.Equal(2, GtfsReader.ReadServiceDay(feed.Path, Tuesday).Trips.Length);
        Assert.Empty(GtfsReader.ReadServiceDay(feed.Path, new LocalDate(2026, 3, 4)).Trips);
    }

    [Fact]
    public void ReadServiceDay_RouteFilter_DropsOtherRouteTypesAndExcludedRoutes()
    {
        using var feed = new TestFeed(new()
        {
            ["routes.txt"] = "route_id,route_short_name,route_type\nR1,1,3\nR2,SKY,0\n",
            ["trips.txt"] = "route_id,service_id,trip_id\nR1,WK,T1\nR2,WK,T2\n",
        });
        Assert.Equal(["T1"], GtfsReader.ReadServiceDay(feed.Path, Tuesday, new GtfsTripFilter([3], [])).Trips.Select(t => t.TripId));
        Assert.Equal(["T1"], GtfsReader.ReadServiceDay(feed.Path, Tuesday, new GtfsTripFilter([], ["SKY"])).Trips.Select(t => t.TripId));
        Assert.Equal(new GtfsAgencyBlocks(null, null, 1, 2, []), GtfsReader.ReadServiceDay(feed.Path, Tuesday).AgencyBlocks() with { OverlappingBlockIds = [] });
    }

    [Fact]
    public void ReadServiceDay_Frequencies_ExpandIntoOneTripPerDeparture()
    {
        using var feed = new TestFeed(new()
        {
            ["trips.txt"] = "route_id,service_id,trip_id\nR1,WK,T1\nR1,WK,T2\n",
            ["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nT1,06:00:00,07:00:00,1800\n",
        });
        Assert.Equal(
            "T1@06:00:00 TH 06:00 → BS 07:10 block  | T1@06:30:00 TH 06:30 → BS 07:40 block  | T2 BS 07:30 → TH 08:40 block ",
            Summary(GtfsReader.ReadServiceDay(feed.Path, Tuesday)));
    }

    [Fact]
    public void ReadDayFeed_Frequencies_WritesEveryRunAsATripOfThatDayAlone()
    {
        using var feed = new TestFeed(new()
        {
            ["trips.txt"] = "route_id,service_id,trip_id,block_id,shape_id\nR1,WK,T1,B1,S1\nR1,WK,T2,B2,S1\n",
            ["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nT1,06:00:00,07:00:00,1800\n",
        });
        var day = GtfsReader.ReadDayFeed(feed.Path, Tuesday, filter: null, out _);
        Assert.Equal(["T1@06:00:00 B1 D20260303", "T1@06:30:00 B1 D20260303", "T2 B2 D20260303"],
            day.Trips.Select(t => $"{t.Id} {t.BlockId} {t.ServiceId}{t.ShapeId}"));
        Assert.Equal(["T1@06:30:00 1 TH 06:30 06:30", "T1@06:30:00 2 BS 07:40 07:40"],
            day.StopTimes.Where(s => s.TripId == "T1@06:30:00").Select(s => $"{s.TripId} {s.Sequence} {s.StopId} {s.Arrival} {s.Departure}"));
        Assert.Equal("D20260303 Tuesday", string.Join(",", day.Calendars.Select(c => $"{c.ServiceId} {c.Days}")));
        Assert.Empty(day.Frequencies);
        var reblocked = day.WithBlocks(new Dictionary<string, string> { ["T2"] = "V9" });
        Assert.Equal(["B1", "B1", "V9"], reblocked.Trips.Select(t => t.BlockId));
    }

    [Fact]
    public void AgencyBlocks_BlockIdWhoseTripsOverlap_IsNotCountedAsAVehicle()
    {
        var trips = new[]
        {
            new GtfsDayTrip("a", "R", "0", "X", ServiceTime.FromHms(7, 30), "Y", ServiceTime.FromHms(9, 2)),
            new GtfsDayTrip("b", "R", "0", "X", ServiceTime.FromHms(7, 40), "Y", ServiceTime.FromHms(8, 30)),
            new GtfsDayTrip("c", "R", "B1", "X", ServiceTime.FromHms(8, 0), "Y", ServiceTime.FromHms(8, 30)),
            new GtfsDayTrip("d", "R", "B1", "Y", ServiceTime.FromHms(8, 30), "X", ServiceTime.FromHms(9, 0)),
        };
        var blocks = GtfsAgencyBlocks.Of(trips);
        Assert.Equal("blockIds=1 peakBlocks=1 peakTrips=3 withoutBlock=2 overlapping=0",
            $"blockIds={blocks.BlockIds} peakBlocks={blocks.PeakBlocks} peakTrips={blocks.PeakTripsInService} withoutBlock={blocks.TripsWithoutBlock} overlapping={string.Join(",", blocks.OverlappingBlockIds)}");
    }

    // ---- broken feeds: the exact message a planner sees ----

    [Fact]
    public void Read_MissingRequiredFile_FailsNamingTheFile()
    {
        using var feed = new TestFeed(new() { ["stops.txt"] = null });
        Assert.Equal(
            [$"{feed.Path}/stops.txt: The required file is missing from the feed. Fix: Add stops.txt: every GTFS feed has agency, stops, routes, trips and stop_times."],
            Errors(feed));
    }

    [Fact]
    public void Read_NoCalendarAtAll_Fails()
    {
        using var feed = new TestFeed(new() { ["calendar.txt"] = null });
        Assert.Equal(
            [$"{feed.Path}/calendar.txt: The feed has neither calendar.txt nor calendar_dates.txt, so no trip runs on any date. Fix: Add calendar.txt (weekly pattern) or calendar_dates.txt (service dates), or both."],
            Errors(feed));
    }

    [Fact]
    public void Read_MissingRequiredColumn_FailsNamingTheColumn()
    {
        using var feed = new TestFeed(new() { ["trips.txt"] = "route_id,trip_id\nR1,T1\nR1,T2\n" });
        var errors = Errors(feed);
        Assert.Equal(
            $"{feed.Path}/trips.txt: The required column 'service_id' is missing. Fix: Add the column 'service_id' to the header line, as the GTFS reference defines it.",
            errors[0]);
    }

    [Fact]
    public void Read_UnknownStopInStopTimes_FailsWithFileAndLine()
    {
        using var feed = new TestFeed(new()
        {
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "T1,06:00:00,06:00:00,TH,1\nT1,07:10:00,07:10:00,XX,2\n"
                + "T2,07:30:00,07:30:00,BS,1\nT2,08:40:00,08:40:00,TH,2\n",
        });
        Assert.Equal(
            [$"{feed.Path}/stop_times.txt: line 3: Stop 'XX' of trip 'T1' is not in stops.txt. Fix: Add the stop to stops.txt or correct stop_id."],
            Errors(feed));
    }

    [Fact]
    public void Read_BadTime_FailsWithFileAndLine()
    {
        using var feed = new TestFeed(new()
        {
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "T1,06:00:00,06:00:00,TH,1\nT1,07:10:00,07:10:00,BS,2\n"
                + "T2,7h30,07:30:00,BS,1\nT2,08:40:00,08:40:00,TH,2\n",
        });
        Assert.Equal(
            [$"{feed.Path}/stop_times.txt: line 4: arrival_time '7h30' is not a time HH:MM:SS. Fix: Write arrival_time as HH:MM:SS; hours may pass 24 for trips after midnight (25:10:00), up to 48:00:00."],
            Errors(feed));
    }

    [Fact]
    public void Read_TimeGoingBackAfterMidnight_FailsWithTheLine()
    {
        using var feed = new TestFeed(new()
        {
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "T1,23:50:00,23:50:00,TH,1\nT1,00:40:00,00:40:00,BS,2\n"
                + "T2,07:30:00,07:30:00,BS,1\nT2,08:40:00,08:40:00,TH,2\n",
        });
        Assert.Equal(
            [$"{feed.Path}/stop_times.txt: line 3: Trip 'T1' goes back in time at stop_sequence 2 (00:40:00 after 23:50:00). Fix: Times along a trip never decrease: after midnight write 24:10:00, not 00:10:00."],
            Errors(feed));
    }

    [Fact]
    public void Read_TripWithoutStopTimes_IsSkippedWithAWarning()
    {
        using var feed = new TestFeed(new() { ["trips.txt"] = "route_id,service_id,trip_id,block_id\nR1,WK,T1,B1\nR1,WK,T2,B1\nR1,WK,T3,B2\n" });
        var read = GtfsReader.Read(feed.Path, out var warnings);
        Assert.Equal(["T1", "T2"], read.Trips.Select(t => t.Id));
        Assert.Equal(
            [$"{feed.Path}/trips.txt: Trip 'T3' has no stop times and nothing refers to it; skipped. Fix: Give the trip its stop times in stop_times.txt, or remove it from trips.txt."],
            warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Read_FrequencyOfTripWithoutStopTimes_Fails()
    {
        using var feed = new TestFeed(new()
        {
            ["trips.txt"] = "route_id,service_id,trip_id,block_id\nR1,WK,T1,B1\nR1,WK,T2,B1\nR1,WK,T3,B2\n",
            ["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nT3,06:00:00,07:00:00,600\n",
        });
        Assert.Equal(
            [$"{feed.Path}/frequencies.txt: line 2: Trip 'T3' repeats by frequency but has no stop times. Fix: Give the trip its stop times (the pattern the frequency repeats), or remove the frequency."],
            Errors(feed));
    }

    [Fact]
    public void Read_CalendarWithNoActiveDay_IsReportedAndTheServiceNeverRuns()
    {
        using var feed = new TestFeed(new()
        {
            ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,0,0,0,0,0,0,0,20260101,20261231\n",
        });
        GtfsReader.Read(feed.Path, out var warnings);
        Assert.Equal(
            [$"{feed.Path}/calendar.txt: line 2: Service 'WK' runs on no day of the week and calendar_dates.txt adds no date to it, so it never runs. Fix: Set at least one of monday…sunday to 1, or add its dates to calendar_dates.txt with exception_type 1."],
            warnings.Select(w => w.ToString()));
        Assert.Empty(GtfsReader.ReadServiceDay(feed.Path, Tuesday).Trips);
    }

    [Fact]
    public void Read_SeveralBrokenRows_ReportsEveryOne()
    {
        using var feed = new TestFeed(new()
        {
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "T1,06:00:00,06:00:00,TH,1\nT9,07:10:00,07:10:00,BS,2\n"
                + "T2,07:30:00,07:30:00,QQ,1\nT2,08:40:00,08:40:00,TH,x\n",
        });
        Assert.Equal(
            [
                $"{feed.Path}/stop_times.txt: line 3: Trip 'T9' is not in trips.txt. Fix: Add the trip to trips.txt or remove its stop times.",
                $"{feed.Path}/stop_times.txt: line 4: Stop 'QQ' of trip 'T2' is not in stops.txt. Fix: Add the stop to stops.txt or correct stop_id.",
                $"{feed.Path}/stop_times.txt: line 5: stop_sequence 'x' is not a whole number from 0 to 2147483647. Fix: Write stop_sequence as a whole number from 0 to 2147483647.",
                $"{feed.Path}/stop_times.txt: line 2: Trip 'T1' has only one stop time. Fix: A trip calls at two stops at least: add the others.",
            ],
            Errors(feed));
    }

    [Fact]
    public void Read_NotAZip_FailsWithoutAStackTrace()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a zip", Encoding.UTF8);
        var e = Assert.Throws<InputException>(() => GtfsReader.Read(path));
        Assert.Equal($"{path}: The file is not a zip archive. Fix: Name a GTFS zip file or a folder holding the feed's .txt files.", e.Problems.Single().ToString());
        File.Delete(path);
    }
}
