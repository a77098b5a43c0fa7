using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Battery;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Battery-bus scheduling (CP-SAT with state of charge and chargers) at growing numbers of trips:
/// the bundled Baishan–Tonghua proposal (E12 battery buses, chargers at the depots and a terminal) with its
/// demand scaled by <see cref="DemandScale"/>, timetabled once in the set-up. Baseline: the fleet
/// of the same day without battery limits (min-cost flow, the bound the battery solver reports).
/// One worker, fixed seed, 10 s limit (38 trips at × 0.5, 43 at × 1). The dry job (CI) runs × 0.5 only: Siping–Liaoyuan-sized days (56 trips) take minutes, too long for it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class BatterySchedulingBenchmarks
{
    private static readonly BatterySolveOptions Options = new(TimeLimitSeconds: 10, Workers: 1, Seed: 1);

    private BatterySchedulingProblem problem = null!;

    [Params("0.5", "1")]
    public string DemandScale { get; set; } = "1";

    [GlobalSetup]
    public void Setup()
    {
        var overrides = new Dictionary<string, string> { ["demand.scale"] = DemandScale };
        var scenario = ScenarioLoader.Load(Path.Combine(SharedBenchmarks.Data, "scenarios", "baishan-tonghua-proposal.json"), overrides);
        var timetableOptions = new SolveOptions(TimeSpan.FromSeconds(10), 1, 1);
        var timetable = ScenarioTimetabler.Solve(scenario, TimetableObjective.EvenHeadway, timetableOptions, timetableOptions.StartBudget()).Solution
            ?? throw new InvalidOperationException($"demand × {DemandScale}: no timetable.");
        problem = BatterySchedulingProblem.FromScenario(scenario, timetable.Timetable);
        Console.WriteLine($"// demand × {DemandScale}: {timetable.Timetable.Trips.Length} trips");
    }

    [Benchmark(Baseline = true)]
    public int NoBatteryBound() => BatteryScheduler.NoBatteryBound(problem, Options);

    [Benchmark]
    public int BatteryAware()
    {
        var result = BatteryScheduler.Solve(problem, Options);
        return result.Status is SolveStatus.Optimal or SolveStatus.Feasible
            ? result.Vehicles
            : throw new InvalidOperationException($"demand × {DemandScale}: battery scheduling ended {result.Status}.");
    }

    /// <summary>The dry job runs demand × 0.5 only.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddFilter(new SimpleFilter(b => !DryJob.Is(b.Job)
                || b.Parameters.Items.Any(p => p.Name == nameof(DemandScale) && Equals(p.Value, "0.5"))));
    }
}
