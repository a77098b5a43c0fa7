using System.Text.Json.Nodes;
using TransitPairs.IO.Tests.Gtfs;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

/// <summary><c>schedule --gtfs FEED --date D</c> on real agencies' days and on broken input.</summary>
public sealed class ScheduleGtfsTests(GtfsToolsFixture tools) : IClassFixture<GtfsToolsFixture>, IDisposable
{
    private static readonly string[] Permissive = ["--min-layover", "0", "--deadhead-speed", "80", "--detour-factor", "1.3"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-schedule-gtfs-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => Planning.Cli.Run(args);

    private static string Summary(JsonNode report) =>
        $"trips={report["trips"]} vehicles={report["vehicles"]} lowerBound={report["lowerBound"]} agencyBlockIds={report["agencyBlockIds"]} "
        + $"agencyPeakBlocks={report["agencyPeakBlocks"]} status={report["status"]} gap={report["gap"]}";

    /// <summary>
    /// Under the permissive model the fleet is the exact minimum of known.csv (trips minus a maximum
    /// matching), never more than the agency's own blocks need, proven optimal.
    /// </summary>
    private static void AssertExactMinimum(string feed)
    {
        var known = KnownFeed.Load(feed);
        var (code, output, error) = Run(["schedule", "--gtfs", known.ZipPath, "--date", known.Date.ToString("yyyy-MM-dd", null),
            .. known.FilterArguments(), .. Permissive, "--format", "json"]);
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(
            $"trips={known.Trips} vehicles={known.MinFleetPermissive} lowerBound={known.PeakTripsInService} agencyBlockIds={known.AgencyBlockIds} "
            + $"agencyPeakBlocks={known.AgencyPeakBlocks} status=optimal gap=0",
            Summary(report));
        Assert.True(report["vehicles"]!.GetValue<int>() <= known.AgencyPeakBlocks);
        Assert.Equal(80, report["emptyRunModel"]!["speedKmh"]!.GetValue<double>());
        Assert.Equal(1.3, report["emptyRunModel"]!["detourFactor"]!.GetValue<double>());
        Assert.Equal(0, report["emptyRunModel"]!["minLayoverMinutes"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("transcollines")]
    [InlineData("emerygoround")]
    [InlineData("kart")]
    public void ScheduleGtfs_SmallAgencyFeedPermissiveModel_ExactMinimumFleet(string feed) => AssertExactMinimum(feed);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("cherriots")]
    [InlineData("hart-2020")]
    public void ScheduleGtfs_LargeAgencyFeedPermissiveModel_ExactMinimumFleet(string feed) => AssertExactMinimum(feed);

    [Fact]
    public void ScheduleGtfs_DefaultModel_StatesItAndNeedsAtLeastThePermissiveFleet()
    {
        var known = KnownFeed.Load("transcollines");
        var (code, output, error) = Run("schedule", "--gtfs", known.ZipPath, "--date", "2020-08-24", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal("straight-line distance times 1.3 at 30 km/h, least layover 0 min", report["emptyRunModel"]!["description"]!.GetValue<string>());
        Assert.InRange(report["vehicles"]!.GetValue<int>(), known.MinFleetPermissive, known.Trips);
        Assert.Equal("optimal", report["status"]!.GetValue<string>());
    }

    [Fact]
    public void ScheduleGtfs_CsvFormat_OneRowPerBlockEventCoveringEveryTrip()
    {
        var known = KnownFeed.Load("emerygoround");
        var blocks = Path.Combine(_folder.FullName, "blocks.csv");
        var (code, output, error) = Run("schedule", "--gtfs", known.ZipPath, "--date", "2022-02-01", "--format", "csv", "--out", blocks);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("vehicle_id,seq,kind,trip_id", lines[0], StringComparison.Ordinal);
        Assert.Equal(known.Trips, lines.Count(l => l.Contains(",trip,", StringComparison.Ordinal)));
        Assert.Equal(output.ReplaceLineEndings(), File.ReadAllText(blocks).ReplaceLineEndings());
    }

    [Fact]
    public void ScheduleGtfs_OutGtfs_WritesTheDayWithOurVehiclesAsBlocks_ReadByUsAndByGtfsImport()
    {
        var known = KnownFeed.Load("emerygoround");
        var zip = Path.Combine(_folder.FullName, "ours.zip");
        var (code, output, error) = Run("schedule", "--gtfs", known.ZipPath, "--date", "2022-02-01", "--format", "json", "--out-gtfs", zip);
        Assert.True(code == ExitCodes.Ok, error);
        var vehicles = JsonNode.Parse(output)!["vehicles"]!.GetValue<int>();
        var day = IO.Gtfs.GtfsReader.ReadServiceDay(zip, known.Date);
        var blocks = day.AgencyBlocks();
        Assert.Equal($"trips={known.Trips} blockIds={vehicles} peakBlocks={vehicles}", $"trips={day.Trips.Length} blockIds={blocks.BlockIds} peakBlocks={blocks.PeakBlocks}");
        var counts = tools.ImportAndCount(zip);
        Assert.Equal($"trips={known.Trips} blocks={vehicles}", $"trips={counts.Trips} blocks={counts.Blocks}");
    }

    [Fact]
    public void ScheduleGtfs_NoDate_ExitsTwoAndSaysWhatToAdd()
    {
        var (code, output, error) = Run("schedule", "--gtfs", "feed.zip");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Equal("error: command line: --date: A GTFS feed needs a service date. Fix: Add --date YYYY-MM-DD, a day the feed's calendar covers.", error.Trim());
    }

    [Fact]
    public void ScheduleGtfs_BadOptions_EveryProblemAtOnce()
    {
        var (code, _, error) = Run("schedule", "--gtfs", "feed.zip", "--date", "2020-13-01", "--route-types", "bus", "--deadhead-speed", "0", "--detour-factor", "0.5");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            [
                "error: command line: --date: '2020-13-01' is not a date YYYY-MM-DD. Fix: Write the date as YYYY-MM-DD, for example 2020-11-16.",
                "error: command line: --route-types: 'bus' is not a GTFS route type. Fix: List route types as whole numbers, comma-separated (3 = bus, 0 = tram).",
                "error: command line: --deadhead-speed: 0 km/h is not an empty-run speed. Fix: Give a speed above 0 and at most 200 km/h.",
                "error: command line: --detour-factor: 0.5 is not a detour factor. Fix: Give a factor from 1 (straight line) to 5.",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Schedule_BothTripsAndGtfs_ExitsTwo()
    {
        var (code, _, error) = Run("schedule", "--gtfs", "feed.zip", "--trips", "trips.csv", "--date", "2020-01-01");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: command line: --trips / --gtfs: Both --trips and --gtfs are given.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_GtfsOptionWithoutGtfs_ExitsTwo()
    {
        var (code, _, error) = Run("schedule", "--trips", "trips.csv", "--date", "2020-01-01");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: command line: --date: --date applies to a GTFS feed only. Fix: Add --gtfs FEED, or leave the option out.", error.Trim());
    }

    [Fact]
    public void ScheduleGtfs_FeedMissingAFile_ExitsTwoWithTheFileAndNoStackTrace()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_folder.FullName, "feed")).FullName;
        File.WriteAllText(Path.Combine(feed, "agency.txt"), "agency_name,agency_url,agency_timezone\nA,https://example.org,Asia/Shanghai\n");
        var (code, output, error) = Run("schedule", "--gtfs", feed, "--date", "2026-03-03");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Contains($"error: {feed}/stops.txt: The required file is missing from the feed.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleGtfs_DateOutsideTheCalendar_ExitsTwoAndSaysSo()
    {
        var known = KnownFeed.Load("kart");
        var (code, _, error) = Run("schedule", "--gtfs", known.ZipPath, "--date", "1999-01-01");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            $"error: {known.ZipPath}: No trip runs on 1999-01-01 after the route filter. Fix: Pick a date the feed's calendar covers, or loosen --route-types / --exclude-routes.",
            error.Trim());
    }
    [Fact]
    public void ScheduleGtfs_TripWithNoRunningTime_IsScheduledLikeAnyOther()
    {
        // Some real feeds record a short hop with the same time at both ends.
        var feed = Directory.CreateDirectory(Path.Combine(_folder.FullName, "hop")).FullName;
        File.WriteAllText(Path.Combine(feed, "agency.txt"), "agency_id,agency_name,agency_url,agency_timezone\nTP,通化公交,https://example.org,Asia/Shanghai\n");
        File.WriteAllText(Path.Combine(feed, "stops.txt"), "stop_id,stop_name,stop_lat,stop_lon\nTH,通化客运站,41.7283,125.9397\nBS,白山客运站,41.9440,126.4147\n");
        File.WriteAllText(Path.Combine(feed, "routes.txt"), "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,TP,1,通化—白山,3\n");
        File.WriteAllText(Path.Combine(feed, "trips.txt"), "route_id,service_id,trip_id\nR1,WK,T1\nR1,WK,T2\nR1,WK,T3\n");
        File.WriteAllText(Path.Combine(feed, "stop_times.txt"), "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "T1,06:00:00,06:00:00,TH,1\nT1,07:10:00,07:10:00,BS,2\nT2,07:30:00,07:30:00,BS,1\nT2,08:40:00,08:40:00,TH,2\n"
            + "T3,08:00:00,08:00:00,TH,1\nT3,08:00:00,08:00:00,BS,2\n");
        File.WriteAllText(Path.Combine(feed, "calendar.txt"), "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260101,20261231\n");
        var (code, output, error) = Run("schedule", "--gtfs", feed, "--date", "2026-03-03", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal("trips=3 vehicles=2 status=optimal", $"trips={report["trips"]} vehicles={report["vehicles"]} status={report["status"]}");
    }
}
