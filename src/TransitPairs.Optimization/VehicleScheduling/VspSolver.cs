using System.Diagnostics;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// The entry point of the integer core: one depot or none → exact min-cost flow; several depots
/// (or a longest-block limit) → the arc LP with an LP dive on the all-pairs network, else column
/// generation, each with a lower bound.
/// </summary>
public static class VspSolver
{
    /// <summary>Schedules a timed problem.</summary>
    public static VspSolution Solve(VspProblem problem, VspOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        if (options.Network != NetworkKind.AllPairs && EventChainScheduler.Applies(problem))
        {
            return EventChainScheduler.Solve(problem, clock);
        }

        var network = NetworkFactory.Build(problem, options.Network);
        if (network.Depots.Length == 1 && problem.MaxBlockSeconds is null)
        {
            return MinCostFlowScheduler.Solve(network, clock);
        }

        return problem.MaxBlockSeconds is null
            ? SolveSeveralDepots(network, options, clock)
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
            : SolveSeveralDepots(network, options, clock);
    }

    /// <summary>
    /// Several depots: the arc LP with its dive on the all-pairs network; column generation on
    /// the time-space network, or when the arc LP does not converge in its share of the time.
    /// </summary>
    private static VspSolution SolveSeveralDepots(ConnectionNetwork network, VspOptions options, Stopwatch clock) =>
        (ArcLpScheduler.Applies(network) ? ArcLpScheduler.Solve(network, options, clock) : null)
        ?? ColumnGenerationScheduler.Solve(network, options, clock);
}
