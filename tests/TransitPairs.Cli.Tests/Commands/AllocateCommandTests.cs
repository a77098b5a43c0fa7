using System.Text.Json;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

/// <summary><c>transitpairs allocate</c> on the three bundled corridors.</summary>
public sealed class AllocateCommandTests
{
    private static readonly string[] ThreeCorridors =
    [
        Path.Combine(TestPaths.Data, "scenarios", "baishan-tonghua.json"),
        Path.Combine(TestPaths.Data, "scenarios", "baicheng-songyuan.json"),
        Path.Combine(TestPaths.Data, "scenarios", "siping-liaoyuan.json"),
    ];

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["allocate", .. ThreeCorridors, "--time-limit", "120", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Allocate_FortyBusesForThreeCorridors_EveryBandGetsItsDemandDrivenHeadwayAndTheBlocksFit()
    {
        var (code, output, error) = Run("--fleet", "40", "--format", "json");

        Assert.True(code == 0, error);
        Assert.Contains("note: siping-liaoyuan: e12-422 uses 171 kWh a round trip (summer)", error, StringComparison.Ordinal);
        Assert.Contains("21 min at siping-terminal-pantograph (150 kW) and 21 min at liaoyuan-terminal-pantograph (150 kW)", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        var chargers = root.GetProperty("chargers").EnumerateArray().ToList();
        Assert.Equal(2, chargers.Count);
        Assert.All(chargers, c => Assert.True(c.GetProperty("minutesPerHourUsed").GetDouble() <= c.GetProperty("minutesPerHourAvailable").GetInt32()));
        Assert.Equal(0, root.GetProperty("gap").GetDouble());
        Assert.Equal(root.GetProperty("objective").GetDouble(), root.GetProperty("bound").GetDouble());
        Assert.Equal(40, root.GetProperty("fleet").GetInt32());
        var corridors = root.GetProperty("corridors").EnumerateArray().ToList();
        Assert.Equal(["baishan-tonghua", "baicheng-songyuan", "siping-liaoyuan"], corridors.Select(c => c.GetProperty("corridor").GetString()));
        Assert.True(root.GetProperty("totals").GetProperty("buses").GetInt32() <= 40);
        foreach (var corridor in corridors)
        {
            var bands = corridor.GetProperty("bands").EnumerateArray().ToList();
            Assert.NotEmpty(bands);
            Assert.All(bands, b => Assert.Equal(b.GetProperty("demandDrivenHeadwayMinutes").GetInt32(), b.GetProperty("headwayMinutes").GetInt32()));
            Assert.All(bands, b => Assert.Equal(b.GetProperty("headwayMinutes").GetInt32() / 2.0, b.GetProperty("expectedWaitMinutes").GetDouble()));
            Assert.Equal(bands.Max(b => b.GetProperty("busesNeeded").GetInt32()), corridor.GetProperty("buses").GetInt32());
            Assert.True(corridor.GetProperty("marginal").GetProperty("gainOfOneMore").GetDouble() >= 0);
            var blocks = corridor.GetProperty("blocks");
            Assert.True(blocks.GetProperty("withinAllocation").GetBoolean(), blocks.GetProperty("explanation").GetString());
            Assert.True(blocks.GetProperty("vehicles").GetInt32() >= blocks.GetProperty("fleetLowerBound").GetInt32());
        }
    }

    [Fact]
    public void Allocate_FleetBelowTheMinimumNeeds_ExitsOneAndNamesEachCorridorsNeed()
    {
        var (code, output, error) = Run("--fleet", "11");

        Assert.Equal(ExitCodes.NoFeasiblePlan, code);
        Assert.Empty(output);
        Assert.Contains("no feasible plan: A fleet of 11 buses is below the 12 the corridors need at their longest allowed headways", error, StringComparison.Ordinal);
        Assert.Contains("siping-liaoyuan needs 8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_ThirteenBuses_TradesWaitingAgainstUnservedPassengersAndReportsTheValueOfABus()
    {
        var (code, output, error) = Run("--fleet", "13", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(13, root.GetProperty("totals").GetProperty("buses").GetInt32());
        var gains = root.GetProperty("corridors").EnumerateArray().Select(c => c.GetProperty("marginal").GetProperty("gainOfOneMore").GetDouble()).ToList();
        Assert.Contains(gains, g => g > 0);
    }

    [Fact]
    public void Allocate_BudgetWithOwnedBusesEnough_BuysNothing()
    {
        var (code, output, error) = Run("--budget", "0", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("totals").GetProperty("busesBought").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("budgetYuan").GetInt64());
    }

    [Fact]
    public void Allocate_FleetAndBudgetTogether_IsBadInput()
    {
        var (code, _, error) = Run("--fleet", "40", "--budget", "1000000");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Give --fleet or --budget, not both.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_Csv_HasOneRowPerCorridorBandWithStableColumns()
    {
        var (code, output, error) = Run("--fleet", "40", "--format", "csv");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "corridor,scenario,buses,band,from,to,cycle_minutes,outbound_per_hour,inbound_per_hour,headway_minutes,demand_driven_headway_minutes,buses_needed,expected_wait_minutes,wait_passenger_minutes,unserved_passengers,gain_of_one_more_bus,loss_of_one_fewer_bus,block_vehicles,drivers,driver_lower_bound,paid_hours,driving_hours,driver_cost_yuan,crew_status,vehicle_cost_yuan,operating_cost_yuan",
            lines[0]);
        Assert.StartsWith("baishan-tonghua,baishan-tonghua,5,peak,06:30,08:30,", lines[1], StringComparison.Ordinal);
        Assert.Equal(1 + 3 + 2 + 5, lines.Length);
    }

    [Fact]
    public void Allocate_WithDuties_EveryCorridorHasDriversAtLeastItsBoundPricedAsPlanPricesThem()
    {
        var (code, output, error) = Run("--fleet", "40", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var corridors = json.RootElement.GetProperty("corridors").EnumerateArray().Select(c => c.GetProperty("drivers")).ToList();
        var costs = json.RootElement.GetProperty("corridors").EnumerateArray().Select(c => c.GetProperty("cost")).ToList();
        Assert.Equal(3, corridors.Count);
        foreach (var d in corridors)
        {
            Assert.Contains(d.GetProperty("status").GetString(), new[] { "optimal", "feasible" });
            Assert.InRange(d.GetProperty("driverLowerBound").GetInt32(), 1, d.GetProperty("drivers").GetInt32());
            Assert.InRange(d.GetProperty("drivingHours").GetDouble(), 0.1, d.GetProperty("paidHours").GetDouble());
            // 30 yuan per paid hour: the scenarios' policy.driverRules default, as in plan.
            Assert.Equal(30 * d.GetProperty("paidHours").GetDouble(), d.GetProperty("driverCostYuan").GetDouble(), 0.5 + (0.005 * 30));
        }

        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal(corridors.Sum(d => d.GetProperty("drivers").GetInt32()), totals.GetProperty("drivers").GetInt32());
        Assert.Equal(corridors.Sum(d => d.GetProperty("driverLowerBound").GetInt32()), totals.GetProperty("driverLowerBound").GetInt32());
        Assert.Equal(corridors.Sum(d => d.GetProperty("paidHours").GetDouble()), totals.GetProperty("paidHours").GetDouble(), 0.02);
        Assert.Equal(corridors.Sum(d => d.GetProperty("driverCostYuan").GetDouble()), totals.GetProperty("cost").GetProperty("driverCostYuan").GetDouble(), 2.0);

        // Drivers counted once, as in plan: operating = vehicles (at most 470 yuan a vehicle-day, drivers apart) + drivers.
        foreach (var (cost, drivers) in costs.Zip(corridors))
        {
            Assert.Equal(drivers.GetProperty("driverCostYuan").GetDouble(), cost.GetProperty("driverCostYuan").GetDouble());
            Assert.True(cost.GetProperty("vehicleCostYuan").GetDouble() > 0);
            Assert.Equal(cost.GetProperty("vehicleCostYuan").GetDouble() + cost.GetProperty("driverCostYuan").GetDouble(), cost.GetProperty("operatingCostYuan").GetDouble(), 1.0);
        }
    }

    [Fact]
    public void Allocate_CrewSkipped_NoDriversAndTheTableSaysSkipped()
    {
        var (code, output, error) = Run("--fleet", "40", "--crew", "skip");

        Assert.True(code == 0, error);
        Assert.Contains("drivers     0 (lower bound 0), 0.00 paid h, 0.00 driving h, on the implied blocks", output, StringComparison.Ordinal);
        Assert.Matches(@"daily cost  (?<total>[0-9,]+) yuan = vehicles \k<total> \(drivers apart\) \+ drivers 0, on the implied blocks", output);
        Assert.Matches(@"siping-liaoyuan +0 +0 +0\.00 +0\.00 +[0-9,]+ +0 +[0-9,]+ +skipped", output);
    }
}
