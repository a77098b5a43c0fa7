using Google.OrTools.LinearSolver;
using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.Duties;

/// <summary>What the column generation found: the duties (task lists), their cost and the bounds.</summary>
/// <param name="Duties">Chosen duties as task lists; empty without a solution.</param>
/// <param name="Cost">Σ cost of the chosen duties.</param>
/// <param name="LowerBound">A proven lower bound on the cost of any solution (integer: the LP bound rounded up, or the optimum when proven).</param>
/// <param name="LpBound">The LP (or Lagrangean) bound before rounding; NaN when none was reached.</param>
/// <param name="Proven">True when <paramref name="Cost"/> is proven optimal.</param>
/// <param name="Infeasible">True when the LP proves no set of duties covers every task.</param>
/// <param name="Columns">Columns generated in all.</param>
/// <param name="Rounds">Pricing rounds.</param>
/// <param name="Method">How the answer was reached, for people.</param>
internal sealed record ColumnGenerationResult(
    IReadOnlyList<int[]> Duties,
    long Cost,
    long LowerBound,
    double LpBound,
    bool Proven,
    bool Infeasible,
    int Columns,
    int Rounds,
    string Method)
{
    /// <summary>Wall-clock time of the whole solve.</summary>
    public TimeSpan Elapsed { get; init; }

    public bool HasSolution => Duties.Count > 0;

    /// <summary>The contract's outcome: optimal when proven, feasible with the bound otherwise.</summary>
    public SolveOutcome<T> ToOutcome<T>(Func<ColumnGenerationResult, T> solution)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(solution);
        var status = Infeasible ? SolveStatus.Infeasible : !HasSolution ? SolveStatus.NoSolutionFound : Proven ? SolveStatus.Optimal : SolveStatus.Feasible;
        return new SolveOutcome<T>(status, HasSolution ? solution(this) : null, HasSolution ? Cost : double.NaN, LowerBound, Elapsed, Method)
        {
            Explanation = Infeasible ? "No set of duties covers every task under the rules." : HasSolution ? null : $"No duties found in {Elapsed.TotalSeconds:0.#} s.",
        };
    }
}

/// <summary>
/// Set partitioning over duties by column generation, then price-and-branch with a proof:
/// <list type="number">
/// <item>the master LP (GLOP, warm-started; an artificial per task and on the duty-count row keeps
/// it feasible) is re-solved while the exact pricing finds duties with a negative reduced cost;
/// when none is left the LP value is a lower bound for every set of duties;</item>
/// <item>a MIP (SCIP) over the generated duties gives integer duties (an upper bound);</item>
/// <item>when that is above the LP bound rounded up, every duty whose reduced cost is at most
/// (upper bound − 1 − LP bound) is enumerated: no better solution can use any other duty
/// (its reduced cost alone would lift the cost past the incumbent), so the MIP over them, solved to
/// the end, is the optimum of the whole problem.</item>
/// </list>
/// Costs are integers, so the bound is the LP value rounded up.
/// </summary>
internal static class ColumnGeneration
{
    public const double Epsilon = 1e-6;

    /// <summary>
    /// Tolerance added to an enumeration threshold: the LP stops when no duty prices below −ε, so
    /// each of up to n duties of a solution may sit ε below zero and push another ε·n above the
    /// threshold; round-off does the rest. Enumerating a few duties too many costs nothing.
    /// </summary>
    public static double EnumerationSlack(int tasks) => Epsilon * (tasks + 1) * 10;

    /// <summary>Most columns the reduced-cost enumeration may produce before it gives up the proof.</summary>
    public const int EnumerationCap = 50_000;

    /// <summary>Most columns added when the generated duties hold no partition and the pool is widened.</summary>
    public const int WidenCap = 400_000;

    /// <summary>First reduced-cost width (share of the LP value) when the generated duties hold no partition.</summary>
    public const double WidenFirst = 0.001;

    /// <summary>Doublings of the reduced-cost width before every duty is enumerated.</summary>
    public const int WidenSteps = 6;

    private const double LastPenalty = 1e11;

