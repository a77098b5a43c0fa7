using System.Diagnostics;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// The entry point of the integer core: one depot or none → exact min-cost flow; several depots
/// (or a longest-block limit) → column generation with a lower bound.
/// </summary>
public static class VspSolver
{
    /// <summary>Schedules a timed problem.</summary>
    public static VspSolution Solve(VspProblem problem, VspOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var network = NetworkFactory.Build(problem, options.Network);
        return network.Depots.Length == 1 && problem.MaxBlockSeconds is null
            ? MinCostFlowScheduler.Solve(network, clock)
            : ColumnGenerationScheduler.Solve(network, options, clock, problem.MaxBlockSeconds);
    }

    /// <summary>Schedules a cost-matrix instance (MDVSP benchmark form).</summary>
    public static VspSolution Solve(CostMatrixInstance instance, VspOptions options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var network = NetworkFactory.Build(instance);
        return network.Depots.Length == 1
            ? MinCostFlowScheduler.Solve(network, clock)
            : ColumnGenerationScheduler.Solve(network, options, clock);
    }
}
