using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// A first multiple-depot schedule and a bound: the min-cost flow of one super-depot (each trip's
/// cheapest pull-out and pull-in over all depots, all vehicles together) relaxes "return to your
/// own depot", so its cost is a lower bound; each of its blocks then gets the cheapest depot that
/// still has a vehicle and can serve both its ends.
/// </summary>
internal static class SuperDepotStart
{
    /// <summary>The blocks that found a depot (with connection costs), the flow's cost as a bound, and whether every trip is covered.</summary>
    public sealed record Start(List<(VspBlock Block, long ConnectionCost)> Blocks, long Bound, bool Complete)
    {
        /// <summary>The blocks with their total cost (internal units) on <paramref name="network"/>.</summary>
        public (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Schedule(ConnectionNetwork network) =>
            (Blocks, Blocks.Sum(b => network.BlockCost(b.Block.Depot, b.Block.Trips[0], b.Block.Trips[^1], b.ConnectionCost)));
    }

    /// <param name="network">The network.</param>
    /// <param name="fits">Optional test a block must pass at a depot (a longest-block limit).</param>
    /// <returns>Null when even the super-depot cannot cover the trips.</returns>
    public static Start? Build(ConnectionNetwork network, Func<int, ImmutableArray<int>, bool>? fits)
    {
        ArgumentNullException.ThrowIfNull(network);
        var n = network.TripCount;
        var flow = MinCostFlowScheduler.SolveFlow(network, Arcs(network));
        if (flow is null)
        {
            return null;
        }

        var left = network.Depots.Select(d => d.VehicleLimit).ToArray();
        var assigned = new List<(VspBlock Block, long ConnectionCost)>();
        foreach (var (block, connections) in flow.Value.Blocks)
        {
            var first = block.Trips[0];
            var last = block.Trips[^1];
            var best = -1;
            var bestCost = long.MaxValue;
            for (var k = 0; k < left.Length; k++)
            {
                var d = network.Depots[k];
                if (left[k] > 0 && d.PullOutCost[first] >= 0 && d.PullInCost[last] >= 0 && d.PullOutCost[first] + d.PullInCost[last] < bestCost)
                {
                    best = k;
                    bestCost = d.PullOutCost[first] + d.PullInCost[last];
                }
            }

            if (best >= 0 && (fits is null || fits(best, block.Trips)))
            {
                left[best]--;
                assigned.Add((block with { Depot = best }, connections));
            }
        }

        return new Start(assigned, flow.Value.Cost, assigned.Sum(b => b.Block.Trips.Length) == n);
    }

    /// <summary>
    /// The super-depot's arcs: each trip's cheapest pull-out and pull-in over the depots with vehicles, and as many
    /// vehicles as those depots park together (at most one a trip). No flow over them: the depots park too few vehicles.
    /// </summary>
    public static ConnectionNetwork.DepotArcs Arcs(ConnectionNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var n = network.TripCount;
        var outCost = new long[n];
        var inCost = new long[n];
        for (var t = 0; t < n; t++)
        {
            var outs = network.Depots.Where(d => d.VehicleLimit > 0).Select(d => d.PullOutCost[t]).Where(c => c >= 0).ToList();
            var ins = network.Depots.Where(d => d.VehicleLimit > 0).Select(d => d.PullInCost[t]).Where(c => c >= 0).ToList();
            outCost[t] = outs.Count == 0 ? -1 : outs.Min();
            inCost[t] = ins.Count == 0 ? -1 : ins.Min();
        }

        var limit = (int)Math.Min(n, network.Depots.Sum(d => (long)d.VehicleLimit));
        return new ConnectionNetwork.DepotArcs(limit, outCost, inCost, new int[n], new int[n]);
    }
}
