using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The single-depot solve on the yardstick's kind of day (two terminals, no empty runs, layover 0;
/// <see cref="Instances.TwoTerminalDay"/>), from the integer core problem to blocks: the solver as it
/// was (trip-node time-space network, OR-Tools' cost-scaling <c>MinCostFlow</c>, capacities n) as
/// the baseline; the same network through our <see cref="NetworkSimplex"/>; and the event-chain
/// network (<see cref="EventChainScheduler"/>, what <c>VspSolver</c> now uses on such days).
/// Every method returns the fleet, and all three must agree.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SingleDepotFlowBenchmarks
{
    private VspProblem problem = null!;

    [Params(10_000, 50_000)]
    public int Trips { get; set; }

    [GlobalSetup]
    public void Setup() => problem = TripScheduler.Map(Instances.TwoTerminalDay(Trips)).Problem;

    [Benchmark(Baseline = true)]
    public int OrToolsCostScaling() => Fleet(MinCostFlowScheduler.SolveWithOrTools(NetworkFactory.Build(problem, NetworkKind.TimeSpace), Stopwatch.StartNew()));

    [Benchmark]
    public int NetworkSimplexTripNodes() => Fleet(MinCostFlowScheduler.Solve(NetworkFactory.Build(problem, NetworkKind.TimeSpace), Stopwatch.StartNew()));

    [Benchmark]
    public int EventChain() => Fleet(EventChainScheduler.Solve(problem, Stopwatch.StartNew()));

    private int Fleet(VspSolution solution) => solution.Status == SolveStatus.Optimal
        ? solution.Vehicles
        : throw new InvalidOperationException($"{Trips} trips: the flow ended {solution.Status}, not optimal.");

    /// <summary>The dry job (CI) leaves the baseline at 50,000 trips out: about 15 s a call on the 2-core machine.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddFilter(new SimpleFilter(Keep));

        private static bool Keep(BenchmarkCase benchmark) =>
            !DryJob.Is(benchmark.Job)
            || benchmark.Descriptor.WorkloadMethod.Name != nameof(OrToolsCostScaling)
            || (benchmark.Parameters.Items.FirstOrDefault(p => p.Name == nameof(Trips))?.Value as int? ?? 0) <= 10_000;
    }
}
