using TransitPairs.Duties;
using TransitPairs.Optimization.Solving;

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

    /// <summary>Restarts of the last ruin and recreate in a row that find nothing better before a shift day's search ends ahead of the clock.</summary>
    public const int SettledRestarts = 2;

    /// <summary>Beasley–Cao with exactly <paramref name="crews"/> duties (any number when null); the objective is Σ arc costs.</summary>
    public static SolveOutcome<CrewDuties> Solve(BeasleyCaoInstance instance, int? crews, SolveOptions options, WallClockBudget budget) =>
        ColumnGeneration.Solve(new DutyGraphPricer(Graph(instance, crews)), options, budget).ToOutcome(r => Duties(r, null));

    /// <summary>
    /// The OR-Tools day: fewest drivers, then least working time (objective = drivers × <see cref="ShiftDriverWeight"/> + working minutes).
    /// Duties from the first second (<see cref="ShiftDayHeuristic"/>: constructed, then ruin and recreate
    /// for <see cref="BudgetShares.ShiftDayFirstDuties"/> of the budget), then the column generation from
    /// them (<see cref="BudgetShares.ShiftDayColumnGeneration"/> of what is left: the LP bound, and a MIP
    /// over its duties), then ruin and recreate again from the best duties, restarted while it improves,
    /// until the clock stops.
    /// </summary>
    public static SolveOutcome<CrewDuties> Solve(ShiftDayInstance instance, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var first = ShiftDayHeuristic.Solve(instance, ShiftDriverWeight, options.Seed, budget.Left(BudgetShares.ShiftDayFirstDuties), () => budget.IsSpent);
        var steps = first?.Steps ?? 0;
        var share = budget.Share(BudgetShares.ShiftDayColumnGeneration);
        var lpEnds = share.Remaining * (1 - (first is null ? BudgetShares.DutyColumnGenerationWithoutStart : BudgetShares.DutyColumnGeneration));
        var columns = new ShiftDayColumns(instance, ShiftDriverWeight, () => share.Remaining <= lpEnds, first?.Duties, () => share.IsSpent);
        var result = ColumnGeneration.Solve(columns, options, share);
        var method = (first is null ? "no first duties (a piece nobody may drive, or the least span)" : $"first duties by construction and ruin and recreate ({first.Cost / ShiftDriverWeight} drivers)") + "; " + result.Method;

        // The better of the two, then ruin and recreate from it while the clock allows.
        if (first is not null && (!result.HasSolution || first.Cost < result.Cost))
        {
            result = result with { Duties = first.Duties, Cost = first.Cost, Proven = first.Cost <= result.LowerBound };
        }

        // Each restart starts hot again from the best duties with another seed; two restarts in a row
        // that find nothing better end the search before the clock.
        for (int restart = 1, idle = 0; result.HasSolution && !result.Proven && !budget.IsSpent && idle < SettledRestarts; restart++)
        {
            var again = ShiftDayHeuristic.Solve(instance, ShiftDriverWeight, options.Seed + restart, budget.Remaining, () => budget.IsSpent, result.Duties);
            if (again is null)
            {
                break;
            }

            steps += again.Steps;
            idle = again.Cost < result.Cost ? 0 : idle + 1;
            if (again.Cost < result.Cost)
            {
                result = result with { Duties = again.Duties, Cost = again.Cost, Proven = again.Cost <= result.LowerBound };
            }
        }

        method += $"; {steps} ruin-and-recreate steps";

        // The counting and span bounds on drivers and the least working minutes of that many hold without the LP.
        var countingDrivers = CountingDrivers(instance);
        var spanDrivers = ShiftDayBounds.SpanDrivers(instance);
        var counting = ShiftDayBounds.CostFloor(instance, Math.Max(countingDrivers, spanDrivers), ShiftDriverWeight);
        if (counting > result.LowerBound && !result.Infeasible)
        {
            result = result with { LowerBound = result.HasSolution ? Math.Min(counting, result.Cost) : counting, Proven = result.HasSolution && counting >= result.Cost };
            method += spanDrivers > countingDrivers ? $"; span bound {spanDrivers} drivers" : $"; counting bound {countingDrivers} drivers";
        }

        return (result with { Method = method, Elapsed = budget.Elapsed }).ToOutcome(r => Duties(r, null));
    }

    /// <summary>
    /// The counting bound on drivers of a shift day: the day's driving over the most driving per
    /// driver, rounded up, or the most pieces that pairwise overlap (two pieces closer than the least
    /// gap need two drivers), whichever is larger.
    /// </summary>
    public static int CountingDrivers(ShiftDayInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var r = instance.Rules;
        var byDriving = (int)Math.Ceiling(instance.Pieces.Sum(x => x.DrivingMinutes) / (double)r.MaxDriving);

        // A piece keeps its driver busy from its start until the least gap after its end.
        var events = instance.Pieces.SelectMany(x => new[] { (Minute: x.StartMinute, Delta: 1), (Minute: x.EndMinute + r.MinGap, Delta: -1) })
            .OrderBy(e => e.Minute).ThenBy(e => e.Delta);
        int busy = 0, peak = 0;
        foreach (var e in events)
        {
            busy += e.Delta;
            peak = Math.Max(peak, busy);
        }

        return Math.Max(byDriving, peak);
    }

    /// <summary>CSPLib set partitioning over the instance's candidate shifts; the objective is Σ shift costs.</summary>
    public static SolveOutcome<CrewDuties> Solve(SetPartitioningInstance instance, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < instance.Shifts.Length; c++)
        {
            byKey.TryAdd(string.Join(',', instance.Shifts[c].Pieces), c);
        }

        return ColumnGeneration.Solve(Columns(instance), options, budget).ToOutcome(r => Duties(r, byKey));
    }

    private static CrewDuties Duties(ColumnGenerationResult r, Dictionary<string, int>? shiftOf) =>
        new([.. r.Duties.Select(d => (IReadOnlyList<int>)[.. d])], shiftOf is null ? [] : [.. r.Duties.Select(d => shiftOf[string.Join(',', d)])], r.Cost);

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
            new int[n],
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
            new int[n],
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

/// <summary>Duties of a crew benchmark: each duty's tasks in order (0-based), CSPLib's chosen shifts, and the cost.</summary>
/// <param name="Duties">Each duty's tasks in order (CSPLib: the pieces of each chosen shift).</param>
/// <param name="Shifts">CSPLib only: the chosen candidate shifts (0-based); empty otherwise.</param>
/// <param name="Cost">The instance's objective (Beasley–Cao: Σ arcs; CSPLib: Σ shift costs; OR-Tools day: drivers × weight + working minutes).</param>
public sealed record CrewDuties(IReadOnlyList<IReadOnlyList<int>> Duties, IReadOnlyList<int> Shifts, long Cost);
