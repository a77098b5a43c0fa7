using System.Diagnostics;
using System.Globalization;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The multiple-depot Lagrangean heuristic alone on one cost-matrix instance, a fixed number of
/// steps (deterministic work): its schedule's cost and the Lagrangean value after each improvement.
/// </summary>
internal static class HeuristicProbe
{
    public static int Run(TextWriter output, string path, int steps)
    {
        var clock = Stopwatch.StartNew();
        var instance = MdvspInstanceReader.ReadCostMatrix(path);
        var network = NetworkFactory.Build(instance);
        var start = SuperDepotStart.Build(network, fits: null) ?? throw new InvalidOperationException("no super-depot flow");
        var startCost = start.Schedule(network).Cost;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instance.Name}: {network.ArcCount} connections, super-depot bound {start.Bound}, first schedule {startCost}, {clock.Elapsed.TotalSeconds:0.00} s"));
        var search = LagrangeanDepotHeuristic.Run(network, start.Schedule(network), clock, TimeSpan.FromHours(1), steps,
            s => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {s.Steps}: cost {s.Best.Cost}  lagrangean {s.BestBound}  {clock.Elapsed.TotalSeconds:0.00} s")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done: {search.Steps} steps, cost {search.Best.Cost}, lagrangean {search.BestBound}, {clock.Elapsed.TotalSeconds:0.00} s, cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.00} s"));
        return 0;
    }
}
