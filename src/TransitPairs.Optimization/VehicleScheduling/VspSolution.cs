using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>How a solve ended.</summary>
public enum VspStatus
{
    /// <summary>The cost equals the lower bound: proven optimal.</summary>
    Optimal,

    /// <summary>A feasible schedule, stopped by the time limit (or by the method) before the bound met the cost.</summary>
    Feasible,

    /// <summary>No schedule exists (a trip no vehicle can reach, or too few vehicles).</summary>
    Infeasible,

    /// <summary>The time limit passed before any schedule was found; the bound is still valid.</summary>
    NoSolutionFound,
}

/// <summary>Solver options: every solve states its time limit, worker count and seed.</summary>
/// <param name="TimeLimit">Wall-clock limit for the whole solve.</param>
/// <param name="Threads">Workers for the MIP stage (≥ 1).</param>
/// <param name="Seed">Random seed passed to the MIP solver.</param>
/// <param name="Network">Which connection network to build.</param>
public sealed record VspOptions(TimeSpan TimeLimit, int Threads = 1, int Seed = 0, NetworkKind Network = NetworkKind.Auto)
{
    public static VspOptions Default { get; } = new(TimeSpan.FromSeconds(60));
}

/// <summary>One vehicle: its depot index (-1 when the problem has no depots) and its trips in order.</summary>
public sealed record VspBlock(int Depot, ImmutableArray<int> Trips);

/// <summary>
/// The result of a solve: status, blocks, cost and lower bound in cost units (exact; may carry
/// sixtieths when idle time costs), relative gap <c>(cost − bound) / cost</c>, and the time taken.
/// </summary>
public sealed record VspSolution(
    VspStatus Status,
    ImmutableArray<VspBlock> Blocks,
    decimal Cost,
    decimal LowerBound,
    TimeSpan Elapsed,
    string Method)
{
    public int Vehicles => Blocks.Length;

    /// <summary>Relative gap (cost − bound) / cost; 0 when proven optimal, +∞ without a solution.</summary>
    public double Gap => Status is VspStatus.Infeasible or VspStatus.NoSolutionFound
        ? double.PositiveInfinity
        : Cost == 0 ? 0 : (double)((Cost - LowerBound) / Cost);
}