    /// <summary>Runs the three steps within <paramref name="budget"/> (the LP may use <see cref="BudgetShares.DutyColumnGeneration"/> of it).</summary>
    /// <param name="source">Pricing and enumeration of the duties.</param>
    /// <param name="options">Workers and seed (the time comes from <paramref name="budget"/>).</param>
    /// <param name="budget">The clock.</param>
    /// <param name="boundOnly">Stop after the LP: only <see cref="ColumnGenerationResult.LowerBound"/> is wanted (no duties).</param>
    public static ColumnGenerationResult Solve(IDutyColumnSource source, SolveOptions options, WallClockBudget budget, bool boundOnly = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        return Run(source, options, budget, boundOnly) with { Elapsed = budget.Elapsed };
    }

    private static ColumnGenerationResult Run(IDutyColumnSource source, SolveOptions options, WallClockBudget budget, bool boundOnly)
    {
        TimeSpan Left() => budget.Remaining;
        var limit = budget.Remaining;
        var n = source.TaskCount;
        var pool = new List<DutyColumn>();
        var variables = new List<Variable>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using var lp = MpSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        LinearSolverSetup.Apply(lp, options, limit);
        lp.SetSolverSpecificParametersAsString("use_preprocessing: false");
        var objective = lp.Objective();
        objective.SetMinimization();
        var penalty = source.ArtificialPenalty;
        var cover = new Constraint[n];
        var artificial = new List<Variable>();
        for (var i = 0; i < n; i++)
        {
            cover[i] = lp.MakeConstraint(1, 1, string.Empty);
            var a = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            cover[i].SetCoefficient(a, 1);
            artificial.Add(a);
        }

        Constraint? count = null;
        if (source.ExactDuties is { } k)
        {
            count = lp.MakeConstraint(k, k, string.Empty);
            var up = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            var down = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            count.SetCoefficient(up, 1);
            count.SetCoefficient(down, -1);
            artificial.Add(up);
            artificial.Add(down);
        }

        foreach (var a in artificial)
        {
            objective.SetCoefficient(a, penalty);
        }

        bool Add(DutyColumn c)
        {
            if (!keys.Add(c.Key))
            {
                return false;
            }

            pool.Add(c);
            var x = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            variables.Add(x);
            objective.SetCoefficient(x, c.Cost);
            foreach (var t in c.Tasks)
            {
                cover[t].SetCoefficient(x, 1);
            }

            count?.SetCoefficient(x, 1);
            return true;
        }

        var singletons = source.Singletons().ToList();
        foreach (var c in singletons)
        {
            Add(c);
        }

        // With a free count, a quick partition is a first solution (and its duties first columns).
        var greedy = source.ExactDuties is null ? source.Greedy() : [];
        foreach (var c in greedy)
        {
            Add(c);
        }

        // A greedy that leaves tasks over (the shift day's least span) gives first columns, not a solution.
        var partition = greedy.Count > 0 && greedy.SelectMany(c => c.Tasks).Distinct().Count() == n && greedy.Sum(c => c.Tasks.Length) == n;
        Integer? fallback = partition ? new Integer([.. greedy], greedy.Sum(c => c.Cost), long.MinValue, Proven: false) : null;
        var pi = new double[n];
        var mu = 0.0;
        var rounds = 0;
        var converged = false;
        var stalled = false;
        var lpValue = double.NaN;
        var lagrangean = double.NegativeInfinity;
        var dutyCap = source.ExactDuties ?? n;
        var lpShare = fallback is null && source.ExactDuties is null ? BudgetShares.DutyColumnGenerationWithoutStart : BudgetShares.DutyColumnGeneration;
        while (Left() > (boundOnly ? TimeSpan.Zero : limit * (1 - lpShare)) || (rounds == 0 && Left() > TimeSpan.Zero))
        {
            LinearSolverSetup.SetLimit(lp, Left());
            var status = lp.Solve();
            rounds++;
            if (status != MpSolver.ResultStatus.OPTIMAL)
            {
                break;
            }

            lpValue = objective.Value();
            for (var i = 0; i < n; i++)
            {
                pi[i] = cover[i].DualValue();
            }

            mu = count?.DualValue() ?? 0;
            var round = source.Price(pi, mu, Math.Max(50, 2 * n));
            var artificialsUsed = artificial.Any(a => a.SolutionValue() > Epsilon);
            // A quick (heuristic) round says NaN: it proves nothing about the least reduced cost.
            if (!artificialsUsed && double.IsFinite(round.LeastReducedCost))
            {
                // Lagrangean bound: no solution has more than dutyCap duties (exactly K when fixed).
                var least = source.ExactDuties is null ? Math.Min(0, round.LeastReducedCost) : round.LeastReducedCost;
                lagrangean = Math.Max(lagrangean, lpValue + (dutyCap * least));
            }

            // Columns already held price out only through round-off (huge penalties): nothing new.
            var added = round.Columns.Count(Add);

            // Tailing off with no partition yet: once the Lagrangean bound rounds up to what the LP
            // would, more rounds cannot raise the bound; the clock is better spent diving.
            if (fallback is null && source.ExactDuties is null && !artificialsUsed && added > 0 && double.IsFinite(lagrangean)
                && Math.Ceiling(lagrangean - Epsilon) >= Math.Ceiling(lpValue - Epsilon))
            {
                stalled = true;
                break;
            }

            if (added == 0 && double.IsNaN(round.LeastReducedCost))
            {
                // The exact round was stopped by the clock: nothing is proven.
                break;
            }

            if (added == 0)
            {
                if (!artificialsUsed)
                {
                    converged = true;
                    break;
                }

                if (penalty >= LastPenalty)
                {
                    return new ColumnGenerationResult([], 0, 0, double.NaN, Proven: true, Infeasible: true, pool.Count, rounds, "column generation: the LP proves no duties cover every task");
                }

                penalty *= 10;
                foreach (var a in artificial)
                {
                    objective.SetCoefficient(a, penalty);
                }

                continue;
            }
        }

        var lpBound = converged ? lpValue : lagrangean;
        var lower = double.IsFinite(lpBound) ? (long)Math.Ceiling(lpBound - Epsilon) : long.MinValue;
        var method = converged
            ? $"column generation ({rounds} rounds, {pool.Count} duties) to the LP bound"
            : stalled ? $"column generation stopped after {rounds} rounds ({pool.Count} duties) once its Lagrangean bound met the LP's"
            : $"column generation stopped by the clock after {rounds} rounds ({pool.Count} duties)";

        if (boundOnly)
        {
            return new ColumnGenerationResult([], 0, lower == long.MinValue ? 0 : lower, lpBound, Proven: false, Infeasible: false, pool.Count, rounds, method);
        }

        // Without a first partition, dive: fix the duty the LP likes most, price again, repeat.
        if (fallback is null && source.ExactDuties is null && Left() > TimeSpan.Zero)
        {
            var diveEnds = budget.Elapsed + budget.Left(BudgetShares.DutyDive);
            // The duties the master uses (re-solved: the last round added columns after its solve).
            LinearSolverSetup.SetLimit(lp, Left());
            var support = lp.Solve() == MpSolver.ResultStatus.OPTIMAL
                ? variables.Select((x, j) => (x, j)).Where(v => v.x.SolutionValue() > Epsilon).Select(v => pool[v.j]).ToList()
                : [];
            var seed = support.Concat(pool.OrderBy(c => c.Cost - c.Tasks.Sum(t => pi[t])).Take(DiveSeedColumns)).ToList();
            var found = new List<DutyColumn>();
            // A dive that fails early (an artificial it cannot price out) is tried again, fixing only
            // the duties the LP sets to 1 and the highest one.
            foreach (var fixAt in DiveFixAt)
            {
                fallback = Dive(source, n, penalty, [.. seed, .. found], found.Add, fixAt, () => budget.Elapsed >= diveEnds || Left() <= TimeSpan.Zero, share => Left() * share, options);
                if (fallback is not null || budget.Elapsed >= diveEnds)
                {
                    break;
                }
            }

            foreach (var c in found.Where(c => keys.Add(c.Key)))
            {
                pool.Add(c);
            }

            if (fallback is not null)
            {
                method += $"; diving found {fallback.Chosen.Count} duties";
            }
        }

        var incumbent = Mip(pool, n, source.ExactDuties, fallback, budget.Left(BudgetShares.DutyFirstMip), options) ?? fallback;

        // The generated duties may not partition the tasks at all. Then widen them: every duty whose
        // reduced cost is at most δ. When even those admit no partition, every solution holds a duty
        // above δ and so costs more than LP + δ: the bound rises.
        var delta = Math.Max(1, Math.Abs(lpValue) * WidenFirst);
        for (var step = 0; incumbent is null && converged && Left() > TimeSpan.Zero; step++)
        {
            // After a few doublings, every duty: then an infeasible MIP proves there is no solution.
            var everything = step >= WidenSteps;
            var widened = source.Enumerate(pi, mu, everything ? double.PositiveInfinity : delta, WidenCap, () => Left() <= TimeSpan.Zero);
            var complete = widened is not null;
            widened ??= source.Enumerate(pi, mu, everything ? double.PositiveInfinity : delta, WidenCap, () => Left() <= TimeSpan.Zero, partial: true) ?? [];

            var candidates = pool.Concat(widened).DistinctBy(c => c.Key).ToList();
            incumbent = Mip(candidates, n, source.ExactDuties, null, budget.Left(BudgetShares.DutyFirstMip), options, out var infeasible);
            if (incumbent is null && infeasible && complete)
            {
                if (everything)
                {
                    return new ColumnGenerationResult([], 0, 0, lpBound, Proven: true, Infeasible: true, candidates.Count, rounds, method + $"; all {candidates.Count} feasible duties enumerated: no partition of the tasks exists");
                }

                lower = Math.Max(lower, (long)Math.Floor(lpValue + delta + Epsilon) + 1);
            }

            method += everything ? $"; all {candidates.Count} feasible duties" : $"; widened to {candidates.Count} duties with reduced cost ≤ {delta:0.##}";
            delta *= 2;
            if (everything)
            {
                break;
            }
        }

        if (incumbent is null)
        {
            return new ColumnGenerationResult([], 0, lower == long.MinValue ? 0 : lower, lpBound, Proven: false, Infeasible: false, pool.Count, rounds, method + "; no integer duties in time");
        }

        if (incumbent.Cost <= lower)
        {
            return Result(incumbent, incumbent.Cost, lpBound, proven: true, pool.Count, rounds, method + "; integer duties meet the bound");
        }

        if (!converged)
        {
            return Result(incumbent, lower, lpBound, proven: false, pool.Count, rounds, method + "; integer duties over the generated columns");
        }

        // Reduced-cost enumeration: only duties with rc ≤ UB − 1 − LP can be in a better solution.
        var threshold = incumbent.Cost - 1 - lpValue;
        var enumerated = source.Enumerate(pi, mu, threshold, EnumerationCap, () => Left() <= TimeSpan.Zero);
        if (enumerated is null)
        {
            var better = Mip(pool, n, source.ExactDuties, incumbent, budget.Left(), options) ?? incumbent;
            return Result(better, lower, lpBound, proven: false, pool.Count, rounds, method + $"; reduced-cost enumeration over {EnumerationCap} duties or out of time, MIP over the generated columns");
        }

        var exact = enumerated.Concat(incumbent.Chosen).DistinctBy(c => c.Key).ToList();
        var final = Mip(exact, n, source.ExactDuties, incumbent, budget.Left(), options);
        if (final is null)
        {
            return Result(incumbent, lower, lpBound, proven: false, pool.Count, rounds, method + "; enumeration MIP out of time");
        }

        var bound = final.Proven ? final.Cost : Math.Max(lower, final.Bound);
        return Result(final, bound, lpBound, final.Proven, pool.Count + enumerated.Count, rounds,
            method + $"; {enumerated.Count} duties within the reduced-cost gap enumerated, MIP over them {(final.Proven ? "proves the optimum" : "stopped by the clock")}");
    }

