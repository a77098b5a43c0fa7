using BenchmarkDotNet.Attributes;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks.VehicleScheduling;

/// <summary>
/// The exact single-depot solver (min-cost flow) on generated two-terminal days with one depot and
/// empty runs, on the all-pairs network (baseline: one arc per compatible pair of trips) and on the
/// aggregated time-space network (Kliewer, Mellouli &amp; Suhl 2006). Both give the same optimum
/// (tested); the time-space network needs O(n) arcs instead of O(n²).
/// </summary>
/// <remarks>
/// The baseline is not run at 50,000 trips: about 6 × 10⁸ compatible pairs would need tens of GB.
/// Its row there returns at once and its ratio means nothing.
/// </remarks>
[MemoryDiagnoser]
public class SingleDepotSchedulingBenchmarks
{
    /// <summary>Above this many trips the all-pairs baseline is skipped (memory).</summary>
    public const int AllPairsLimit = 10_000;

    private VspProblem problem = null!;
    private VspOptions options = null!;

    [Params(1_000, 10_000, 50_000)]
    public int Trips { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var day = SyntheticDay.Generate(new SyntheticDaySpec(Trips, Terminals: 2, Depots: 1), seed: 42);
        problem = TripScheduler.Map(day).Problem;
        options = new VspOptions(TimeSpan.FromMinutes(10), Threads: 1, Seed: 0);
    }

    [Benchmark(Baseline = true)]
    public int AllPairs() =>
        Trips > AllPairsLimit ? 0 : Solve(NetworkKind.AllPairs);

    [Benchmark]
    public int TimeSpace() => Solve(NetworkKind.TimeSpace);

    private int Solve(NetworkKind network)
    {
        var solution = VspSolver.Solve(problem, options with { Network = network });
        return solution.Status == VspStatus.Optimal
            ? solution.Vehicles
            : throw new InvalidOperationException($"The {network} network did not solve the day: {solution.Status}.");
    }
}
