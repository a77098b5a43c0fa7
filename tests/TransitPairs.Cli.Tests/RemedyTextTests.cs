using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Solving;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests;

public sealed class RemedyTextTests
{
    private static readonly Scenarios.Scenario SipingLiaoyuan = ScenarioLoader.Load(Path.Combine(TestPaths.Data, "scenarios", "siping-liaoyuan.json"));

    [Fact]
    public void Of_EachRemedy_AChangeToTheScenarioWithAbsoluteValues()
    {
        var site = SipingLiaoyuan.Chargers[0];
        var allocation = SipingLiaoyuan.Fleet.Allocations[0];
        Assert.Equal($"2 more charging points at {site.Id}: --set chargers.{site.Id}.points={site.Points + 2}", RemedyText.Of(new MoreChargers(site.Id, 2), SipingLiaoyuan));
        Assert.Equal($"3 more {allocation.VehicleType} buses at {allocation.Depot}: --set fleet.{allocation.Depot}.{allocation.VehicleType}={allocation.Count + 3}",
            RemedyText.Of(new MoreVehicles(3, allocation.Depot, allocation.VehicleType), SipingLiaoyuan));
        Assert.Equal("a pack of at least 430 kWh on c9-365 (344 kWh usable): --set vehicleTypes.c9-365.battery.packKwh=430", RemedyText.Of(new BiggerPack("c9-365", 344, 429.6), null));
        Assert.Equal("more time: --time-limit 60", RemedyText.Of(new MoreTime(TimeSpan.FromSeconds(59.5)), null));
        Assert.StartsWith("diesel buses", RemedyText.Of(new SwitchToDiesel(), null), StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_NoPlanWithRemedies_ExitsOneListingWhatWouldHelp()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error);
        var code = console.Guard(() => throw new NoPlanException("two trips overlap and one bus is parked", [new MoreVehicles(1)], null));
        Assert.Equal(ExitCodes.NoFeasiblePlan, code);
        Assert.Equal("no feasible plan: two trips overlap and one bus is parked\nwhat would help:\n  - 1 more bus: --set fleet.DEPOT.TYPE=N at a depot that may park them\n", error.ToString().ReplaceLineEndings("\n"));
    }
}
