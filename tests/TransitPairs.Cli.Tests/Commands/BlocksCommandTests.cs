using System.Text.Json.Nodes;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

public sealed class BlocksCommandTests
{
    private static string Scenario(string name) => Path.Combine(TestPaths.Data, "scenarios", name);

    private static (int Code, string Out, string Error) Run(params string[] args) => Planning.Cli.Run(args);

    [Fact]
    public void Blocks_BaishanTonghuaInWinter_TwelveBatteryBusesSufficeAndBlocksCsvCarriesCharging()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"blocks-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output, error) = Run("blocks", Scenario("baishan-tonghua-winter.json"), "--time-limit", "60", "--format", "json", "--out", csv);

            Assert.True(code == ExitCodes.Ok, error);
            var report = JsonNode.Parse(output)!;
            var vehicles = report["vehicles"]!.GetValue<int>();
            Assert.Equal(24, report["trips"]!.GetValue<int>());
            Assert.Equal(12, report["fleetAvailable"]!.GetValue<int>());
            Assert.InRange(vehicles, report["noBatteryFleetBound"]!.GetValue<int>(), 12);
            // Quality, not status: how far CP-SAT gets before a clock stops it depends on the machine's load.
            Assert.Contains(report["status"]!.GetValue<string>(), new[] { "optimal", "feasible" });
            Assert.True(report["kpis"]!["chargingSessions"]!.GetValue<int>() > 0);
            Assert.True(report["kpis"]!["minSocPercent"]!.GetValue<double>() >= 10);

            var lines = File.ReadAllLines(csv);
            Assert.Equal("vehicle_id,seq,kind,trip_id,from_stop,to_stop,start,end,distance_km,energy_kwh,soc_start_kwh,soc_end_kwh,charger_site", lines[0]);
            var charge = lines.First(l => l.Contains(",charge,", StringComparison.Ordinal)).Split(',');
            Assert.EndsWith("-dc", charge[12], StringComparison.Ordinal);
            Assert.StartsWith("-", charge[9], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Blocks_BaichengSongyuanProposalCoachesInDeepWinter_ExitsOneNamingTheTripThePackAndTheRemedy()
    {
        var (code, _, error) = Run("blocks", Scenario("baicheng-songyuan-proposal.json"), "--time-limit", "120", "--set", "season=winter");

        Assert.Equal(ExitCodes.NoFeasiblePlan, code);
        Assert.Contains("is 205 km and needs 328 kWh in winter on a c9-365", error, StringComparison.Ordinal);
        Assert.Contains("the largest usable pack is 292 kWh", error, StringComparison.Ordinal);
        Assert.Contains("a pack of at least 430 kWh on c9-365", error, StringComparison.Ordinal);
        Assert.Contains("diesel", error, StringComparison.Ordinal);
    }
}
