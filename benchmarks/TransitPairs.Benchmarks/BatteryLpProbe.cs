using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The battery block master alone on one generated winter day: column generation with a long limit,
/// to learn the master LP's value where the stage's own share does not reach it (1,000 trips).
/// </summary>
internal static class BatteryLpProbe
{
    public static int Run(TextWriter output, int trips, int seed, int seconds, int levels, string glop, int grid, bool perSlot, bool full = false, int workers = 1)
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(trips), seed);
        var day = new EnergyDay(problem);
        if (levels > 0)
        {
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var network = EnergyNetworkBound.Solve(day, TimeSpan.FromSeconds(600), levels, glop, grid, perSlot);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{trips} trips (seed {seed}), energy network LP with {levels} levels a pack, {grid} grid points a level{(perSlot ? ", a network per slot" : ", a network per vehicle type")} [{glop}]: {(network is null ? "no optimum" : $"bound {network.FleetBound}, value {network.LpValue:0.000}, {network.Arcs} arcs, {network.Nodes} nodes")}, {clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds:0.0} s CPU, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        }

        if (seconds <= 0)
        {
            return 0;
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var options = new SolveOptions(TimeSpan.FromSeconds(seconds), workers, seed);
        var budget = options.StartBudget();
        var outcome = BlockColumnGeneration.Solve(day, options, budget, lpOnly: !full, trace: line => Console.Error.WriteLine(line));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{trips} trips (seed {seed}): {(full ? $"{outcome.Blocks?.Length} buses, " : string.Empty)}battery LP bound {outcome.FleetBound} (network LP {outcome.NetworkBound}), bound's value {outcome.LpValue:0.000}, {outcome.Columns} columns, {budget.Elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU (pricing share {BudgetShares.BatteryColumnGeneration:P0} of {seconds} s)"));
        return 0;
    }
}
