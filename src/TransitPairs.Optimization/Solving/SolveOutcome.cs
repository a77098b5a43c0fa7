using System.Collections.Immutable;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// What every solver returns: how it ended, the solution (null without one), the objective and a
/// bound in the solver's objective units, the gap between them (computed in one place,
/// <see cref="SolveGap"/>), the time it took and the method that produced it. Figures of a particular
/// solver live in <typeparamref name="TSolution"/>.
/// </summary>
/// <typeparam name="TSolution">The solver's solution type.</typeparam>
public sealed record SolveOutcome<TSolution>
    where TSolution : class
{
    /// <param name="status">How the solve ended.</param>
    /// <param name="solution">The solution; null exactly when <paramref name="status"/> is infeasible or no solution found.</param>
    /// <param name="objective">The solution's objective (minimised); NaN without a solution.</param>
    /// <param name="bound">A proven lower bound on the objective; NaN when none is known.</param>
    /// <param name="elapsed">Wall-clock time of the solve.</param>
    /// <param name="method">The method, in a few words (e.g. "min-cost flow").</param>
    public SolveOutcome(SolveStatus status, TSolution? solution, double objective, double bound, TimeSpan elapsed, string method)
    {
        if ((solution is null) != (status is SolveStatus.Infeasible or SolveStatus.NoSolutionFound))
        {
            throw new ArgumentException($"A {status.Word()} outcome {(solution is null ? "needs" : "has no")} a solution.", nameof(solution));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Status = status;
        Solution = solution;
        Objective = objective;
        Bound = bound;
        Elapsed = elapsed;
        Method = method;
    }

    public SolveStatus Status { get; }

    public TSolution? Solution { get; }

    /// <summary>True when there is a solution (optimal or feasible).</summary>
    public bool HasSolution => Solution is not null;

    /// <summary>The solution's objective; NaN without one.</summary>
    public double Objective { get; }

    /// <summary>A proven lower bound on the objective; NaN when none is known.</summary>
    public double Bound { get; }

    /// <summary>Relative gap (see <see cref="SolveGap.Relative"/>).</summary>
    public double Gap => SolveGap.Relative(Status, Objective, Bound);

    public TimeSpan Elapsed { get; }

    public string Method { get; }

    /// <summary>In plain words: the proved reason there is no solution, or what stopped the search. Null when there is nothing to say.</summary>
    public string? Explanation { get; init; }

    /// <summary>Changes to the input that would give a (better) solution, most useful first.</summary>
    public ImmutableArray<Remedy> Remedies { get; init; } = [];

    /// <summary>The same outcome around another solution type (the same status, figures and words).</summary>
    public SolveOutcome<TOther> Map<TOther>(Func<TSolution, TOther> map)
        where TOther : class
    {
        ArgumentNullException.ThrowIfNull(map);
        return new SolveOutcome<TOther>(Status, Solution is null ? null : map(Solution), Objective, Bound, Elapsed, Method)
        {
            Explanation = Explanation,
            Remedies = Remedies,
        };
    }
}

/// <summary>The one gap formula of the project.</summary>
public static class SolveGap
{
    /// <summary>
    /// (objective − bound) / |objective|, at least 0: 0 when proven optimal; +∞ without a solution
    /// or without a bound; when the objective is 0 and the bound below it, +∞ as well.
    /// </summary>
    public static double Relative(SolveStatus status, double objective, double bound)
    {
        if (status == SolveStatus.Optimal)
        {
            return 0;
        }

        if (status is SolveStatus.Infeasible or SolveStatus.NoSolutionFound || !double.IsFinite(objective) || !double.IsFinite(bound))
        {
            return double.PositiveInfinity;
        }

        var difference = objective - bound;
        if (difference <= 0)
        {
            return 0;
        }

        return objective == 0 ? double.PositiveInfinity : difference / Math.Abs(objective);
    }
}
