using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Battery scheduling on generated winter days (<see cref="SyntheticBatteryDay"/>: two terminals
/// 100 km apart, depot chargers) of growing size. Baseline: the exact CP-SAT model alone (the
/// stage's method before column generation), which reaches a plan at these sizes only with its
/// greedy start; against it the stage as it is now (constructive plans, column generation with
/// its LP bound, diving, CP-SAT over the columns). Both get the same 20 s limit, 2 workers; the
/// returned value is the fleet, so the summary's ratio is time and the fleets are printed in the log.
/// The dry job (CI) runs 40 trips only. The curve up to 1,000 trips is the <c>battery-scaling</c> mode.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class BatteryScalingBenchmarks
{
    private static readonly BatterySolveOptions Options = new(TimeLimitSeconds: 20, Workers: 2, Seed: 1);

    private BatterySchedulingProblem problem = null!;

    [Params(40, 100)]
    public int Trips { get; set; } = 40;

    [GlobalSetup]
    public void Setup() => problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(Trips), seed: 1);

    [Benchmark(Baseline = true)]
    public int ExactCpSatModel()
    {
        var fleet = BatteryScheduler.ExactModelFleet(problem, Options);
        Console.WriteLine($"// {Trips} trips, exact CP-SAT model: {fleet} vehicles");
        return fleet;
    }

    [Benchmark]
    public int ColumnGeneration()
    {
        var result = BatteryScheduler.Solve(problem, Options);
        Console.WriteLine($"// {Trips} trips, column generation: {result.Vehicles} vehicles, LP bound {result.BatteryFleetBound}");
        return result.HasPlan ? result.Vehicles : throw new InvalidOperationException($"{Trips} trips: {result.NoPlanMessage}");
    }

    /// <summary>The dry job runs 40 trips only.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddFilter(new SimpleFilter(b => !DryJob.Is(b.Job)
                || b.Parameters.Items.Any(p => p.Name == nameof(Trips) && Equals(p.Value, 40))));
    }
}
