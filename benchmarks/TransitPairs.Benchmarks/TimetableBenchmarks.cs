using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Scenarios;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The CP-SAT departure-time model at growing numbers of departures: the bundled Siping–Liaoyuan
/// scenario with its demand scaled by <see cref="DemandScale"/> (Ceder's frequencies grow with the
/// load until the least headway caps them). Baseline: even headways; against it even load
/// (Ceder's two timetable types), the richer objective. One worker, fixed seed, and a limit of
/// 10 s of CP-SAT's deterministic time (with one worker the limit is deterministic, so a larger
/// model that reaches it takes longer on a loaded machine but does the same work). The dry job
/// (CI) runs the unscaled demand only: even load at × 2 already reaches the limit.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TimetableBenchmarks
{
    private Scenario scenario = null!;

    [Params(1, 2, 4, 8)]
    public int DemandScale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var overrides = new Dictionary<string, string> { ["demand.scale"] = DemandScale.ToString(CultureInfo.InvariantCulture) };
        scenario = ScenarioLoader.Load(Path.Combine(SharedBenchmarks.Data, "scenarios", "siping-liaoyuan.json"), overrides);
        var departures = Solve(TimetableObjective.EvenHeadway);
        Console.WriteLine($"// demand × {DemandScale}: {departures} departures");
    }

    [Benchmark(Baseline = true)]
    public int EvenHeadway() => Solve(TimetableObjective.EvenHeadway);

    [Benchmark]
    public int EvenLoad() => Solve(TimetableObjective.EvenLoad);

    private static SolveOptions Options => new(TimeSpan.FromSeconds(10), workers: 1, seed: 1);

    private int Solve(TimetableObjective objective)
    {
        var outcome = ScenarioTimetabler.Solve(scenario, objective, Options, Options.StartBudget());
        return outcome.Solution is { } result
            ? result.Timetable.Trips.Length
            : throw new InvalidOperationException($"demand × {DemandScale}, {objective}: {outcome.Explanation}");
    }

    /// <summary>The dry job runs demand × 1 only.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddFilter(new SimpleFilter(b => !DryJob.Is(b.Job)
                || b.Parameters.Items.Any(p => p.Name == nameof(DemandScale) && Equals(p.Value, 1))));
    }
}
