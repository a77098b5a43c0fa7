using TransitPairs.Duties;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Maps the public crew benchmarks onto the duty column generation (<see cref="ColumnGeneration"/>):
/// Beasley–Cao and the OR-Tools shift day onto a <see cref="DutyGraph"/> with exact pricing, CSPLib
/// set partitioning onto its fixed candidate list.
/// </summary>
public static class CrewBenchmarkSolver
{
    /// <summary>Weight of one driver in the OR-Tools day's objective: above any day's total working minutes, so drivers come first.</summary>
    public const long ShiftDriverWeight = 100_000;

    /// <summary>Beasley–Cao with exactly <paramref name="crews"/> duties (any number when null).</summary>
    public static CrewAnswer Solve(BeasleyCaoInstance instance, int? crews, TimeSpan limit, int workers, int seed) =>
        Answer(ColumnGeneration.Solve(new DutyGraphPricer(Graph(instance, crews)), limit, workers, seed), null);

    /// <summary>The OR-Tools day: fewest drivers, then least working time.</summary>
    public static CrewAnswer Solve(ShiftDayInstance instance, TimeSpan limit, int workers, int seed) =>
        Answer(ColumnGeneration.Solve(new DutyGraphPricer(Graph(instance)), limit, workers, seed), null);

    /// <summary>CSPLib set partitioning over the instance's candidate shifts.</summary>
    public static CrewAnswer Solve(SetPartitioningInstance instance, TimeSpan limit, int workers, int seed)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < instance.Shifts.Length; c++)
        {
            byKey.TryAdd(string.Join(',', instance.Shifts[c].Pieces), c);
        }

        return Answer(ColumnGeneration.Solve(Columns(instance), limit, workers, seed), byKey);
    }

    private static CrewAnswer Answer(ColumnGenerationResult r, Dictionary<string, int>? shiftOf)
    {
        var duties = r.Duties.Select(d => (IReadOnlyList<int>)[.. d]).ToList();
        var shifts = shiftOf is null ? [] : r.Duties.Select(d => shiftOf[string.Join(',', d)]).ToList();
        return new CrewAnswer(duties, shifts, r.Cost, r.LowerBound, r.Proven, r.Infeasible, r.Method, r.Elapsed);
    }

    internal static DutyGraph Graph(BeasleyCaoInstance instance, int? crews)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var n = instance.Tasks.Length;
        var succ = new List<(int To, long Cost)>[n];
        for (var i = 0; i < n; i++)
        {
            succ[i] = [];
        }

        foreach (var a in instance.Arcs)
        {
            if (instance.Tasks[a.To].EndMinute - instance.Tasks[a.From].StartMinute <= instance.MaxSpanMinutes)
            {
                succ[a.From].Add((a.To, a.Cost));
            }
        }

        return new DutyGraph(
            [.. instance.Tasks.Select(t => t.StartMinute)],
            [.. instance.Tasks.Select(t => t.EndMinute)],
            new int[n],
            new bool[n],
            new long[n],
            new long[n],
            [.. succ.Select(s => s.Select(x => x.To).ToArray())],
            [.. succ.Select(s => s.Select(x => x.Cost).ToArray())],
            DutyLimits.SpanOnly(instance.MaxSpanMinutes),
            crews);
    }

    internal static DutyGraph Graph(ShiftDayInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var r = instance.Rules;
        var p = instance.Pieces;
        var n = p.Length;
        var successors = new int[n][];
        var costs = new long[n][];
        for (var i = 0; i < n; i++)
        {
            var next = Enumerable.Range(0, n)
                .Where(j => p[j].StartMinute >= p[i].EndMinute + r.MinGap && p[j].EndMinute - p[i].StartMinute + r.SetupBefore + r.CleanupAfter <= r.MaxSpan)
                .ToArray();
            successors[i] = next;
            costs[i] = [.. next.Select(j => (long)(p[j].EndMinute - p[i].EndMinute))];
        }

        return new DutyGraph(
            [.. p.Select(x => x.StartMinute)],
            [.. p.Select(x => x.EndMinute)],
            [.. p.Select(x => x.DrivingMinutes)],
            new bool[n],
            [.. p.Select(x => ShiftDriverWeight + r.SetupBefore + x.EndMinute - x.StartMinute)],
            [.. p.Select(_ => (long)r.CleanupAfter)],
            successors,
            costs,
            new DutyLimits(r.MaxSpan, r.MinSpan, r.SetupBefore, r.CleanupAfter, r.MaxDriving, r.MaxContinuous, r.MaxContinuous, r.MinBreak));
    }

    internal static IDutyColumnSource Columns(SetPartitioningInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new ExplicitColumns(instance.Pieces, instance.Shifts.Select(s => new DutyColumn([.. s.Pieces], s.Cost)));
    }
}

/// <summary>An answer to a crew benchmark: the duties as task lists (0-based), the cost and the proven bound.</summary>
/// <param name="Duties">Each duty's tasks in order (CSPLib: the pieces of each chosen shift).</param>
/// <param name="Shifts">CSPLib only: the chosen candidate shifts (0-based); empty otherwise.</param>
/// <param name="Cost">The objective of the instance (Beasley–Cao: Σ arcs; CSPLib: Σ shift costs; OR-Tools day: drivers × weight + working minutes).</param>
/// <param name="LowerBound">A proven lower bound on <paramref name="Cost"/>.</param>
/// <param name="Proven">True when the cost is proven optimal.</param>
/// <param name="Infeasible">True when no solution exists (proved by the LP).</param>
/// <param name="Method">How the answer was found, for people.</param>
/// <param name="Elapsed">Wall-clock time of the solve.</param>
public sealed record CrewAnswer(
    IReadOnlyList<IReadOnlyList<int>> Duties,
    IReadOnlyList<int> Shifts,
    long Cost,
    long LowerBound,
    bool Proven,
    bool Infeasible,
    string Method,
    TimeSpan Elapsed)
{
    public bool HasSolution => Duties.Count > 0;

    /// <summary>(cost − bound) / |cost|; 0 when proven, +∞ without a solution.</summary>
    public double Gap => !HasSolution ? double.PositiveInfinity : Proven ? 0 : Cost == 0 ? 0 : (double)(Cost - LowerBound) / Math.Abs(Cost);
}
