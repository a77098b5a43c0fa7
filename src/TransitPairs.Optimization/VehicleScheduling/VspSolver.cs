using System.Diagnostics;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// The entry point of the integer core: one depot or none → exact min-cost flow; several depots
/// (or a longest-block limit) → the arc LP with an LP dive on the all-pairs network, else column
/// generation, each with a lower bound.
/// </summary>
public static class VspSolver
{
    /// <summary>Schedules a timed problem within <paramref name="budget"/>.</summary>
    /// <param name="problem">The trips, depots and connection rules in integers.</param>
    /// <param name="options">Workers and seed (the time comes from <paramref name="budget"/>).</param>
    /// <param name="budget">The wall clock of this solve: it uses what is left.</param>
    /// <param name="network">Which connection network to build.</param>
    public static SolveOutcome<VspSchedule> Solve(VspProblem problem, SolveOptions options, WallClockBudget budget, NetworkKind network = NetworkKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        return VspOutcome.Of(Solve(problem, VspOptions.From(options, budget, network)));
    }

    /// <summary>Schedules a timed problem within a budget of <paramref name="options"/>' time limit, started now.</summary>
    public static SolveOutcome<VspSchedule> Solve(VspProblem problem, SolveOptions options, NetworkKind network = NetworkKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Solve(problem, options, options.StartBudget(), network);
    }

    /// <summary>Schedules a cost-matrix instance (MDVSP benchmark form) within <paramref name="budget"/>.</summary>
    public static SolveOutcome<VspSchedule> Solve(CostMatrixInstance instance, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        return VspOutcome.Of(Solve(instance, VspOptions.From(options, budget, NetworkKind.Auto)));
    }

    /// <summary>Schedules a timed problem.</summary>
    internal static VspSolution Solve(VspProblem problem, VspOptions options)
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
    internal static VspSolution Solve(CostMatrixInstance instance, VspOptions options)
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
