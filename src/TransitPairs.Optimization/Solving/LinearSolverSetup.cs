using System.Globalization;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.Solving;

/// <summary>The one place the OR-Tools linear solvers (GLOP, SCIP, …) get their limit, workers and seed.</summary>
public static class LinearSolverSetup
{
    /// <summary>
    /// Sets the time limit (at least 1 ms), the workers and, for SCIP, the seed. Solver output is
    /// off: stdout belongs to the host (JSON, CSV).
    /// </summary>
    public static void Apply(MpSolver solver, SolveOptions options, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(options);
        solver.SuppressOutput();
        solver.SetTimeLimit(Math.Max(1, (long)limit.TotalMilliseconds));
        solver.SetNumThreads(options.Workers);
        if (solver.SolverVersion().Contains("SCIP", StringComparison.OrdinalIgnoreCase))
        {
            solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"randomization/randomseedshift = {options.Seed}\n"));
        }
    }

    /// <summary>Only the time limit (at least 1 ms): for re-solves of a model already set up.</summary>
    public static void SetLimit(MpSolver solver, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(solver);
        solver.SetTimeLimit(Math.Max(1, (long)limit.TotalMilliseconds));
    }
}
