using System.Collections.Immutable;
using System.Diagnostics;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Local search over which depot serves each trip. Once every trip has a depot, the rest is exact:
/// each depot's trips form a single-depot problem solved by min-cost flow (with its vehicle
/// limit). A move hands one whole block of a depot to another depot and re-solves both depots;
/// it is kept when the total cost drops. Since both flows re-chain their trips freely, one move
/// can reshape many blocks. Works on the all-pairs network (connections join a trip's end directly
/// to another trip's start).
/// </summary>
internal sealed class DepotReassignment
{
    private readonly ConnectionNetwork network;
    private readonly int[] localOf;
    private readonly List<int>[] tripsOf;
    private readonly long[] depotCost;
    private readonly List<(VspBlock Block, long ConnectionCost)>[] depotBlocks;

    private DepotReassignment(ConnectionNetwork network, IEnumerable<VspBlock> schedule)
    {
        this.network = network;
        var n = network.TripCount;
        var m = network.Depots.Length;
        localOf = new int[n];
        Array.Fill(localOf, -1);
        tripsOf = [.. Enumerable.Range(0, m).Select(_ => new List<int>())];
        foreach (var block in schedule)
        {
            tripsOf[block.Depot].AddRange(block.Trips);
        }

        depotCost = new long[m];
        depotBlocks = new List<(VspBlock, long)>[m];
        excessPenalty = (n + 1) * network.LargestStepCost;
    }

    /// <summary>
    /// Cost of a vehicle beyond a depot's limit: more than any whole schedule costs, so a depot
    /// assignment that does not fit is still scheduled, and every kept move reduces the excess first.
    /// </summary>
    private readonly long excessPenalty;

    /// <summary>
    /// Improves <paramref name="schedule"/> (a complete schedule) until no block move helps or
    /// <paramref name="deadline"/> passes. Returns the blocks with their connection costs and the
    /// total cost; never worse than the schedule given (each depot's part is re-solved exactly first).
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Improve(ConnectionNetwork network, IEnumerable<VspBlock> schedule, Stopwatch clock, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(clock);
        var search = new DepotReassignment(network, schedule);
        return search.SolveEveryDepot() && search.Fits() ? search.Run(clock, deadline) : throw new InvalidOperationException("The starting schedule does not fit its depots.");
    }

