using System.Text.Json.Nodes;
using TransitPairs.IO.Planning;
using TransitPairs.IO.Scenarios;
using TransitPairs.Validation;
using Xunit.Abstractions;

namespace TransitPairs.Cli.Tests.Planning;

[Collection(BundledPlansCollection.Name)]
public sealed class CompareAndSweepTests(BundledPlans plans, ITestOutputHelper output)
{
    private static JsonNode Kpi(JsonNode comparison, string key) =>
        comparison["kpis"]!.AsArray().Single(k => (string)k!["key"]! == key)!;

    [Fact]
    public void Compare_SummerAgainstWinter_WinterDrawsMoreEnergyAndTakesLonger()
    {
        var (code, stdout, stderr) = Cli.Run("compare", BundledPlans.ScenarioPath("siping-liaoyuan"), BundledPlans.ScenarioPath("siping-liaoyuan-winter"),
            "--time-limit", "10", "--blocks", "plain", "--format", "json", "--report", Path.Combine(plans.Root, "compare-seasons.html"));
        Assert.True(code == 0, stderr);
        var comparison = JsonNode.Parse(stdout)!;
        Assert.Equal("siping-liaoyuan", (string)comparison["baseline"]!);

        // e12-422: 0.88 kWh/km in summer, 1.40 in winter: at least +50 % on the same kilometres.
        Assert.True((double)Kpi(comparison, "energyKwh")["relativeDifferences"]![1]! > 0.5);
        Assert.True((double)Kpi(comparison, "vehicleHours")["differences"]![1]! > 0);
        Assert.True((double)Kpi(comparison, "vehicles")["differences"]![1]! >= 0);
        var values = Kpi(comparison, "energyKwh")["values"]!.AsArray().Select(v => (double)v!).ToList();
        Assert.Equal(values[1] - values[0], (double)Kpi(comparison, "energyKwh")["differences"]![1]!, 6);

        var html = File.ReadAllText(Path.Combine(plans.Root, "compare-seasons.html"));
        Assert.Contains("siping-liaoyuan-winter", html, StringComparison.Ordinal);
        Assert.Contains("Key figures side by side", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DemandTimesOneAgainstTimesOnePointThree_MoreDeparturesAndMoreVehicles()
    {
        var (code, stdout, stderr) = Cli.Run("compare", BundledPlans.ScenarioPath("siping-liaoyuan"), BundledPlans.ScenarioPath("siping-liaoyuan-growth"),
            "--time-limit", "10", "--blocks", "plain", "--format", "csv");
        Assert.True(code == 0, stderr);
        output.WriteLine(stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kpi,unit,siping-liaoyuan,siping-liaoyuan-growth,siping-liaoyuan-growth_diff,siping-liaoyuan-growth_rel", lines[0]);
        double Diff(string key) => double.Parse(lines.Single(l => l.StartsWith(key + ",", StringComparison.Ordinal)).Split(',')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Diff("departures") > 0);
        Assert.True(Diff("vehicles") > 0);
        Assert.True(Diff("operatingCostYuan") > 0);
    }

    [Fact]
    public void Sweep_DemandScaleOverACorridor_NineRowsAndTwoShardsMergedEqualTheUnshardedSweep()
    {
        var scenario = BundledPlans.ScenarioPath("baishan-tonghua-proposal");
        // One depot: the exact min-cost-flow blocks, which repeat on every run (the multi-depot column
        // generation works to a wall-clock budget and may return another equally cheap block set). The budget is
        // generous so that every timetable ends proven optimal, never cut by the clock of a loaded machine.
        string[] common = ["sweep", scenario, "--vary", "demand.scale=0.8:1.6:0.1", "--time-limit", "600", "--blocks", "plain",
            "--set", "fleet.tonghua-depot=null", "--set", "fleet.baishan-depot.e12-350=12"];
        var whole = Path.Combine(plans.Root, "sweep.csv");
        var (code, _, stderr) = Cli.Run([.. common, "--out", whole]);
        Assert.True(code == 0, stderr);
        for (var i = 1; i <= 2; i++)
        {
            var shard = Cli.Run([.. common, "--shard", $"{i}/2", "--out", Path.Combine(plans.Root, $"sweep-{i}.csv")]);
            Assert.True(shard.Code == 0, shard.Error);
        }

        var merged = Path.Combine(plans.Root, "sweep-merged.csv");
        var merge = Cli.Run("sweep", "--merge", Path.Combine(plans.Root, "sweep-2.csv"), Path.Combine(plans.Root, "sweep-1.csv"), "--out", merged);
        Assert.True(merge.Code == 0, merge.Error);

        var table = SweepTable.Read(whole);
        output.WriteLine(File.ReadAllText(whole));
        Assert.Equal(["0.8", "0.9", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"], table.Rows.Select(r => r[2]));
        Assert.All(table.Rows, r => Assert.Equal("ok", r[3]));
        var departures = table.Rows.Select(r => int.Parse(r[table.Header.IndexOf("departures")], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(departures[^1] > departures[0], "More demand must bring more departures.");
        Assert.Equal(departures.Order(), departures);
        Assert.Equal([5, 4], new[] { 1, 2 }.Select(i => SweepTable.Read(Path.Combine(plans.Root, $"sweep-{i}.csv")).Rows.Length));
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));
    }

    [Fact]
    public void SweepMerge_ShardMissing_ExitsTwoNamingTheMissingVariants()
    {
        var slice = Path.Combine(plans.Root, "lonely-slice.csv");
        var grid = SweepGrid.Parse(["demand.scale=1:1.2:0.1"]);
        var row = SweepTable.Row(grid, grid.Variants().First(), kpis: null);
        using (var writer = File.CreateText(slice))
        {
            new SweepTable(SweepTable.HeaderOf(grid), [row]).Write(writer, "csv");
        }

        var (code, _, stderr) = Cli.Run("sweep", "--merge", slice);
        Assert.Equal(2, code);
        Assert.Contains("2 of 3 variants are missing (first: 2)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepGrid_FloatingPointSteps_EveryValueExactlyOnceBothEndsIncluded()
    {
        var grid = SweepGrid.Parse(["demand.scale=0.8:1.6:0.1", "season=summer,winter"]);
        Assert.Equal(18, grid.Count);
        Assert.Equal("1:0.8 summer|2:0.8 winter|3:0.9 summer", string.Join('|', grid.Variants().Take(3).Select(v => $"{v.Number}:{string.Join(' ', v.Values)}")));
        Assert.Equal("18:1.6 winter", grid.Variants().Select(v => $"{v.Number}:{string.Join(' ', v.Values)}").Last());
        Assert.Equal([1, 3, 5, 7, 9, 11, 13, 15, 17], grid.Shard(1, 2).Select(v => v.Number));
        Assert.Equal(["0.3", "0.6", "0.9"], SweepGrid.Parse(["x=0.3:1.0:0.3"]).Axes[0].Values.ToArray());
    }

    [Fact]
    public void SweepGrid_FleetBatteryAlias_DealsTheVehiclesOverTheBatteryAllocations()
    {
        var grid = SweepGrid.Parse(["fleet.battery=8:9:1"]);
        var composed = ScenarioLoader.Compose(BundledPlans.ScenarioPath("siping-liaoyuan"))!;
        var nine = grid.Overrides(grid.Variants().Last(), composed);
        Assert.Equal("fleet.liaoyuan-depot.e12-422=5 fleet.siping-depot.e12-422=4", string.Join(' ', nine.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
        var scenario = ScenarioLoader.Load(BundledPlans.ScenarioPath("siping-liaoyuan"), nine);
        Assert.Equal(9, scenario.Fleet.Total);

        var diesel = Assert.Throws<InputException>(() => SweepGrid.Parse(["fleet.diesel=1:2:1"]).Overrides(new SweepVariant(1, ["1"]), composed));
        Assert.Contains("no diesel vehicles", diesel.Problems[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepGrid_BadSpecs_EveryProblemAtOnce()
    {
        var e = Assert.Throws<InputException>(() => SweepGrid.Parse(["demand.scale=1.6:0.8:0.1", "season", "x=1:2:zero"]));
        Assert.Equal(3, e.Problems.Count);
    }
}