    /// <summary>Columns priced per LP re-solve while diving.</summary>
    private const int DiveColumns = 60;

    /// <summary>Pricing rounds per fixing step while diving (more while an artificial is in use).</summary>
    private const int DiveRounds = 1;

    /// <summary>The LP value from which a dive fixes a duty besides the highest, per attempt.</summary>
    private static readonly double[] DiveFixAt = [0.8, 0.999];

    /// <summary>Duties of least reduced cost the diving LP starts from (with every duty the LP used).</summary>
    public const int DiveSeedColumns = 2500;

    /// <summary>
    /// Diving on a fresh, small LP (the duties the master used and those of least reduced cost; the
    /// master's thousands of columns make every re-solve slow): fix (lower bound 1) every duty the LP
    /// sets to at least <paramref name="fixAt"/> (above one half: no two share a task) and the one it sets highest, then re-solve with quick
    /// pricing rounds in which tasks already covered are forbidden (their dual so low that no duty
    /// through them prices out), until every task is covered. Once a third of the tasks is left, and
    /// when the clock stops the dive, a MIP over the fixed duties and every duty clear of them tries
    /// to finish. Null without a partition.
    /// </summary>
    private static Integer? Dive(IDutyColumnSource source, int n, double penalty, IEnumerable<DutyColumn> seed, Action<DutyColumn> remember, double fixAt, Func<bool> stop, Func<double, TimeSpan> share, SolveOptions options)
    {
        const double Forbidden = -1e12;
        using var lp = MpSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        LinearSolverSetup.Apply(lp, options, share(1));

        // Fixing a duty leaves the basis dual feasible: the dual simplex re-solves faster.
        lp.SetSolverSpecificParametersAsString("use_preprocessing: false use_dual_simplex: true");
        var objective = lp.Objective();
        objective.SetMinimization();
        var cover = new Constraint[n];
        var artificial = new Variable[n];
        for (var i = 0; i < n; i++)
        {
            cover[i] = lp.MakeConstraint(1, 1, string.Empty);
            artificial[i] = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            cover[i].SetCoefficient(artificial[i], 1);
            objective.SetCoefficient(artificial[i], penalty);
        }

        var pool = new List<DutyColumn>();
        var variables = new List<Variable>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        bool Add(DutyColumn c)
        {
            if (!keys.Add(c.Key))
            {
                return false;
            }

            pool.Add(c);
            remember(c);
            var x = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            variables.Add(x);
            objective.SetCoefficient(x, c.Cost);
            foreach (var t in c.Tasks)
            {
                cover[t].SetCoefficient(x, 1);
            }

            return true;
        }

        foreach (var c in seed)
        {
            Add(c);
        }

        var covered = new bool[n];
        var chosen = new List<int>();
        var pi = new double[n];
        var left = n;
        var tried = false;
        while (left > 0 && !stop())
        {
            for (var round = 0; ; round++)
            {
                LinearSolverSetup.SetLimit(lp, share(1));
                if (lp.Solve() != MpSolver.ResultStatus.OPTIMAL)
                {
                    return Finish(share(1));
                }

                // Beyond the usual rounds only while an artificial still covers a task.
                if (round >= DiveRounds * 10 || (round >= DiveRounds && !artificial.Any(a => a.SolutionValue() > Epsilon)) || stop())
                {
                    break;
                }

                for (var i = 0; i < n; i++)
                {
                    pi[i] = covered[i] ? Forbidden : cover[i].DualValue();
                }

                if (source.Price(pi, 0, DiveColumns).Columns.Count(Add) == 0)
                {
                    break;
                }
            }

            if (artificial.Any(a => a.SolutionValue() > 1 - Epsilon))
            {
                return Finish(share(1));
            }

            var best = -1;
            var fix = new List<int>();
            for (var j = 0; j < pool.Count; j++)
            {
                var x = variables[j].SolutionValue();
                if (x <= Epsilon || variables[j].Lb() > 0.5)
                {
                    continue;
                }

                if (x >= fixAt)
                {
                    fix.Add(j);
                }

                if (best < 0 || x > variables[best].SolutionValue())
                {
                    best = j;
                }
            }

            if (best < 0)
            {
                return Finish(share(1));
            }

            if (!fix.Contains(best))
            {
                fix.Add(best);
            }

            foreach (var j in fix.Where(j => !pool[j].Tasks.Any(t => covered[t])))
            {
                variables[j].SetLb(1);
                chosen.Add(j);
                foreach (var t in pool[j].Tasks)
                {
                    covered[t] = true;
                    left--;
                }
            }

            if (!tried && left > 0 && left <= n / 3)
            {
                tried = true;
                if (Finish(share(BudgetShares.DutyDiveFinish)) is { } done)
                {
                    return done;
                }
            }
        }

        return left == 0
            ? new Integer([.. chosen.Select(j => pool[j])], chosen.Sum(j => pool[j].Cost), long.MinValue, Proven: false)
            : Finish(share(1));

        // The MIP over the fixed duties and every duty clear of them.
        Integer? Finish(TimeSpan limit)
        {
            var candidates = chosen.Select(j => pool[j]).Concat(pool.Where(c => !c.Tasks.Any(t => covered[t]))).DistinctBy(c => c.Key).ToList();
            return Mip(candidates, n, null, null, limit, options);
        }
    }