    /// <summary>
    /// <see cref="Improve"/> again and again while it lowers the cost (each pass re-solves every depot
    /// first, so its blocks, and the moves it tries, differ from the pass before), until
    /// <paramref name="deadline"/>; <paramref name="onImproved"/> sees every cheaper schedule. A
    /// descent: stopped later, never dearer.
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) ImproveWhileCheaper(
        ConnectionNetwork network,
        (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) schedule,
        Stopwatch clock,
        TimeSpan deadline,
        Func<(List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost), bool>? onImproved = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var current = schedule;
        while (clock.Elapsed < deadline)
        {
            var moved = Improve(network, current.Blocks.Select(b => b.Block), clock, deadline);
            if (moved.Cost >= current.Cost || (onImproved is not null && !onImproved(moved)))
            {
                break;
            }

            current = moved;
        }

        return current;
    }

    /// <summary>
    /// The schedule of a depot assignment (<paramref name="depotOf"/>[t] = the depot of trip t):
    /// each depot's trips scheduled exactly, then improved by block moves until no move helps or
    /// <paramref name="deadline"/> passes. Null when some depot cannot cover its trips within its limit.
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? FromAssignment(ConnectionNetwork network, int[] depotOf, Stopwatch clock, TimeSpan deadline, int maxPasses = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(depotOf);
        ArgumentNullException.ThrowIfNull(clock);
        var search = new DepotReassignment(network, Enumerable.Range(0, network.TripCount).Select(t => new VspBlock(depotOf[t], [t])));
        if (!search.SolveEveryDepot())
        {
            return null;
        }

        var result = search.Run(clock, deadline, maxPasses);
        return search.Fits() ? result : null;
    }

    /// <summary>True when no depot uses more vehicles than its limit.</summary>
    private bool Fits() => Enumerable.Range(0, network.Depots.Length).All(k => depotBlocks[k].Count <= network.Depots[k].VehicleLimit);

    /// <summary>Schedules every depot's trips exactly; false when one cannot cover them within its limit.</summary>
    private bool SolveEveryDepot()
    {
        for (var k = 0; k < network.Depots.Length; k++)
        {
            if (SolveDepot(k, tripsOf[k]) is not { } solved)
            {
                return false;
            }

            (depotCost[k], depotBlocks[k]) = solved;
        }

        return true;
    }

    private (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Run(Stopwatch clock, TimeSpan deadline, int maxPasses = int.MaxValue)
    {
        var m = network.Depots.Length;

        // First make the assignment fit: only blocks of depots over their limit move (each kept move
        // lowers the excess, which outweighs any cost), a few solves per vehicle over.
        var fitting = true;
        while (fitting && !Fits() && clock.Elapsed < deadline)
        {
            fitting = false;
            for (var from = 0; from < m && clock.Elapsed < deadline; from++)
            {
                foreach (var (block, _) in depotBlocks[from].ToList())
                {
                    if (depotBlocks[from].Count <= network.Depots[from].VehicleLimit || clock.Elapsed >= deadline)
                    {
                        break;
                    }

                    if (tripsOf[from].Contains(block.Trips[0]))
                    {
                        fitting |= TryMove(block.Trips, from);
                    }
                }
            }
        }

        var improved = true;
        var passes = 0;
        while (improved && (passes++ < maxPasses || !Fits()) && clock.Elapsed < deadline)
        {
            improved = false;
            for (var from = 0; from < m && clock.Elapsed < deadline; from++)
            {
                // Blocks of this depot, as they are now; a kept move re-solves the depot, so walk a copy.
                foreach (var (block, _) in depotBlocks[from].ToList())
                {
                    if (clock.Elapsed >= deadline)
                    {
                        break;
                    }

                    if (!tripsOf[from].Contains(block.Trips[0]))
                    {
                        continue; // an earlier move re-chained this depot
                    }

                    improved |= TryMove(block.Trips, from);
                }
            }
        }

        var blocks = depotBlocks.SelectMany(b => b).ToList();
        return (blocks, depotCost.Sum());
    }

    /// <summary>Moves <paramref name="trips"/> from depot <paramref name="from"/> to the depot where the total drops most, if any.</summary>
    private bool TryMove(ImmutableArray<int> trips, int from)
    {
        var moving = trips.ToHashSet();
        var rest = tripsOf[from].Where(t => !moving.Contains(t)).ToList();
        if (SolveDepot(from, rest) is not { } fromAfter)
        {
            return false;
        }

        var bestGain = 0L;
        var best = -1;
        (long Cost, List<(VspBlock Block, long ConnectionCost)> Blocks) bestTo = (0, []);
        for (var to = 0; to < network.Depots.Length; to++)
        {
            var depot = network.Depots[to];
            if (to == from || depot.VehicleLimit <= 0)
            {
                continue;
            }

            if (SolveDepot(to, [.. tripsOf[to], .. trips]) is not { } toAfter)
            {
                continue;
            }

            var gain = depotCost[from] + depotCost[to] - fromAfter.Cost - toAfter.Cost;
            if (gain > bestGain)
            {
                (bestGain, best, bestTo) = (gain, to, toAfter);
            }
        }

        if (best < 0)
        {
            return false;
        }

        tripsOf[from] = rest;
        tripsOf[best].AddRange(trips);
        (depotCost[from], depotBlocks[from]) = fromAfter;
        (depotCost[best], depotBlocks[best]) = bestTo;
        return true;
    }

    /// <summary>
    /// The exact schedule of depot <paramref name="k"/> for <paramref name="trips"/> alone (min-cost
    /// flow with the depot's vehicle limit); null when no schedule covers them.
    /// </summary>
    private (long Cost, List<(VspBlock Block, long ConnectionCost)> Blocks)? SolveDepot(int k, List<int> trips)
    {
        var depot = network.Depots[k];
        var count = trips.Count;
        if (count == 0)
        {
            return (0, []);
        }

        for (var i = 0; i < count; i++)
        {
            localOf[trips[i]] = i;
        }

        try
        {
            // Local nodes: trip i's start 2i, its end 2i+1, then source, sink and the yard the
            // source draws its vehicles from (up to the limit free, beyond it at the excess penalty).
            var source = 2 * count;
            var sink = source + 1;
            var yard = source + 2;
            var flow = new NetworkSimplex(source + 3, 4 * count);
            var connections = new List<(int Arc, int From, int To, long Cost)>();
            for (var i = 0; i < count; i++)
            {
                var e = network.TripEnd[trips[i]];
                for (var a = network.OutStart[e]; a < network.OutStart[e + 1]; a++)
                {
                    var following = network.TripOfStart[network.ArcHead[a]];
                    if (following >= 0 && localOf[following] >= 0)
                    {
                        var arc = flow.AddArc((2 * i) + 1, 2 * localOf[following], 1, network.ArcCost[a]);
                        connections.Add((arc, i, localOf[following], network.ArcCost[a]));
                    }
                }
            }

            var pullOut = new int[count];
            var pullIn = new int[count];
            for (var i = 0; i < count; i++)
            {
                var t = trips[i];
                pullOut[i] = depot.PullOutCost[t] < 0 ? -1 : flow.AddArc(source, 2 * i, 1, network.VehicleCost + depot.PullOutCost[t]);
                pullIn[i] = depot.PullInCost[t] < 0 ? -1 : flow.AddArc((2 * i) + 1, sink, 1, depot.PullInCost[t]);
                flow.SetSupply(2 * i, -1);
                flow.SetSupply((2 * i) + 1, 1);
            }

            var limit = Math.Min(depot.VehicleLimit, count);
            flow.AddArc(yard, source, limit, 0);
            flow.AddArc(yard, source, count, excessPenalty);
            flow.AddArc(yard, sink, count, 0);
            flow.SetSupply(yard, count);
            flow.SetSupply(sink, -count);
            if (!flow.Solve())
            {
                return null;
            }

            var next = new int[count];
            var linkCost = new long[count];
            Array.Fill(next, -1);
            var hasPredecessor = new bool[count];
            foreach (var (arc, from, to, cost) in connections)
            {
                if (flow.Flow(arc) > 0)
                {
                    next[from] = to;
                    linkCost[from] = cost;
                    hasPredecessor[to] = true;
                }
            }

            var blocks = new List<(VspBlock, long)>();
            for (var i = 0; i < count; i++)
            {
                if (hasPredecessor[i])
                {
                    continue;
                }

                var chain = ImmutableArray.CreateBuilder<int>();
                long cost = 0;
                for (var j = i; j >= 0; j = next[j])
                {
                    chain.Add(trips[j]);
                    cost += next[j] >= 0 ? linkCost[j] : 0;
                }

                blocks.Add((new VspBlock(k, chain.ToImmutable()), cost));
            }

            return (flow.TotalCost, blocks);
        }
        finally
        {
            foreach (var t in trips)
            {
                localOf[t] = -1;
            }
        }
    }
}
