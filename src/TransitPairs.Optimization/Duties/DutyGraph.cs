namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Limits a duty's resources must respect along its tasks (all in whole minutes). A limit of
/// <see cref="int.MaxValue"/> switches it off.
/// </summary>
/// <param name="MaxSpan">Longest span: from <paramref name="SpanBefore"/> before the first task's start to <paramref name="SpanAfter"/> after the last task's end.</param>
/// <param name="MinSpan">Shortest span of a duty (0: none).</param>
/// <param name="SpanBefore">Minutes counted before the first task (sign-on).</param>
/// <param name="SpanAfter">Minutes counted after the last task (sign-off).</param>
/// <param name="MaxDriving">Most driving in the duty.</param>
/// <param name="MaxContinuous">Most driving without a rest, by day.</param>
/// <param name="MaxContinuousAtNight">Most night driving without a rest (only the minutes inside the night count).</param>
/// <param name="RestResets">The least gap between two tasks that counts as a rest and resets continuous driving.</param>
internal readonly record struct DutyLimits(
    int MaxSpan,
    int MinSpan,
    int SpanBefore,
    int SpanAfter,
    int MaxDriving,
    int MaxContinuous,
    int MaxContinuousAtNight,
    int RestResets)
{
    /// <summary>Only a span limit (Beasley–Cao: last finish − first start ≤ T).</summary>
    public static DutyLimits SpanOnly(int maxSpan) => new(maxSpan, 0, 0, 0, int.MaxValue, int.MaxValue, int.MaxValue, 0);
}

/// <summary>
/// The integer core of duty pricing: tasks (pieces of work) in time order and the arcs "task j may
/// follow task i in the same duty", each with a cost, plus the cost of opening a duty at a task and
/// of closing it after one. A duty's cost is open + Σ arcs + close; it is feasible when its span,
/// its driving and its continuous driving stay within <see cref="Limits"/>. Every family of crew
/// problems (scenario duties, Beasley–Cao, the OR-Tools shift example) maps onto this.
/// </summary>
internal sealed class DutyGraph
{
    /// <param name="start">Start of each task, minutes.</param>
    /// <param name="end">End of each task, minutes (≥ start).</param>
    /// <param name="driving">Driving minutes inside each task.</param>
    /// <param name="night">Minutes of each task's driving that fall in the night (they count against the night limit of continuous driving).</param>
    /// <param name="openCost">Cost of a duty whose first task is i.</param>
    /// <param name="closeCost">Cost of a duty whose last task is i.</param>
    /// <param name="successors">Per task, the tasks that may follow it directly, each later in <paramref name="start"/> order.</param>
    /// <param name="successorCost">The cost of each of those arcs.</param>
    /// <param name="limits">Resource limits.</param>
    /// <param name="exactDuties">When set, a solution uses exactly this many duties (Beasley–Cao's K).</param>
    public DutyGraph(int[] start, int[] end, int[] driving, int[] night, long[] openCost, long[] closeCost, int[][] successors, long[][] successorCost, DutyLimits limits, int? exactDuties = null)
    {
        var n = start.Length;
        if (end.Length != n || driving.Length != n || night.Length != n || openCost.Length != n || closeCost.Length != n || successors.Length != n || successorCost.Length != n)
        {
            throw new ArgumentException("Every task array has one entry per task.", nameof(end));
        }

        Order = [.. Enumerable.Range(0, n).OrderBy(i => start[i]).ThenBy(i => end[i]).ThenBy(i => i)];
        Position = new int[n];
        for (var p = 0; p < n; p++)
        {
            Position[Order[p]] = p;
        }

        for (var i = 0; i < n; i++)
        {
            if (end[i] < start[i])
            {
                throw new ArgumentException($"Task {i} ends before it starts.", nameof(end));
            }

            if (successors[i].Length != successorCost[i].Length)
            {
                throw new ArgumentException($"Task {i} has {successors[i].Length} successors and {successorCost[i].Length} arc costs.", nameof(successorCost));
            }

            foreach (var j in successors[i])
            {
                if (j < 0 || j >= n || Position[j] <= Position[i])
                {
                    throw new ArgumentException($"The arc {i} → {j} does not go forward in time.", nameof(successors));
                }
            }
        }

        Start = start;
        End = end;
        Driving = driving;
        Night = night;
        OpenCost = openCost;
        CloseCost = closeCost;
        Successors = successors;
        SuccessorCost = successorCost;
        Limits = limits;
        ExactDuties = exactDuties;
    }

    public int TaskCount => Start.Length;

    public int[] Start { get; }

    public int[] End { get; }

    public int[] Driving { get; }

    public int[] Night { get; }

    public long[] OpenCost { get; }

    public long[] CloseCost { get; }

    public int[][] Successors { get; }

    public long[][] SuccessorCost { get; }

    public DutyLimits Limits { get; }

    public int? ExactDuties { get; }

    /// <summary>Tasks in time order (start, end, index).</summary>
    public int[] Order { get; }

    /// <summary>Position of each task in <see cref="Order"/>.</summary>
    public int[] Position { get; }

    /// <summary>Span of a duty from task <paramref name="first"/> to task <paramref name="last"/>, minutes.</summary>
    public int Span(int first, int last) => End[last] + Limits.SpanAfter - (Start[first] - Limits.SpanBefore);

    /// <summary>Whether task <paramref name="j"/> can still be inside a duty that starts with <paramref name="first"/> (span).</summary>
    public bool InWindow(int first, int j) => Span(first, j) <= Limits.MaxSpan;

    /// <summary>Whether a duty may end after <paramref name="last"/> when it began with <paramref name="first"/>.</summary>
    public bool MayClose(int first, int last) => Span(first, last) >= Limits.MinSpan && Span(first, last) <= Limits.MaxSpan;

    /// <summary>The cost of a task sequence (open + arcs + close), or null when an arc is missing.</summary>
    public long? CostOf(IReadOnlyList<int> tasks)
    {
        long cost = OpenCost[tasks[0]] + CloseCost[tasks[^1]];
        for (var k = 1; k < tasks.Count; k++)
        {
            var at = Array.IndexOf(Successors[tasks[k - 1]], tasks[k]);
            if (at < 0)
            {
                return null;
            }

            cost += SuccessorCost[tasks[k - 1]][at];
        }

        return cost;
    }
}
