using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Optimization.Tests.VehicleScheduling.Battery;

/// <summary>
/// The neighbourhood moves of the battery stage (<see cref="BlockNeighbourhoods"/>): what they return is a plan of the
/// whole day that passes the independent checker and never has more buses than the plan they started from; a move
/// whose freed blocks have left the plan meanwhile (another worker's move) is not applied.
/// </summary>
public sealed class BlockNeighbourhoodsTests
{
    [Theory]
    [InlineData(120, 1, null, null)]
    [InlineData(100, 2, 1, null)]
    public void Improve_FromTheConstructivePlan_GivesACheckedPlanOfNoMoreBuses(int trips, int seed, int? points, int? vehicles)
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(trips, PointsPerDepot: points, VehiclesPerDepot: vehicles), seed);
        var day = new EnergyDay(problem);
        var start = Constructive(day);

        var plan = new BlockNeighbourhoods(day).Improve(start, 0, new WallClockBudget(TimeSpan.FromSeconds(8)), 2, seed);

        Assert.True(plan.Length <= start.Length, $"{plan.Length} buses after the moves, {start.Length} before");
        Assert.Equal(day.TripCount, plan.Sum(b => b.Trips.Length));
        Assert.Equal(day.TripCount, plan.SelectMany(b => b.Trips).Distinct().Count());
        var check = BatteryScheduleChecker.Check(problem, Schedule(day, plan));
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
    }

    [Fact]
    public void Apply_WhenAFreedBlockHasLeftThePlan_IsRejected_AndOtherwiseReplacesIt()
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(60), 3);
        var day = new EnergyDay(problem);
        var plan = Constructive(day);
        var moves = new BlockNeighbourhoods(day);
        var gone = plan[0] with { Trips = [.. plan[0].Trips.Skip(1)], Charges = [.. plan[0].Charges.Skip(1)] };

        Assert.Null(moves.Apply(plan, new BlockNeighbourhoods.Found([gone], [plan[0]])));
        var same = moves.Apply(plan, new BlockNeighbourhoods.Found([plan[0]], [plan[0]]));
        Assert.NotNull(same);
        Assert.Equal(plan.Select(b => b.Key).Order(StringComparer.Ordinal), same.Value.Select(b => b.Key).Order(StringComparer.Ordinal));
    }

    private static ImmutableArray<EnergyBlock> Constructive(EnergyDay day) =>
        Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule)).Where(g => g.Uncovered.IsEmpty).MinBy(g => g.Blocks.Length)!.Blocks;

    private static VehicleSchedule Schedule(EnergyDay day, ImmutableArray<EnergyBlock> plan) =>
        new([.. plan.Select((b, k) => BlockEnergy.ToVehicleBlock(day, b, "V" + k.ToString(CultureInfo.InvariantCulture)))]);
}
