using TransitPairs.Scenarios;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The battery stage's internal settings, built by its contract entry point from <c>SolveOptions</c>
/// and the budget: the wall-clock seconds of the whole stage (its parts share it as <c>BudgetShares</c>
/// says), workers and seed. Tests and benchmarks use it to call the stage with a plain limit.
/// </summary>
internal sealed record BatterySolveOptions(double TimeLimitSeconds = 20, int Workers = 1, int Seed = 1)
{
    /// <summary>The scenario's own solver options.</summary>
    public static BatterySolveOptions From(SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BatterySolveOptions(options.TimeLimit.TotalSeconds, options.Threads, options.Seed);
    }
}
