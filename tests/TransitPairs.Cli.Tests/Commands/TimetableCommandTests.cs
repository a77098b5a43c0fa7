using System.Text.Json.Nodes;
using TransitPairs.TestSupport;
using TransitPairs.Time;

namespace TransitPairs.Cli.Tests.Commands;

public sealed class TimetableCommandTests
{
    private static string Scenario(string name) => Path.Combine(TestPaths.Data, "scenarios", name);

    private static (int Code, string Out, string Error) Run(params string[] args) => Planning.Cli.Run(args);

    [Theory]
    [MemberData(nameof(ValidateCommandTests.BundledScenarios), MemberType = typeof(ValidateCommandTests))]
    public void Timetable_BundledScenario_SucceedsAndRespectsItsPolicy(string scenario)
    {
        var (code, output, error) = Run("timetable", Scenario(scenario), "--time-limit", "2", "--threads", "1", "--seed", "1", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        Assert.Contains(report["status"]!.GetValue<string>(), new[] { "optimal", "feasible" });
        var trips = report["trips"]!.AsArray();
        foreach (var policy in report["policy"]!.AsArray())
        {
            var corridor = policy!["corridor"]!.GetValue<string>();
            var direction = policy["direction"]!.GetValue<string>();
            var first = ServiceTime.Parse(policy["firstDeparture"]!.GetValue<string>());
            var last = ServiceTime.Parse(policy["lastDeparture"]!.GetValue<string>());
            var minHeadway = policy["minHeadwayMinutes"]!.GetValue<int>();
            var maxHeadway = policy["maxHeadwayMinutes"]!.GetValue<int>();
            var departures = trips
                .Where(t => t!["corridor"]!.GetValue<string>() == corridor && t["direction"]!.GetValue<string>() == direction)
                .Select(t => ServiceTime.Parse(t!["departure"]!.GetValue<string>()))
                .Order()
                .ToList();
            Assert.NotEmpty(departures);
            Assert.All(departures, d => Assert.InRange(d.TotalMinutes, first.TotalMinutes, last.TotalMinutes));
            for (var i = 1; i < departures.Count; i++)
            {
                Assert.InRange(departures[i].TotalMinutes - departures[i - 1].TotalMinutes, minHeadway, maxHeadway);
            }
        }

        foreach (var direction in report["kpis"]!["directions"]!.AsArray())
        {
            Assert.InRange(direction!["headwayMinMinutes"]!.GetValue<int>(), 1, int.MaxValue);
        }
    }

    [Fact]
    public void Timetable_BaishanTonghuaToday_TwelveEachWaySeatedOnlyAndBothTrainsMet()
    {
        var (code, output, error) = Run("timetable", Scenario("baishan-tonghua.json"), "--time-limit", "2", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        var directions = report["kpis"]!["directions"]!.AsArray();
        Assert.Equal([12, 12], directions.Select(d => d!["departures"]!.GetValue<int>()));
        // The express runs on the expressway: seated-only, so 39 seats of the E12 are its capacity.
        Assert.Equal(39, report["policy"]![0]!["capacity"]!["express"]!.GetValue<int>());
        Assert.Equal(2, report["kpis"]!["transfersMet"]!.GetValue<int>());
        Assert.All(report["transfers"]!.AsArray(), t => Assert.True(t!["met"]!.GetValue<bool>()));
        // Trips come by departure, then id: both first departures leave at 06:30.
        Assert.Equal("baishan-tonghua-in-001 06:30", $"{report["trips"]![0]!["trip_id"]} {report["trips"]![0]!["departure"]}");
    }

    [Fact]
    public void Timetable_SameSeedOneThread_SameOutputTwice()
    {
        // The limit is wall clock: generous, so that the solve ends proven optimal (well under a second) and nothing depends on the machine's load.
        string[] args = ["timetable", Scenario("siping-liaoyuan-growth.json"), "--time-limit", "600", "--threads", "1", "--seed", "5", "--objective", "even-load", "--format", "json"];
        var a = Run(args);
        var b = Run(args);
        Assert.Equal(ExitCodes.Ok, a.Code);
        Assert.Equal("optimal", JsonNode.Parse(a.Out)!["status"]!.GetValue<string>());
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Timetable_OutAndCsv_OneRowPerTripWrittenToTheFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "transitpairs-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "timetable.csv");
        try
        {
            var (code, output, error) = Run("timetable", Scenario("baicheng-songyuan.json"), "--time-limit", "2", "--format", "csv", "--out", file);
            Assert.True(code == ExitCodes.Ok, error);
            var lines = File.ReadAllLines(file);
            Assert.Equal("trip_id,corridor,pattern,direction,origin,destination,departure,arrival,stops", lines[0]);
            Assert.Equal(output.Replace("\r", string.Empty, StringComparison.Ordinal), string.Join('\n', lines) + "\n");
            Assert.Equal(8, lines.Length - 1);
            Assert.StartsWith("baicheng-songyuan-in-001,baicheng-songyuan,", lines[1], StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Timetable_BadOptions_ExitTwoNamingEach()
    {
        var (code, _, error) = Run("timetable", Scenario("baishan-tonghua.json"), "--time-limit", "0", "--threads", "0");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--time-limit", error, StringComparison.Ordinal);
        Assert.Contains("--threads", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timetable_HeadwaysThatCannotCoverTheSpan_ExitOneWithTheReason()
    {
        // 06:00–07:40 with headways of 55–60 min: neither one nor two intervals fit 100 minutes.
        var (code, _, error) = Run("timetable", Scenario("siping-liaoyuan.json"), "--time-limit", "2",
            "--set", "policy.outbound.lastDeparture=07:40", "--set", "policy.minHeadwayMinutes=55", "--set", "policy.maxHeadwayMinutes=60");
        Assert.True(code == ExitCodes.NoFeasiblePlan, error);
        Assert.Contains("headway", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timetable_Table_ShowsEachDirectionAndItsKpis()
    {
        var (code, output, error) = Run("timetable", Scenario("baishan-tonghua-proposal.json"), "--time-limit", "2");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("baishan-tonghua outbound: baishan-terminal → tonghua-terminal", output, StringComparison.Ordinal);
        Assert.Contains("headway min/mean/max", output, StringComparison.Ordinal);
        Assert.Contains("transfers met 2 of 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Timetable_SegmentLoadsForTheLocal_LoadProfileMethodSizesItsDepartures()
    {
        // Local Siping → Dongliao (78 km) → Liaoyuan (14 km), 08h: 100 then 20 on board.
        // Seated-only (expressway): c = 39, d0 = 0.8 × 39 → 31.
        // A / (d0 L) = (100·78 + 20·14) / (31·92) = 8,080 / 2,852 = 2.83; P_m / c = 100 / 39 = 2.56
        // → 3 local departures at 08h (the max-load-point method would ask for 100 / 31 → 4).
        using var workspace = new ScenarioWorkspace();
        workspace.Write("demand/siping-liaoyuan-local-segments.csv",
            "hour,direction,pattern,from,to,passengers\n8,outbound,local,siping-terminal,dongliao,100\n8,outbound,local,dongliao,liaoyuan-terminal,20\n");
        workspace.EditJson("scenarios/siping-liaoyuan.json", s =>
            s["demand"]!["profiles"]!["siping-liaoyuan"]!["segmentFiles"] = new JsonArray("../demand/siping-liaoyuan-local-segments.csv"));
        var (code, output, error) = workspace.Run("timetable", "scenarios/siping-liaoyuan.json", "--time-limit", "2", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var trips = JsonNode.Parse(output)!["trips"]!.AsArray();
        var localAtEight = trips.Count(t => t!["pattern"]!.GetValue<string>() == "local"
            && t["direction"]!.GetValue<string>() == "outbound"
            && t["departure"]!.GetValue<string>().StartsWith("08:", StringComparison.Ordinal));
        Assert.Equal(3, localAtEight);
        Assert.DoesNotContain(trips, t => t!["pattern"]!.GetValue<string>() == "local" && t["direction"]!.GetValue<string>() == "inbound");
    }

    [Fact]
    public void Timetable_FleetTolerance_SavesAVehicleOnSipingLiaoyuanGrowthAndKeepsThePolicy()
    {
        // ±15 minutes let the growth scenario run with one bus fewer (10 → 9, without empty runs).
        var (code, output, error) = Run("timetable", Scenario("siping-liaoyuan-growth.json"), "--time-limit", "3", "--fleet-tolerance", "15", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var fleet = JsonNode.Parse(output)!["fleet"]!;
        Assert.Equal("10 → 9, bound 9", $"{fleet["vehiclesBefore"]} → {fleet["vehiclesAfter"]}, bound {fleet["vehiclesBound"]}");
        Assert.InRange(fleet["maxShiftMinutes"]!.GetValue<int>(), 1, 15);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Timetable_FleetToleranceOutOfRange_ExitTwo()
    {
        var (code, _, error) = Run("timetable", Scenario("baishan-tonghua.json"), "--fleet-tolerance", "90");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--fleet-tolerance", error, StringComparison.Ordinal);
    }
}
