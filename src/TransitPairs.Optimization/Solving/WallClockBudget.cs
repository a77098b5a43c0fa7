using System.Diagnostics;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// The one clock a solver is handed: a wall-clock budget shared by the solves of a stage, a plan
/// or a command. Each solve asks for what is left (or a share of it), so that the solves together
/// end near the budget however many run. Started when constructed.
/// </summary>
public sealed class WallClockBudget
{
    /// <summary>
    /// The least limit handed to a solve: CP-SAT and the MIP solvers need a moment to read a model
    /// and return its hint; an exhausted budget thus overruns by at most this much per solve.
    /// </summary>
    public static readonly TimeSpan LeastPerSolve = TimeSpan.FromSeconds(0.2);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly WallClockBudget? parent;

    /// <param name="limit">The whole budget (above 0, finite).</param>
    public WallClockBudget(TimeSpan limit)
        : this(limit, null)
    {
    }

    private WallClockBudget(TimeSpan limit, WallClockBudget? parent)
    {
        Limit = limit > TimeSpan.Zero && limit < TimeSpan.MaxValue
            ? limit
            : throw new ArgumentOutOfRangeException(nameof(limit), limit, "A time budget is a positive, finite time.");
        this.parent = parent;
    }

    /// <summary>The whole budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Wall-clock time since the budget started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>What is left (zero once spent); never past what the budget it was shared from has left.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var own = Limit - clock.Elapsed;
            var left = parent is null ? own : Min(own, parent.Remaining);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>True when nothing is left.</summary>
    public bool IsSpent => Remaining == TimeSpan.Zero;

    /// <summary>
    /// The limit for the next solve: <paramref name="share"/> (0–1] of what is left, at least
    /// <see cref="LeastPerSolve"/>.
    /// </summary>
    public TimeSpan Left(double share = 1)
    {
        CheckShare(share);
        var left = Remaining * share;
        return left > LeastPerSolve ? left : LeastPerSolve;
    }

    /// <summary>
    /// A budget of <paramref name="share"/> (0–1] of what is left (at least <see cref="LeastPerSolve"/>),
    /// started now, that never runs past this one.
    /// </summary>
    public WallClockBudget Share(double share) => new(Left(share), this);

    private static void CheckShare(double share)
    {
        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "A share of a budget is above 0 and at most 1.");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
