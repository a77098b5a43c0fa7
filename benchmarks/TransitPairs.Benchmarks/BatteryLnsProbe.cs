using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The neighbourhood moves of the battery stage alone (<see cref="BlockNeighbourhoods"/>) on one generated winter day,
/// started from the best constructive plan: buses over time, to size the moves.
/// </summary>
internal static class BatteryLnsProbe
{
    public static int Run(TextWriter output, int trips, int seed, int seconds, int workers)
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(trips), seed);
        var day = new EnergyDay(problem);
        var clock = Stopwatch.StartNew();
        var plan = Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule)).Where(g => g.Uncovered.IsEmpty).MinBy(g => g.Blocks.Length)!.Blocks;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s constructive: {plan.Length} buses"));
        var moves = new BlockNeighbourhoods(day);
        plan = moves.Improve(plan, 0, new WallClockBudget(TimeSpan.FromSeconds(seconds) - clock.Elapsed), workers, seed,
            line => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s: {line}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trips} trips: {plan.Length} buses with {workers} workers in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
