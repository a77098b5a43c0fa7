using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using CsvHelper;
using TransitPairs.IO.Gtfs;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.TestSupport;
using Xunit.Abstractions;

namespace TransitPairs.Cli.Tests.Planning;

[Collection(BundledPlansCollection.Name)]
public sealed class PlanCommandTests(BundledPlans plans, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios() => [.. BundledPlans.Scenarios, BundledPlans.PlainPlan];

    private static List<Dictionary<string, string>> Rows(string csvPath)
    {
        var rows = new List<Dictionary<string, string>>();
        using var csv = CsvReader.FromFile(csvPath, new CsvReaderOptions { Separator = ',' });
        csv.ReadHeader();
        var header = csv.Headers.ToList();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetString(h) ?? string.Empty, StringComparer.Ordinal));
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plan_BundledScenario_WritesEveryFileAndTheyAgreeOnTheTrips(string scenario)
    {
        var (code, stdout, stderr) = plans.Results[scenario];
        Assert.True(code == 0, $"plan {scenario} exited {code}: {stderr}");
        var folder = plans.Folder(scenario);
        Assert.Equal(["blocks.csv", "duties.csv", "gtfs.zip", "kpis.json", "report.html", "timetable.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, $".{scenario}.*"));
        // Battery-aware blocks (energy checked) exactly where the fleet has battery buses and plain blocks were not asked for.
        var batteryAware = scenario != BundledPlans.PlainPlan && Planner.HasBatteryBuses(ScenarioLoader.Load(BundledPlans.ScenarioPath(scenario)));
        Assert.Equal(batteryAware, (bool)JsonNode.Parse(stdout)!["kpis"]!["energyChecked"]!);

        var timetableTrips = Rows(Path.Combine(folder, "timetable.csv")).Select(r => r["trip_id"]).ToList();
        var blockTrips = Rows(Path.Combine(folder, "blocks.csv")).Where(r => r["kind"] == "trip").Select(r => r["trip_id"]).ToList();
        var feed = GtfsReader.Read(Path.Combine(folder, "gtfs.zip"));
        var kpis = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kpis.json")))!;
        var printed = JsonNode.Parse(stdout)!;

        var departures = (int)kpis["kpis"]!["departures"]!;
        Assert.True(departures > 0);
        Assert.Equal(
            $"timetable={departures} blocks={departures} distinct-in-blocks={departures} gtfs={departures} gtfs-blocks={kpis["kpis"]!["vehicles"]}",
            $"timetable={timetableTrips.Count} blocks={blockTrips.Count} distinct-in-blocks={blockTrips.Distinct().Count()} gtfs={feed.Trips.Length} gtfs-blocks={feed.Trips.Select(t => t.BlockId).Distinct().Count()}");
        Assert.Equal(timetableTrips.Order(StringComparer.Ordinal), feed.Trips.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(timetableTrips.Order(StringComparer.Ordinal), blockTrips.Order(StringComparer.Ordinal));
        Assert.Equal(kpis["kpis"]!.ToJsonString(), printed["kpis"]!.ToJsonString());
        Assert.True((int)kpis["kpis"]!["vehicles"]! >= (int)kpis["kpis"]!["vehicleLowerBound"]!);
    }

    [Fact]
    public void Plan_SipingLiaoyuanPlainBlocks_FleetEqualsTheBoundAndCostFollowsTheStatedModel()
    {
        var kpis = JsonNode.Parse(File.ReadAllText(Path.Combine(plans.Folder(BundledPlans.PlainPlan), "kpis.json")))!["kpis"]!;
        var vehicles = (int)kpis["vehicles"]!;
        Assert.Equal(vehicles, (int)kpis["vehicleLowerBound"]!);
        Assert.Equal(0.0, (double)kpis["vehicleGap"]!);

        // e12-422: 420 yuan per vehicle-day without drivers and 0.9 yuan per km (data/vehicle-types.json); 0.88 kWh/km
        // in summer; drivers: 30 yuan per paid hour (policy.driverRules default), counted once, in the driver cost only.
        var km = (double)kpis["serviceKm"]! + (double)kpis["emptyKm"]!;
        Assert.True((double)kpis["paidHours"]! > 0, "the plan has duties");
        Assert.Equal(30 * (double)kpis["paidHours"]!, (double)kpis["driverCostYuan"]!, 0.5 + (0.005 * 30));
        Assert.Equal((420 * vehicles) + (0.9 * km), (double)kpis["vehicleCostYuan"]!, 0.5 + (0.05 * 0.9));
        Assert.Equal((420 * vehicles) + (0.9 * km) + (30 * (double)kpis["paidHours"]!), (double)kpis["operatingCostYuan"]!, 0.5 + (0.05 * 0.9) + (0.005 * 30));
        Assert.Equal((double)kpis["vehicleCostYuan"]! + (double)kpis["driverCostYuan"]!, (double)kpis["operatingCostYuan"]!, 1.0);
        Assert.Equal(0.88 * km, (double)kpis["energyKwh"]!, 0.5 + (0.05 * 0.88));
        Assert.Equal(0.0, (double)kpis["dieselLitres"]!);
    }

    [Fact]
    public void Report_BaishanTonghuaWithBatteryBlocks_OpensInChromiumWithEveryChartDrawnAndNoScriptError()
    {
        var report = Path.Combine(plans.Folder("baishan-tonghua"), "report.html");
        var dom = HeadlessChromium.DumpDom(report);
        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Null(HeadlessChromium.BodyData(dom, "errors"));
        Assert.Contains("通化", dom, StringComparison.Ordinal);
        Assert.Contains("baishan-tonghua-out-001", dom, StringComparison.Ordinal);
        Assert.Contains("charging at", dom, StringComparison.Ordinal);

        var png = Path.Combine(plans.Root, "out", "screenshots", "report-baishan-tonghua.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        HeadlessChromium.Screenshot(report, png, 1400, 2400);
        output.WriteLine($"screenshot: {png}");
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.True(bytes.Length > 20_000, $"The screenshot has only {bytes.Length} bytes: the page looks blank.");
    }

    [Fact]
    public void Plan_BatteryBuses_BlocksChargeAndPassTheBatteryChecker()
    {
        var blocks = Rows(Path.Combine(plans.Folder("baishan-tonghua"), "blocks.csv"));
        Assert.Contains(blocks, r => r["kind"] == "charge");
        var kpis = JsonNode.Parse(plans.Results["baishan-tonghua"].Out)!;
        Assert.Contains(kpis["notes"]!.AsArray(), n => ((string)n!).Contains("battery-aware", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_BaichengSongyuanProposalCoachesInWinter_ExitsOneWithNeededAgainstUsableKwhAndRemedies()
    {
        // The proposal's 365 kWh coaches on a winter day: the README's infeasibility example.
        var folder = Path.Combine(plans.Root, "winter-battery");
        var (code, _, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("baicheng-songyuan-proposal"), "--set", "season=winter", "--out", folder, "--time-limit", "10");
        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains("is 205 km and needs 328 kWh in winter on a c9-365", stderr, StringComparison.Ordinal);
        Assert.Contains("the largest usable pack is 292 kWh", stderr, StringComparison.Ordinal);
        Assert.Contains("a pack of at least 430 kWh on c9-365 (338 kWh usable): --set vehicleTypes.c9-365.battery.packKwh=430", stderr, StringComparison.Ordinal);
        Assert.Contains("--set fleet.DEPOT.diesel-coach=N", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Plan_Twice_SameSeedGivesByteIdenticalFiles()
    {
        // One depot (exact min-cost flow): the plan of a fleet moved to Baishan, twice. The budget is far beyond the
        // second the timetable needs to be proven optimal, so no solve is cut by the clock of a loaded machine.
        var once = Path.Combine(plans.Root, "once");
        var first = Cli.Run("plan", BundledPlans.ScenarioPath("baishan-tonghua"), "--out", once, "--time-limit", "600", "--threads", "1", "--blocks", "plain",
            "--set", "fleet.tonghua-depot=null", "--set", "fleet.baishan-depot.e12-350=12");
        Assert.True(first.Code == 0, first.Error);
        var again = Path.Combine(plans.Root, "again");
        var (code, _, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("baishan-tonghua"), "--out", again, "--time-limit", "600", "--threads", "1", "--blocks", "plain",
            "--set", "fleet.tonghua-depot=null", "--set", "fleet.baishan-depot.e12-350=12");
        Assert.True(code == 0, stderr);
        // kpis.json and report.html also carry the solver seconds, which differ from run to run.
        foreach (var file in new[] { "timetable.csv", "blocks.csv", "gtfs.zip" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(once, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), $"{file} differs");
        }

        Directory.Delete(again, recursive: true);
    }

    [Fact]
    public void Plan_BatteryBlocksProvenOptimalWithinTheBudget_RepeatByteForByte()
    {
        // Baishan–Tonghua's 24 trips: both stages end proven optimal in a second or two. The budget is far beyond that, so
        // the solves end by proof and never by the clock, however loaded the machine: status and files cannot depend on it.
        string[] Plan(string folder) => ["plan", BundledPlans.ScenarioPath("baishan-tonghua"), "--out", folder, "--time-limit", "600", "--threads", "1", "--format", "json"];
        var once = Path.Combine(plans.Root, "battery-once");
        var again = Path.Combine(plans.Root, "battery-again");
        var first = Cli.Run(Plan(once));
        var second = Cli.Run(Plan(again));
        Assert.True(first.Code == 0, first.Error);
        Assert.True(second.Code == 0, second.Error);
        var kpis = JsonNode.Parse(first.Out)!["kpis"]!;
        Assert.Equal("optimal optimal", $"{kpis["timetableStatus"]} {kpis["blocksStatus"]}");
        foreach (var file in new[] { "timetable.csv", "blocks.csv", "gtfs.zip" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(once, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), $"{file} differs");
        }

        Directory.Delete(once, recursive: true);
        Directory.Delete(again, recursive: true);
    }

    [Fact]
    public void Plan_SipingLiaoyuanGrowthWithHalfASecond_ACheckedBatteryPlanOrAPlainTimeOut()
    {
        // Half a second for 61 trips on a machine that may be busy (CI runs four test assemblies at once): the planner
        // either returns battery blocks that passed its independent energy check (else exit 70), between the bound and
        // the fleet, or, when the clock stops the timetable before any departure pattern is found, exits 1 saying so
        // with more time as the remedy. Which of the two depends on the machine's load; a wrong answer never does.
        var folder = Path.Combine(plans.Root, "half-second");
        var (code, stdout, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("siping-liaoyuan-growth"), "--out", folder, "--time-limit", "0.5", "--format", "json");
        if (code == ExitCodes.Ok)
        {
            var kpis = JsonNode.Parse(stdout)!["kpis"]!;
            Assert.Contains((string)kpis["blocksStatus"]!, new[] { "optimal", "feasible" });
            Assert.True((bool)kpis["energyChecked"]!);
            Assert.InRange((int)kpis["vehicles"]!, (int)kpis["vehicleLowerBound"]!, 20);
            Directory.Delete(folder, recursive: true);
            return;
        }

        Assert.True(code == ExitCodes.NoFeasiblePlan, $"exit {code}: {stderr}");
        Assert.Contains("within 0.", stderr, StringComparison.Ordinal);
        Assert.Contains("more time: --time-limit", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Plan_BadScenarioPath_ExitsTwoAndWritesNothing()
    {
        var folder = Path.Combine(plans.Root, "never");
        var (code, _, stderr) = Cli.Run("plan", Path.Combine(plans.Root, "missing.json"), "--out", folder);
        Assert.Equal(2, code);
        Assert.Contains("missing.json", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Plan_DateOnAPublicHoliday_TakesDayTypeAndSeasonFromTheCalendar()
    {
        var folder = Path.Combine(plans.Root, "holiday");
        var (code, stdout, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("siping-liaoyuan"), "--date", "2026-10-02", "--out", folder, "--time-limit", "10", "--format", "json", "--blocks", "plain");
        Assert.True(code == 0, stderr);
        var document = JsonNode.Parse(stdout)!;
        Assert.Equal("2026-10-02 holiday shoulder", $"{document["serviceDate"]} {document["dayType"]} {document["season"]}");

        // Holiday demand is ×1.4 of the weekday counts: more departures than the weekday plan.
        var weekday = JsonNode.Parse(plans.Results["siping-liaoyuan"].Out)!;
        Assert.True((int)document["kpis"]!["departures"]! > (int)weekday["kpis"]!["departures"]!);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Plan_Range_OnePlanPerDayAndOneFeedWithTheRightCalendarDates()
    {
        var folder = Path.Combine(plans.Root, "range");
        // Tuesday 6 to Sunday 11 October 2026: the last National Day holidays (to the 7th), Thursday and Friday, a make-up working Saturday (the 10th), a Sunday; all between summer and winter.
        var (code, stdout, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("baishan-tonghua"), "--from", "2026-10-06", "--to", "2026-10-11", "--out", folder, "--time-limit", "10", "--blocks", "plain");
        Assert.True(code == 0, stderr);
        output.WriteLine(stdout);
        Assert.Equal(["2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-11"],
            Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var feed = GtfsReader.Read(Path.Combine(folder, "gtfs.zip"));
        Assert.Equal(
            "20261006 holiday-shoulder | 20261007 holiday-shoulder | 20261008 weekday-shoulder | 20261009 weekday-shoulder | 20261010 weekday-shoulder | 20261011 weekend-shoulder",
            string.Join(" | ", feed.CalendarDates.Select(d => $"{d.Date:yyyyMMdd} {d.ServiceId}")));
        foreach (var day in Directory.GetDirectories(folder))
        {
            var dayFeed = GtfsReader.Read(Path.Combine(day, "gtfs.zip"));
            var kind = feed.CalendarDates.Single(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == Path.GetFileName(day)).ServiceId;
            Assert.Equal(dayFeed.Trips.Length, feed.Trips.Count(t => t.ServiceId == kind));
        }

        using (var zip = ZipFile.OpenRead(Path.Combine(folder, "gtfs.zip")))
        {
            Assert.Null(zip.GetEntry("calendar.txt"));
        }

        Directory.Delete(folder, recursive: true);
    }
}
