using System.Diagnostics;

namespace TransitPairs.Optimization;

/// <summary>
/// A wall-clock budget shared by the solves of one stage or one plan: each solve asks for what is
/// left (or a share of it), so that the solves together end near the budget however many of them
/// run. Started when constructed.
/// </summary>
internal sealed class WallClockBudget
{
    /// <summary>
    /// The least limit handed to a solve, seconds: CP-SAT and the MIP solvers need a moment to read a
    /// model and return its hint; an exhausted budget thus overruns by at most this much per solve.
    /// </summary>
    public const double LeastSeconds = 0.2;

    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <param name="seconds">The whole budget, seconds (&gt; 0).</param>
    public WallClockBudget(double seconds)
    {
        Seconds = seconds > 0 && double.IsFinite(seconds)
            ? seconds
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A time budget is a positive number of seconds.");
    }

    /// <summary>The whole budget, seconds.</summary>
    public double Seconds { get; }

    /// <summary>Wall-clock time since the budget started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>True when nothing is left.</summary>
    public bool IsSpent => clock.Elapsed.TotalSeconds >= Seconds;

    /// <summary>
    /// The limit for the next solve, seconds: <paramref name="share"/> (0–1] of what is left, at
    /// least <see cref="LeastSeconds"/>.
    /// </summary>
    public double Left(double share = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        return Math.Max(LeastSeconds, (Seconds - clock.Elapsed.TotalSeconds) * share);
    }
}
