using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Multiple-depot blocks on the public 500-trip instances of Pepin et al. (2009) in
/// <c>benchmarks/instances/mdvsp/pepin2009</c> (and one 150-trip instance of <c>small</c>). Baseline: the depot-merged relaxation (any vehicle
/// may leave from and return to the cheapest depot; one min-cost flow, a lower bound of the true
/// cost); against it the project's multiple-depot solver, so the ratio is the price of keeping
/// vehicles at their depots. Skipped, with a message, when the instance folder is absent.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class MultiDepotBlocksBenchmarks
{
    /// <summary>Time limit of one multiple-depot solve in the benchmark.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    private CostMatrixInstance instance = null!;
    private CostMatrixInstance merged = null!;

    /// <summary>The instance the dry job (CI: every benchmark once) runs: 150 trips, 4 depots, solved in seconds.</summary>
    public const string DryInstance = "n150m4s0";

    /// <summary>
    /// The first seed of the 500-trip families with 4 and 8 depots (pepin2009), and one 150-trip
    /// instance of <c>small</c>, the only one the dry job runs (a 500-trip solve takes a minute).
    /// </summary>
    [Params(DryInstance, "m4n500s0", "m8n500s0")]
    public string Instance { get; set; } = "";

    public static string? Folder => SharedBenchmarks.SubFolder("mdvsp");

    [GlobalSetup]
    public void Setup()
    {
        var folder = Folder ?? throw new InvalidOperationException(SharedBenchmarks.AbsentMessage(nameof(MultiDepotBlocksBenchmarks)));
        var family = Instance.StartsWith('n') ? "small" : "pepin2009";
        instance = MdvspInstanceReader.ReadCostMatrix(Path.Combine(folder, family, Instance + ".inp.gz"));
        merged = MergeDepots(instance);
    }

    [Benchmark(Baseline = true)]
    public long DepotMergedRelaxation() => Cost(VspSolver.Solve(merged, Options));

    [Benchmark]
    public long MultiDepot() => Cost(VspSolver.Solve(instance, Options));

    private static VspOptions Options => new(TimeLimit, Threads: 1, Seed: 0);

    private long Cost(VspSolution solution) =>
        solution.Status is SolveStatus.Optimal or SolveStatus.Feasible
            ? (long)solution.Cost
            : throw new InvalidOperationException($"{Instance}: the solve ended {solution.Status}.");

    /// <summary>One depot whose pull-out to (pull-in from) each trip is the cheapest of all depots', with their vehicles summed.</summary>
    public static CostMatrixInstance MergeDepots(CostMatrixInstance instance)
    {
        var m = instance.Depots;
        var n = instance.Trips;
        var size = n + 1;
        var costs = new int[size * size];
        costs[0] = -1;
        for (var j = 0; j < n; j++)
        {
            costs[1 + j] = Cheapest(Enumerable.Range(0, m).Select(k => instance.Cost(k, m + j)));
            costs[(1 + j) * size] = Cheapest(Enumerable.Range(0, m).Select(k => instance.Cost(m + j, k)));
            for (var i = 0; i < n; i++)
            {
                costs[((1 + i) * size) + 1 + j] = instance.Cost(m + i, m + j);
            }
        }

        return new CostMatrixInstance(instance.Name + "-merged", [instance.VehicleLimits.Sum()], n, ImmutableArray.Create(costs));
    }

    private static int Cheapest(IEnumerable<int> costs) =>
        costs.Where(c => c >= 0).DefaultIfEmpty(-1).Min();

    /// <summary>Leaves the class out, and says so, when the public instances are absent; the dry job runs <see cref="DryInstance"/> only.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            if (Folder is null)
            {
                Console.WriteLine(SharedBenchmarks.AbsentMessage(nameof(MultiDepotBlocksBenchmarks)));
                AddFilter(new SimpleFilter(_ => false));
                return;
            }

            AddFilter(new SimpleFilter(b => !DryJob.Is(b.Job)
                || b.Parameters.Items.Any(p => p.Name == nameof(Instance) && Equals(p.Value, DryInstance))));
        }
    }
}
