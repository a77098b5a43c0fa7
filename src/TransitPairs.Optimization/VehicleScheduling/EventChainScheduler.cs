using System.Collections.Immutable;
using System.Diagnostics;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Exact single-depot (or depot-free) scheduling on the smallest time-space network, for the
/// common case where a vehicle between two trips only ever waits where it is: no empty runs
/// between trip places, no idle cost, no idle or block limits. Per place one node per distinct
/// event time (departures, and arrivals plus the least layover), waiting arcs between consecutive
/// nodes, pull-out arcs into each place's first node and pull-in arcs out of its last; a trip is
/// not an arc but its ends' supplies (−1 at its departure node, +1 at its arrival node: an arc with
/// flow fixed at 1). The network has O(distinct event times) nodes and arcs, independent of how
/// many trips share them, and is solved by <see cref="NetworkSimplex"/>. Blocks are read off the
/// flow by dispatching, at every place in time order, the vehicle that has waited longest.
/// </summary>
/// <remarks>
/// Same optimum as <see cref="MinCostFlowScheduler"/> on the trip-node network: with no idle cost
/// waiting is free, so a vehicle's cost depends only on where it pulls out and in; and with no
/// empty runs between places, its path through the chains is a sequence of trips each leaving from
/// where the last one ended, no earlier than arrival + layover. Checked against brute force and the
/// all-pairs network in <c>SchedulerPropertyTests</c>.
/// </remarks>
internal static class EventChainScheduler
{
    /// <summary>Above this many trip places the check for empty runs between them is not worth it; the general network is used.</summary>
    private const int MaxPlacesChecked = 2_000;

    /// <summary>Event times are packed into sortable keys; a week of seconds is far beyond any service day.</summary>
    private const int MaxEventSeconds = 7 * 24 * 3600;

    /// <summary>True when the problem is in the case this network solves exactly.</summary>
    public static bool Applies(VspProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Depots.Length > 1 || problem.MaxIdleSeconds is not null || problem.MaxBlockSeconds is not null
            || problem.Costs.IdleCostPerMinute != 0 || problem.Trips.IsEmpty)
        {
            return false;
        }

        var places = new HashSet<int>();
        foreach (var trip in problem.Trips)
        {
            // A trip ready again at the very second it left from the same kind of node would let
            // trips cover each other in a cycle; the general network reports that case.
            if (trip.EndTime + problem.MinLayoverSeconds <= trip.StartTime || trip.StartTime < 0 || trip.EndTime + problem.MinLayoverSeconds > MaxEventSeconds)
            {
                return false;
            }

            places.Add(trip.StartPlace);
            places.Add(trip.EndPlace);
        }

        if (places.Count > MaxPlacesChecked)
        {
            return false;
        }

        foreach (var p in places)
        {
            foreach (var q in places)
            {
                var possible = problem.EmptyRuns.TryGet(p, q, out var run);
                if (p == q ? !possible || run.Seconds != 0 || run.Metres != 0 : possible)
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static VspSolution Solve(VspProblem problem, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(clock);
        var trips = problem.Trips;
        var n = trips.Length;
        var layover = problem.MinLayoverSeconds;

        // Event nodes: distinct (place, time), numbered in (place, time) order.
        var keys = new long[2 * n];
        for (var t = 0; t < n; t++)
        {
            keys[2 * t] = Key(trips[t].StartPlace, trips[t].StartTime);
            keys[(2 * t) + 1] = Key(trips[t].EndPlace, trips[t].EndTime + layover);
        }

        Array.Sort(keys);
        var nodeCount = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                keys[nodeCount++] = keys[i];
            }
        }

        var nodeKeys = keys.AsSpan(0, nodeCount).ToArray();
        var source = nodeCount;
        var sink = nodeCount + 1;
        var costs = problem.Costs;
        var vehicleCost = costs.Scale * costs.VehicleCost;
        var depot = problem.Depots.IsEmpty ? (VspDepot?)null : problem.Depots[0];
        var limit = depot is { } d ? Math.Min(d.VehicleLimit, n) : n;
        var flow = new NetworkSimplex(nodeCount + 2, nodeCount + 8);
        var pullOutArc = new Dictionary<int, int>();
        var pullOutCost = new Dictionary<int, long>();
        var pullInCost = new Dictionary<int, long>();
        var first = 0;
        while (first < nodeCount)
        {
            var place = PlaceOf(nodeKeys[first]);
            var last = first;
            while (last + 1 < nodeCount && PlaceOf(nodeKeys[last + 1]) == place)
            {
                flow.AddArc(last, last + 1, limit, 0);
                last++;
            }

            if (PullCost(problem, depot, place, outward: true) is { } outCost)
            {
                pullOutArc[place] = flow.AddArc(source, first, limit, vehicleCost + outCost);
                pullOutCost[place] = outCost;
            }

            if (PullCost(problem, depot, place, outward: false) is { } inCost)
            {
                flow.AddArc(last, sink, limit, inCost);
                pullInCost[place] = inCost;
            }

            first = last + 1;
        }

        flow.AddArc(source, sink, limit, 0);
        var supply = new long[nodeCount + 2];
        supply[source] = limit;
        supply[sink] = -limit;
        for (var t = 0; t < n; t++)
        {
            supply[Array.BinarySearch(nodeKeys, Key(trips[t].StartPlace, trips[t].StartTime))]--;
            supply[Array.BinarySearch(nodeKeys, Key(trips[t].EndPlace, trips[t].EndTime + layover))]++;
        }

        for (var v = 0; v < supply.Length; v++)
        {
            flow.SetSupply(v, supply[v]);
        }

        if (!flow.Solve())
        {
            return new VspSolution(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, Method);
        }

        var blocks = Dispatch(problem, depot is null ? -1 : 0, pullOutArc.ToDictionary(p => p.Key, p => flow.Flow(p.Value)));
        long scheduleCost = 0;
        foreach (var block in blocks)
        {
            scheduleCost += vehicleCost + pullOutCost[trips[block.Trips[0]].StartPlace] + pullInCost[trips[block.Trips[^1]].EndPlace];
        }

        if (scheduleCost != flow.TotalCost)
        {
            throw new InvalidOperationException($"Event-chain dispatch cost {scheduleCost} differs from the flow's {flow.TotalCost}.");
        }

        var cost = (decimal)scheduleCost / costs.Scale;
        return new VspSolution(SolveStatus.Optimal, blocks, cost, cost, clock.Elapsed, Method);
    }

