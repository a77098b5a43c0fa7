namespace TransitPairs.Optimization.Solving;

/// <summary>How a solve ended: one enum for every solver.</summary>
public enum SolveStatus
{
    /// <summary>Proven optimal: the objective equals the bound (or the method is exact).</summary>
    Optimal,

    /// <summary>A solution that passed its checks, stopped (by the time limit or the method) before the bound met the objective.</summary>
    Feasible,

    /// <summary>Proven that no solution exists; the outcome's explanation says why.</summary>
    Infeasible,

    /// <summary>The time limit passed before any solution was found; the bound, if any, is still valid.</summary>
    NoSolutionFound,
}

/// <summary>The words a status is written as in every output (JSON, CSV, KPIs, notes).</summary>
public static class SolveStatusWords
{
    /// <summary><c>optimal</c>, <c>feasible</c>, <c>infeasible</c> or <c>no_solution</c>.</summary>
    public static string Word(this SolveStatus status) => status switch
    {
        SolveStatus.Optimal => "optimal",
        SolveStatus.Feasible => "feasible",
        SolveStatus.Infeasible => "infeasible",
        SolveStatus.NoSolutionFound => "no_solution",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a solve status."),
    };
}
