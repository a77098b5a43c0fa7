using System.Diagnostics;
using Google.OrTools.Graph;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Exact vehicle scheduling with one depot (or none) as a min-cost flow on a connection network
/// (our <see cref="NetworkSimplex"/>; OR-Tools' <see cref="MinCostFlow"/> as the benchmark
/// baseline): every trip start needs one unit of flow and every trip end supplies one; the depot
/// sends out at most its limit of vehicles, each paying the vehicle cost on its pull-out.
/// Polynomial and exact, so the bound equals the cost. Days where vehicles only wait where they
/// are go to the smaller <see cref="EventChainScheduler"/> network instead.
/// </summary>
internal static class MinCostFlowScheduler
{
    public static VspSolution Solve(ConnectionNetwork network, Stopwatch clock) => Solve(network, clock, SolveFlow);

    /// <summary>As <see cref="Solve(ConnectionNetwork, Stopwatch)"/> through <see cref="SolveFlowWithOrTools"/> (the benchmark baseline).</summary>
    public static VspSolution SolveWithOrTools(ConnectionNetwork network, Stopwatch clock) => Solve(network, clock, SolveFlowWithOrTools);

    private static VspSolution Solve(
        ConnectionNetwork network,
        Stopwatch clock,
        Func<ConnectionNetwork, ConnectionNetwork.DepotArcs, (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)?> solveFlow)
    {
        if (network.Depots.Length != 1)
        {
            throw new ArgumentException("Min-cost flow schedules one depot (or none).", nameof(network));
        }

        var flow = solveFlow(network, network.Depots[0]);
        if (flow is null)
        {
            return new VspSolution(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, "min-cost flow");
        }

        var cost = (decimal)flow.Value.Cost / network.CostScale;
        var blocks = flow.Value.Blocks.Select(b => b.Block with { Depot = network.VirtualDepot ? -1 : 0 });
        return new VspSolution(SolveStatus.Optimal, [.. blocks], cost, cost, clock.Elapsed, "min-cost flow");
    }

    /// <summary>
    /// The min-cost flow for one depot's arcs (internal units), solved by <see cref="NetworkSimplex"/>;
    /// null when no flow covers every trip. Blocks carry depot 0 and their connection cost.
    /// Connection arcs carry at most the depot's vehicle limit (no arc can carry more vehicles than exist).
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? SolveFlow(ConnectionNetwork network, ConnectionNetwork.DepotArcs depot)
    {
        var n = network.TripCount;
        if (n == 0)
        {
            return ([], 0);
        }

        var source = network.NodeCount;
        var sink = network.NodeCount + 1;
        var limit = depot.VehicleLimit;
        var flow = new NetworkSimplex(network.NodeCount + 2, network.ArcCount + (2 * n) + 1);
        for (var v = 0; v < network.NodeCount; v++)
        {
            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                flow.AddArc(v, network.ArcHead[a], limit, network.ArcCost[a]);
            }
        }

        var pullOutArc = new int[n];
        var pullInArc = new int[n];
        for (var t = 0; t < n; t++)
        {
            pullOutArc[t] = depot.PullOutCost[t] < 0 ? -1 : flow.AddArc(source, network.TripStart[t], 1, network.VehicleCost + depot.PullOutCost[t]);
            pullInArc[t] = depot.PullInCost[t] < 0 ? -1 : flow.AddArc(network.TripEnd[t], sink, 1, depot.PullInCost[t]);
        }

        flow.AddArc(source, sink, limit, 0);
        flow.SetSupply(source, limit);
        flow.SetSupply(sink, -limit);
        for (var t = 0; t < n; t++)
        {
            flow.SetSupply(network.TripStart[t], -1);
            flow.SetSupply(network.TripEnd[t], +1);
        }

        if (!flow.Solve())
        {
            return null;
        }

        var remaining = new long[network.ArcCount];
        for (var a = 0; a < network.ArcCount; a++)
        {
            remaining[a] = flow.Flow(a);
        }

        var pullOut = new bool[n];
        var pullIn = new bool[n];
        for (var t = 0; t < n; t++)
        {
            pullOut[t] = pullOutArc[t] >= 0 && flow.Flow(pullOutArc[t]) > 0;
            pullIn[t] = pullInArc[t] >= 0 && flow.Flow(pullInArc[t]) > 0;
        }

        return (FlowDecomposition.BlocksWithCost(network, 0, pullOut, pullIn, remaining), flow.TotalCost);
    }

    /// <summary>
    /// The formulation before <see cref="NetworkSimplex"/>: the same network through OR-Tools'
    /// cost-scaling <see cref="MinCostFlow"/> with every connection arc at capacity n. Kept as the
    /// baseline of <c>SingleDepotBlocksBenchmarks</c> and as an independent cross-check in tests.
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? SolveFlowWithOrTools(ConnectionNetwork network, ConnectionNetwork.DepotArcs depot)
    {
        var n = network.TripCount;
        if (n == 0)
        {
            return ([], 0);
        }

        var source = network.NodeCount;
        var sink = network.NodeCount + 1;
        var flow = new MinCostFlow(network.NodeCount + 2, network.ArcCount + (2 * n) + 1);
        for (var v = 0; v < network.NodeCount; v++)
        {
            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                flow.AddArcWithCapacityAndUnitCost(v, network.ArcHead[a], n, network.ArcCost[a]);
            }
        }

        var pullOutArc = new int[n];
        var pullInArc = new int[n];
        for (var t = 0; t < n; t++)
        {
            pullOutArc[t] = depot.PullOutCost[t] < 0 ? -1
                : flow.AddArcWithCapacityAndUnitCost(source, network.TripStart[t], 1, network.VehicleCost + depot.PullOutCost[t]);
            pullInArc[t] = depot.PullInCost[t] < 0 ? -1
                : flow.AddArcWithCapacityAndUnitCost(network.TripEnd[t], sink, 1, depot.PullInCost[t]);
        }

        flow.AddArcWithCapacityAndUnitCost(source, sink, depot.VehicleLimit, 0);
        flow.SetNodeSupply(source, depot.VehicleLimit);
        flow.SetNodeSupply(sink, -depot.VehicleLimit);
        for (var t = 0; t < n; t++)
        {
            flow.SetNodeSupply(network.TripStart[t], -1);
            flow.SetNodeSupply(network.TripEnd[t], +1);
        }

        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            return null;
        }

        var remaining = new long[network.ArcCount];
        for (var a = 0; a < network.ArcCount; a++)
        {
            remaining[a] = flow.Flow(a);
        }

        var pullOut = Enumerable.Range(0, n).Select(t => pullOutArc[t] >= 0 && flow.Flow(pullOutArc[t]) > 0).ToArray();
        var pullIn = Enumerable.Range(0, n).Select(t => pullInArc[t] >= 0 && flow.Flow(pullInArc[t]) > 0).ToArray();
        return (FlowDecomposition.BlocksWithCost(network, 0, pullOut, pullIn, remaining), flow.OptimalCost());
    }
}
