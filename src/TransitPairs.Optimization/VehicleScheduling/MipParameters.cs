using Google.OrTools.LinearSolver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>Solve parameters for MIPs whose optimum must be exact.</summary>
internal static class MipParameters
{
    /// <summary>
    /// Relative gap 0: OR-Tools' default (1e-4) lets SCIP stop at a schedule 0.01 % above the
    /// optimum and still say "optimal", which on costs near 10⁶ hides whole cost units.
    /// </summary>
    public static MPSolverParameters ExactGap()
    {
        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        return parameters;
    }
}