    private const string Method = "min-cost flow";

    private static long Key(int place, int time) => ((long)place << 32) | (uint)time;

    private static int PlaceOf(long key) => (int)(key >> 32);

    private static long? PullCost(VspProblem problem, VspDepot? depot, int place, bool outward)
    {
        if (depot is not { } d)
        {
            return 0;
        }

        var possible = outward ? problem.EmptyRuns.TryGet(d.Place, place, out var run) : problem.EmptyRuns.TryGet(place, d.Place, out run);
        return possible ? problem.Costs.RunCost(run.Metres) : null;
    }

    /// <summary>
    /// Blocks from the flow: events in time order (at equal times arrivals first, as the layover
    /// rule allows); a departure takes the vehicle that has waited longest at its place, or a new
    /// one. Never more new vehicles at a place than the flow pulled out there.
    /// </summary>
    private static ImmutableArray<VspBlock> Dispatch(VspProblem problem, int depotIndex, Dictionary<int, long> pulledOut)
    {
        var trips = problem.Trips;
        var n = trips.Length;
        var events = new long[2 * n];
        for (var t = 0; t < n; t++)
        {
            // time, then arrivals (0) before departures (1), then trip: one sortable key.
            events[2 * t] = ((long)trips[t].StartTime << 33) | (1L << 32) | (uint)t;
            events[(2 * t) + 1] = ((long)(trips[t].EndTime + problem.MinLayoverSeconds) << 33) | (uint)t;
        }

        Array.Sort(events);
        var waiting = new Dictionary<int, Queue<int>>();
        var created = new Dictionary<int, long>();
        var blockOf = new int[n];
        var blockTrips = new List<ImmutableArray<int>.Builder>();
        foreach (var e in events)
        {
            var t = (int)(e & uint.MaxValue);
            var departure = (e & (1L << 32)) != 0;
            var place = departure ? trips[t].StartPlace : trips[t].EndPlace;
            if (!waiting.TryGetValue(place, out var queue))
            {
                queue = new Queue<int>();
                waiting.Add(place, queue);
            }

            if (!departure)
            {
                queue.Enqueue(blockOf[t]);
                continue;
            }

            if (!queue.TryDequeue(out var block))
            {
                var made = created.GetValueOrDefault(place) + 1;
                if (made > pulledOut.GetValueOrDefault(place))
                {
                    throw new InvalidOperationException("Event-chain dispatch needs more vehicles than the flow pulled out.");
                }

                created[place] = made;
                block = blockTrips.Count;
                blockTrips.Add(ImmutableArray.CreateBuilder<int>());
            }

            blockTrips[block].Add(t);
            blockOf[t] = block;
        }

        return [.. blockTrips.Select(b => new VspBlock(depotIndex, b.ToImmutable()))];
    }
}
