using TransitPairs.Scenarios;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Options of a battery scheduling solve: the wall-clock budget of the whole stage (seconds; its
/// parts share it as <c>BudgetShares</c> says), workers and seed.
/// </summary>
public sealed record BatterySolveOptions(double TimeLimitSeconds = 20, int Workers = 1, int Seed = 1)
{
    /// <summary>The scenario's own solver options.</summary>
    public static BatterySolveOptions From(SolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BatterySolveOptions(options.TimeLimit.TotalSeconds, options.Threads, options.Seed);
    }
}
