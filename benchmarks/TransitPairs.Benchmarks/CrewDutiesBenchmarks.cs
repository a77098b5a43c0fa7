using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using TransitPairs.Duties;
using TransitPairs.IO.Duties;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Driver duties on the OR-Tools bus driver example's days under its own rules. Baseline: the
/// example's own CP-SAT model (<see cref="ShiftDayCpSat"/>, a C# port of its first pass, fewest
/// drivers); against it ours (<see cref="CrewBenchmarkSolver"/>: first duties by construction and
/// ruin and recreate, then the column generation for the bound, then ruin and recreate again). Both get
/// the same limit (<see cref="Seconds"/>, two workers, seed 1); ours stops early when its bound proves
/// its answer or its search has settled, so the time ratio says little; what differs is the answer,
/// printed per invocation as a <c>//</c> line (drivers, driver bound). The large day (1,356 pieces) is not here: the example's model of it would need ≈ 190
/// million arc literals and is not built (`crew --method cpsat` says so); the column generation's
/// figures for it are in benchmarks/README.md. The dry job runs the small day only.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CrewDutiesBenchmarks
{
    private ShiftDayInstance day = null!;

    [Params("small", "medium")]
    public string Day { get; set; } = "small";

    /// <summary>Limit of each solve: 30 s on the small day, 120 s on the medium.</summary>
    public int Seconds => Day == "small" ? 30 : 120;

    [GlobalSetup]
    public void Setup()
    {
        var folder = SharedBenchmarks.SubFolder("crew", "ortools-sample")
            ?? throw new InvalidOperationException(SharedBenchmarks.AbsentMessage(nameof(CrewDutiesBenchmarks)));
        day = CrewInstanceReader.ReadShifts(Path.Combine(folder, Day + ".csv"));
    }

    [Benchmark(Baseline = true)]
    public int ExampleCpSat() => Report(nameof(ExampleCpSat), ShiftDayCpSat.Solve(day, Options(), Options().StartBudget()));

    [Benchmark]
    public int ColumnGeneration() => Report(nameof(ColumnGeneration), CrewBenchmarkSolver.Solve(day, Options(), Options().StartBudget()));

    private SolveOptions Options() => new(TimeSpan.FromSeconds(Seconds), 2, 1);

    private int Report(string method, SolveOutcome<CrewDuties> outcome)
    {
        var drivers = outcome.Solution?.Duties.Count ?? 0;
        if (outcome.Solution is { } s && CrewInstanceChecker.Check(day, s.Duties) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"{Day} {method}: {problems[0]}");
        }

        Console.WriteLine($"// {Day} {method}: {(drivers > 0 ? drivers + " drivers" : "no duties")}, driver bound {Math.Floor(outcome.Bound / CrewBenchmarkSolver.ShiftDriverWeight)}, {outcome.Status}, {outcome.Elapsed.TotalSeconds:0.0} s");
        return drivers;
    }

    /// <summary>The dry job runs the small day only.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddFilter(new SimpleFilter(b => !DryJob.Is(b.Job)
                || b.Parameters.Items.Any(p => p.Name == nameof(Day) && Equals(p.Value, "small"))));
    }
}