    private static ColumnGenerationResult Result(Integer solution, long bound, double lpBound, bool proven, int columns, int rounds, string method) =>
        new([.. solution.Chosen.Select(c => c.Tasks)], solution.Cost, Math.Min(bound, solution.Cost), lpBound, proven, Infeasible: false, columns, rounds, method);

    private sealed record Integer(List<DutyColumn> Chosen, long Cost, long Bound, bool Proven);

    /// <summary>The set-partitioning MIP over <paramref name="columns"/> (SCIP); null without a solution in time.</summary>
    private static Integer? Mip(List<DutyColumn> columns, int n, int? exact, Integer? hint, TimeSpan limit, SolveOptions options) =>
        Mip(columns, n, exact, hint, limit, options, out _);

    /// <summary>The same MIP; <paramref name="infeasible"/> is set when SCIP proves that the columns hold no partition.</summary>
    private static Integer? Mip(List<DutyColumn> columns, int n, int? exact, Integer? hint, TimeSpan limit, SolveOptions options, out bool infeasible)
    {
        infeasible = false;
        using var mip = MpSolver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        LinearSolverSetup.Apply(mip, options, limit);
        var rows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = mip.MakeConstraint(1, 1, string.Empty);
        }

        var countRow = exact is { } k ? mip.MakeConstraint(k, k, string.Empty) : null;
        var objective = mip.Objective();
        objective.SetMinimization();
        var x = new Variable[columns.Count];
        for (var j = 0; j < columns.Count; j++)
        {
            x[j] = mip.MakeBoolVar(string.Empty);
            objective.SetCoefficient(x[j], columns[j].Cost);
            foreach (var t in columns[j].Tasks)
            {
                rows[t].SetCoefficient(x[j], 1);
            }

            countRow?.SetCoefficient(x[j], 1);
        }

        if (hint is not null)
        {
            var chosen = hint.Chosen.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            mip.SetHint(x, [.. columns.Select(c => chosen.Contains(c.Key) ? 1.0 : 0.0)]);
        }

        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        var status = mip.Solve(parameters);
        if (status is not (MpSolver.ResultStatus.OPTIMAL or MpSolver.ResultStatus.FEASIBLE))
        {
            infeasible = status == MpSolver.ResultStatus.INFEASIBLE;
            return null;
        }

        var picked = columns.Where((_, j) => x[j].SolutionValue() > 0.5).ToList();
        var cost = picked.Sum(c => c.Cost);
        if (hint is not null && hint.Cost < cost)
        {
            return hint with { Proven = false };
        }

        var bound = (long)Math.Ceiling(objective.BestBound() - Epsilon);
        return new Integer(picked, cost, status == MpSolver.ResultStatus.OPTIMAL ? cost : bound, status == MpSolver.ResultStatus.OPTIMAL);
    }
}
