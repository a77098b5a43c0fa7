namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>Which connection network carries the trip-to-trip links.</summary>
public enum NetworkKind
{
    /// <summary>The time-space network when the problem allows it (no idle limit), else all pairs.</summary>
    Auto,

    /// <summary>One arc per compatible pair of trips: O(n²) arcs; the baseline.</summary>
    AllPairs,

    /// <summary>
    /// The aggregated time-space network (Kliewer, Mellouli &amp; Suhl 2006): per place a chain of
    /// departure events in time order joined by waiting arcs; a trip's end links to the first
    /// departure event it can reach at each place. O(n × places) arcs; same optimum as all pairs
    /// when the cost is linear in idle time (so not with an idle-time limit).
    /// </summary>
    TimeSpace,
}

/// <summary>
/// An acyclic network whose source–sink paths are vehicle blocks: each trip t is an arc
/// <see cref="TripStart"/>[t] → <see cref="TripEnd"/>[t]; connection arcs join trip ends to trip
/// starts (directly or through waiting chains); each depot has pull-out arcs into trip starts and
/// pull-in arcs out of trip ends. Nodes are numbered in topological order. Costs are internal
/// integer units (<see cref="CostScale"/> per cost unit); <see cref="VehicleCost"/> is added to
/// every pull-out.
/// </summary>
internal sealed class ConnectionNetwork
{
    public required int NodeCount { get; init; }

    public required int[] TripStart { get; init; }

    public required int[] TripEnd { get; init; }

    /// <summary>CSR by tail: arcs of node v are <c>OutStart[v] .. OutStart[v+1]-1</c>.</summary>
    public required int[] OutStart { get; init; }

    public required int[] ArcHead { get; init; }

    public required long[] ArcCost { get; init; }

    public required DepotArcs[] Depots { get; init; }

    /// <summary>Node times (seconds) when the network comes from timed trips; null for a cost matrix.</summary>
    public int[]? NodeTime { get; init; }

    public required long VehicleCost { get; init; }

    public required long CostScale { get; init; }

    /// <summary>True when the depots are a stand-in for "no depot" (every trip reachable at no cost).</summary>
    public bool VirtualDepot { get; init; }

    public int TripCount => TripStart.Length;

    public int ArcCount => ArcHead.Length;

    /// <summary>For every node, the trip starting there, or -1 (built once, on first use).</summary>
    public int[] TripOfStart => tripOfStart ??= BuildTripOfStart();

    /// <summary>
    /// What a block costs at depot <paramref name="depot"/>, internal units: the vehicle, its pull-out
    /// before <paramref name="firstTrip"/>, its pull-in after <paramref name="lastTrip"/> and the
    /// connections between (<paramref name="connectionCost"/>).
    /// </summary>
    public long BlockCost(int depot, int firstTrip, int lastTrip, long connectionCost) =>
        VehicleCost + Depots[depot].PullOutCost[firstTrip] + Depots[depot].PullInCost[lastTrip] + connectionCost;

    /// <summary>
    /// The vehicle cost plus the dearest pull-out, pull-in and connection, plus one (internal units):
    /// more than any one block pays per step, so a multiple of it outweighs a whole schedule.
    /// </summary>
    public long LargestStepCost =>
        VehicleCost + 1
        + (ArcCount == 0 ? 0 : ArcCost.Max())
        + Depots.Max(d => d.PullOutCost.DefaultIfEmpty(0).Max())
        + Depots.Max(d => d.PullInCost.DefaultIfEmpty(0).Max());

    private int[]? tripOfStart;

    private int[] BuildTripOfStart()
    {
        var result = new int[NodeCount];
        Array.Fill(result, -1);
        for (var t = 0; t < TripCount; t++)
        {
            result[TripStart[t]] = t;
        }

        return result;
    }

    /// <summary>Pull-out and pull-in arcs of one depot; -1 cost means no arc.</summary>
    internal sealed record DepotArcs(int VehicleLimit, long[] PullOutCost, long[] PullInCost, int[] PullOutSeconds, int[] PullInSeconds);
}

/// <summary>Collects nodes and arcs, then numbers nodes in topological order and packs arcs by tail.</summary>
internal sealed class NetworkBuilder
{
    private readonly List<(int Tail, int Head, long Cost)> arcs = [];
    private readonly List<int> nodeTime = [];

    public int AddNode(int time)
    {
        nodeTime.Add(time);
        return nodeTime.Count - 1;
    }

    public void AddArc(int tail, int head, long cost) => arcs.Add((tail, head, cost));

    public ConnectionNetwork Build(int[] tripStart, int[] tripEnd, ConnectionNetwork.DepotArcs[] depots, long vehicleCost, long costScale, bool timed, bool virtualDepot)
    {
        var n = nodeTime.Count;
        var indegree = new int[n];
        var succCount = new int[n + 1];
        foreach (var (tail, head, _) in arcs)
        {
            indegree[head]++;
            succCount[tail + 1]++;
        }

        for (var t = 0; t < tripStart.Length; t++)
        {
            indegree[tripEnd[t]]++;
        }

        // Successor lists including trip arcs, for Kahn's algorithm.
        var tripOf = new int[n];
        Array.Fill(tripOf, -1);
        for (var t = 0; t < tripStart.Length; t++)
        {
            tripOf[tripStart[t]] = t;
        }

        for (var v = 0; v < n; v++)
        {
            succCount[v + 1] += succCount[v];
        }

        var succ = new int[arcs.Count];
        var fill = (int[])succCount.Clone();
        foreach (var (tail, head, _) in arcs)
        {
            succ[fill[tail]++] = head;
        }

        // Kahn's algorithm; ties broken by (time, id) for a stable, readable order.
        var order = new int[n];
        var ready = new PriorityQueue<int, (int, int)>();
        for (var v = 0; v < n; v++)
        {
            if (indegree[v] == 0)
            {
                ready.Enqueue(v, (nodeTime[v], v));
            }
        }

        var count = 0;
        while (ready.TryDequeue(out var v, out _))
        {
            order[count++] = v;
            for (var k = succCount[v]; k < succCount[v + 1]; k++)
            {
                Release(succ[k]);
            }

            if (tripOf[v] >= 0)
            {
                Release(tripEnd[tripOf[v]]);
            }
        }

        if (count != n)
        {
            throw new InvalidOperationException("The connection network has a cycle: some trip can follow itself.");
        }

        var rank = new int[n];
        for (var i = 0; i < n; i++)
        {
            rank[order[i]] = i;
        }

        var outStart = new int[n + 1];
        foreach (var (tail, _, _) in arcs)
        {
            outStart[rank[tail] + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            outStart[v + 1] += outStart[v];
        }

        var heads = new int[arcs.Count];
        var costs = new long[arcs.Count];
        var pos = (int[])outStart.Clone();
        foreach (var (tail, head, cost) in arcs)
        {
            var k = pos[rank[tail]]++;
            heads[k] = rank[head];
            costs[k] = cost;
        }

        return new ConnectionNetwork
        {
            NodeCount = n,
            TripStart = [.. tripStart.Select(v => rank[v])],
            TripEnd = [.. tripEnd.Select(v => rank[v])],
            OutStart = outStart,
            ArcHead = heads,
            ArcCost = costs,
            Depots = depots,
            NodeTime = timed ? [.. order.Select(v => nodeTime[v])] : null,
            VehicleCost = vehicleCost,
            CostScale = costScale,
            VirtualDepot = virtualDepot,
        };

        void Release(int w)
        {
            if (--indegree[w] == 0)
            {
                ready.Enqueue(w, (nodeTime[w], w));
            }
        }
    }
}
