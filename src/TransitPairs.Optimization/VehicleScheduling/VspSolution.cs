using System.Collections.Immutable;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// What the integer core's methods are handed, built by <see cref="VspSolver"/> from the contract's
/// <see cref="SolveOptions"/> and <see cref="WallClockBudget"/>: the time left when the solve started,
/// workers, seed and the network to build.
/// </summary>
internal sealed record VspOptions(TimeSpan TimeLimit, int Threads = 1, int Seed = 0, NetworkKind Network = NetworkKind.Auto)
{
    public static VspOptions From(SolveOptions options, WallClockBudget budget, NetworkKind network) =>
        new(budget.Left(), options.Workers, options.Seed, network);
}

/// <summary>A schedule of the integer core: its blocks, exact cost and the lower bound proven for it (cost units; may carry sixtieths when idle time costs).</summary>
public sealed record VspSchedule(ImmutableArray<VspBlock> Blocks, decimal Cost, decimal LowerBound)
{
    public int Vehicles => Blocks.Length;
}

/// <summary>One vehicle: its depot index (-1 when the problem has no depots) and its trips in order.</summary>
public sealed record VspBlock(int Depot, ImmutableArray<int> Trips);

/// <summary>
/// The result of one of the core's methods (internal; <see cref="VspSolver"/> turns it into the contract's outcome): status, blocks, cost and lower bound in cost units (exact; may carry
/// sixtieths when idle time costs), relative gap <c>(cost − bound) / cost</c>, and the time taken.
/// </summary>
internal sealed record VspSolution(
    SolveStatus Status,
    ImmutableArray<VspBlock> Blocks,
    decimal Cost,
    decimal LowerBound,
    TimeSpan Elapsed,
    string Method)
{
    public int Vehicles => Blocks.Length;

    /// <summary>Relative gap (cost − bound) / cost; 0 when proven optimal, +∞ without a solution.</summary>
    public double Gap => Status is SolveStatus.Infeasible or SolveStatus.NoSolutionFound
        ? double.PositiveInfinity
        : Cost == 0 ? 0 : (double)((Cost - LowerBound) / Cost);
}

/// <summary>The contract's outcome of a core result.</summary>
internal static class VspOutcome
{
    public static SolveOutcome<VspSchedule> Of(VspSolution solution) =>
        new(solution.Status,
            solution.Status is SolveStatus.Infeasible or SolveStatus.NoSolutionFound ? null : new VspSchedule(solution.Blocks, solution.Cost, solution.LowerBound),
            solution.Status is SolveStatus.Infeasible or SolveStatus.NoSolutionFound ? double.NaN : (double)solution.Cost,
            (double)solution.LowerBound,
            solution.Elapsed,
            solution.Method);
}
