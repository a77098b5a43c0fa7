using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Turns an integral flow of one depot on a <see cref="ConnectionNetwork"/> into blocks: follow each
/// pulled-out vehicle from trip to trip, using up one unit of arc flow at every step (waiting chains
/// may carry several vehicles; any split is a valid schedule of the same cost).
/// </summary>
internal static class FlowDecomposition
{
    /// <param name="network">The network.</param>
    /// <param name="depotIndex">Depot index to put on the blocks (-1 for none).</param>
    /// <param name="pullOut">Trips whose start the depot's pull-out flow enters.</param>
    /// <param name="pullIn">Trips whose end the pull-in flow leaves.</param>
    /// <param name="arcFlow">Flow on each connection arc (consumed).</param>
    public static List<VspBlock> Blocks(ConnectionNetwork network, int depotIndex, bool[] pullOut, bool[] pullIn, long[] arcFlow) =>
        BlocksWithCost(network, depotIndex, pullOut, pullIn, arcFlow).Select(b => b.Block).ToList();

    /// <summary>As <see cref="Blocks"/>, with each block's connection cost (arcs between its trips, internal units).</summary>
    public static List<(VspBlock Block, long ConnectionCost)> BlocksWithCost(ConnectionNetwork network, int depotIndex, bool[] pullOut, bool[] pullIn, long[] arcFlow)
    {
        var tripOfStart = network.TripOfStart;

        var blocks = new List<(VspBlock, long)>();
        foreach (var first in Enumerable.Range(0, network.TripCount).Where(t => pullOut[t]).OrderBy(t => network.TripStart[t]))
        {
            var trips = ImmutableArray.CreateBuilder<int>();
            var trip = first;
            long cost = 0;
            while (true)
            {
                trips.Add(trip);
                if (pullIn[trip])
                {
                    break;
                }

                var node = network.TripEnd[trip];
                while (tripOfStart[node] < 0)
                {
                    var next = -1;
                    for (var a = network.OutStart[node]; a < network.OutStart[node + 1]; a++)
                    {
                        if (arcFlow[a] > 0)
                        {
                            arcFlow[a]--;
                            cost += network.ArcCost[a];
                            next = network.ArcHead[a];
                            break;
                        }
                    }

                    node = next >= 0 ? next : throw new InvalidOperationException("Flow decomposition lost a vehicle: the flow does not balance.");
                }

                trip = tripOfStart[node];
            }

            blocks.Add((new VspBlock(depotIndex, trips.ToImmutable()), cost));
        }

        return blocks;
    }
}
