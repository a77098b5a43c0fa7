using BenchmarkDotNet.Attributes;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// A full plan of each bundled corridor scenario, as <c>transitpairs plan</c> makes it
/// (<see cref="Planner.Plan"/>: timetable, plain vehicle blocks from the corridor depots with the
/// independent checks, vehicle types, loads and KPIs). Baseline: loading the scenario and building
/// its timetable only (CP-SAT, even headways), so the ratio shows what the blocks and the rest add.
/// One worker, fixed seed, 10 s limit per stage.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    [Params("baishan-tonghua", "baicheng-songyuan", "siping-liaoyuan")]
    public string Scenario { get; set; } = "";

    // Plain blocks: the battery stage needs minutes on the 56-trip Siping–Liaoyuan day, which the
    // CI dry job cannot afford; battery scheduling is measured on its own.
    private static PlanSolveOptions Options => new(TimeLimitSeconds: 10, Threads: 1, Seed: 1, Blocks: BlockStage.Plain);

    private string ScenarioPath => Path.Combine(SharedBenchmarks.Data, "scenarios", Scenario + ".json");

    [Benchmark(Baseline = true)]
    public int Timetable()
    {
        var options = new SolveOptions(TimeSpan.FromSeconds(Options.TimeLimitSeconds), Options.Threads, Options.Seed);
        var outcome = ScenarioTimetabler.Solve(ScenarioLoader.Load(ScenarioPath), TimetableObjective.EvenHeadway, options, options.StartBudget());
        return outcome.Solution is { } timetable ? timetable.Timetable.Trips.Length : throw new InvalidOperationException($"{Scenario}: {outcome.Explanation}");
    }

    [Benchmark]
    public int Plan() => Planner.Plan(ScenarioLoader.Load(ScenarioPath), Options).Plan.Schedule.Blocks.Length;
}
