using BenchmarkDotNet.Attributes;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Building the connection network of a corridor day: every compatible pair as an arc (baseline)
/// against the time-space network (events per place in time order, waiting arcs between them;
/// Kliewer, Mellouli and Suhl 2006), which holds the same optimum in O(n) arcs. Two shapes: a
/// two-terminal corridor day, and a ten-terminal network with a travel-time matrix and four
/// depots (Carpaneto-style).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AllPairsSizeLimit))]
public class ConnectionNetworkBenchmarks
{
    private VspProblem problem = null!;

    [Params(1_000, 10_000, 50_000)]
    public int Trips { get; set; }

    [Params("corridor", "network")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup() =>
        problem = TripScheduler.Map(Shape == "corridor" ? Instances.CorridorDay(Trips) : Instances.Network(Trips, depots: 4)).Problem;

    [Benchmark(Baseline = true)]
    public int AllPairs() => NetworkFactory.Build(problem, NetworkKind.AllPairs).ArcCount;

    [Benchmark]
    public int TimeSpace() => NetworkFactory.Build(problem, NetworkKind.TimeSpace).ArcCount;
}
