using System.Collections.Immutable;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// "Solve, then run the independent checker": the one place every host (planner, commands) turns a
/// solver's outcome into one it may print. A solution that fails its checker is a bug in the solver,
/// never a plan to show: it throws <see cref="SolutionCheckFailedException"/>.
/// </summary>
public static class CheckedSolve
{
    /// <param name="solve">The solve.</param>
    /// <param name="violations">The independent checker: every violation in plain words, none when the solution is valid.</param>
    /// <param name="stage">What was solved, for the message (e.g. "the blocks of siping-liaoyuan").</param>
    public static SolveOutcome<T> Run<T>(Func<SolveOutcome<T>> solve, Func<T, IReadOnlyList<string>> violations, string stage)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(violations);
        var outcome = solve();
        Check(outcome, violations, stage);
        return outcome;
    }

    /// <summary>Checks an outcome already at hand (see <see cref="Run{T}"/>).</summary>
    public static void Check<T>(SolveOutcome<T> outcome, Func<T, IReadOnlyList<string>> violations, string stage)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(violations);
        if (outcome.Solution is { } solution && violations(solution) is { Count: > 0 } found)
        {
            throw new SolutionCheckFailedException(stage, [.. found]);
        }
    }
}

/// <summary>A solver returned a solution its independent checker rejects: a bug to report, never a plan.</summary>
public sealed class SolutionCheckFailedException : InvalidOperationException
{
    public SolutionCheckFailedException(string stage, ImmutableArray<string> violations)
        : base($"The solution for {stage} failed the independent check: {string.Join(" ", violations.Take(3))}")
    {
        Stage = stage;
        Violations = violations;
    }

    public string Stage { get; }

    public ImmutableArray<string> Violations { get; }
}
