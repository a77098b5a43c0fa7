using BenchmarkDotNet.Attributes;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Single-depot vehicle blocks of a generated corridor day, end to end (map, network, exact
/// min-cost flow, blocks with their events): the all-pairs network (baseline) against the
/// time-space network. Both give the same optimum; the all-pairs side stops at
/// <see cref="AllPairsSizeLimit.AllPairsMaxTrips"/> trips.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AllPairsSizeLimit))]
public class SingleDepotBlocksBenchmarks
{
    private VehicleSchedulingProblem problem = null!;

    [Params(1_000, 10_000, 50_000)]
    public int Trips { get; set; }

    [GlobalSetup]
    public void Setup() => problem = Instances.CorridorDay(Trips);

    [Benchmark(Baseline = true)]
    public int AllPairs() => Solve(NetworkKind.AllPairs);

    [Benchmark]
    public int TimeSpace() => Solve(NetworkKind.TimeSpace);

    private int Solve(NetworkKind network)
    {
        var result = TripScheduler.Solve(problem, new SolveOptions(TimeSpan.FromMinutes(10), 1, 0), network);
        return result.Status == SolveStatus.Optimal
            ? result.Solution!.Schedule.Blocks.Length
            : throw new InvalidOperationException($"{Trips} trips: the min-cost flow ended {result.Status}, not optimal.");
    }
}
