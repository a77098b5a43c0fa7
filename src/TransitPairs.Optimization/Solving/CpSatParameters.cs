using System.Globalization;

namespace TransitPairs.Optimization.Solving;

/// <summary>The one place CP-SAT's parameters are built from <see cref="SolveOptions"/>.</summary>
public static class CpSatParameters
{
    /// <summary>
    /// CP-SAT parameters with a wall-clock limit (<c>max_time_in_seconds</c>) for any number of
    /// workers. With one worker the same figure also caps CP-SAT's deterministic time (work units,
    /// a little slower than seconds on these machines), so that a search ending at its limit on a
    /// fast, idle machine ends at the same point on every run: the same seed then gives the same
    /// answer. A search cut by the wall clock first may return another solution; one that finishes
    /// before either limit (optimal, or infeasibility proven) is identical on every run.
    /// </summary>
    /// <param name="options">Workers and seed.</param>
    /// <param name="limit">This solve's limit (a share of the budget).</param>
    /// <param name="extra">More parameters in CP-SAT's text form (e.g. <c>linearization_level:2</c>), or empty.</param>
    public static string For(SolveOptions options, TimeSpan limit, string extra = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        var seconds = Math.Max(limit.TotalSeconds, WallClockBudget.LeastPerSolve.TotalSeconds);
        var text = options.Workers == 1
            ? string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{seconds} max_deterministic_time:{seconds} num_workers:1 random_seed:{options.Seed} log_search_progress:false")
            : string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{seconds} num_workers:{options.Workers} random_seed:{options.Seed} log_search_progress:false");
        return string.IsNullOrWhiteSpace(extra) ? text : text + " " + extra.Trim();
    }
}
