using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// A primal heuristic for multiple-depot scheduling: the multi-commodity flow MIP (SCIP) over a
/// sparse arc set — for every trip its <c>K</c> cheapest outgoing and <c>K</c> cheapest incoming
/// connections, every pull-out and pull-in, and every arc of the incumbent, so the incumbent
/// (and its fleet) stays feasible and is given as the starting solution. The LP relaxation of
/// this model is very tight (Pepin et al. 2009 report LP bounds within 0.01 % of the optimum) and
/// the cheap connections carry nearly every optimal schedule, so the sparse MIP solves fast and
/// well. Its bound holds for the sparse arc set only, never for the full problem: only the
/// schedule is used.
/// </summary>
internal static class SparseFlowImprovement
{
    /// <summary>
    /// True when every connection arc joins a trip's end directly to another trip's start (the
    /// all-pairs network, e.g. a cost matrix), the only shape where "a trip's K cheapest
    /// connections" is meaningful and the incumbent's arcs can be found.
    /// </summary>
    public static bool Applies(ConnectionNetwork network) => network.NodeCount == 2 * network.TripCount;

    /// <summary>
    /// Solves the sparse MIP from <paramref name="incumbent"/>; returns a schedule (blocks with
    /// their connection cost) cheaper than <paramref name="incumbentCost"/>, or null.
    /// </summary>
    public static (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? Improve(
        ConnectionNetwork network, IReadOnlyList<VspBlock> incumbent, long incumbentCost, int connectionsPerTrip, TimeSpan timeLimit, int threads, int seed)
    {
        var n = network.TripCount;
        var m = network.Depots.Length;
        var keepConnection = CheapestConnections(network, connectionsPerTrip);

        MarkConnections(network, incumbent, keepConnection); // the incumbent's own connections

        var keepArc = new bool[m][];
        var keepOut = new bool[m][];
        var keepIn = new bool[m][];
        var keepTrip = new bool[m][];
        for (var k = 0; k < m; k++)
        {
            var depot = network.Depots[k];
            keepArc[k] = depot.VehicleLimit > 0 ? keepConnection : new bool[network.ArcCount];
            keepOut[k] = [.. Enumerable.Range(0, n).Select(t => depot.VehicleLimit > 0 && depot.PullOutCost[t] >= 0)];
            keepIn[k] = [.. Enumerable.Range(0, n).Select(t => depot.VehicleLimit > 0 && depot.PullInCost[t] >= 0)];
            keepTrip[k] = [.. Enumerable.Range(0, n).Select(_ => depot.VehicleLimit > 0)];
        }

        using var mip = MpSolver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        var model = new CompactFlowModel(mip, network, new CompactFlowModel.Keep(keepArc, keepOut, keepIn, keepTrip), integer: true, threads, seed);
        model.Solver.SetTimeLimit(Math.Max(1, (long)timeLimit.TotalMilliseconds));
        model.Hint(incumbent);
        var (_, blocks, cost, _) = model.SolveMipWithCosts();
        return blocks is not null && cost < incumbentCost ? (blocks, cost) : null;
    }

    /// <summary>Marks, for every trip, its <paramref name="perTrip"/> cheapest outgoing and incoming connections (ties by arc index).</summary>
    public static bool[] CheapestConnections(ConnectionNetwork network, int perTrip)
    {
        ArgumentNullException.ThrowIfNull(network);
        var keep = new bool[network.ArcCount];
        var incoming = new List<int>[network.NodeCount];
        for (var v = 0; v < network.NodeCount; v++)
        {
            var outs = Enumerable.Range(network.OutStart[v], network.OutStart[v + 1] - network.OutStart[v]);
            foreach (var a in outs.OrderBy(a => network.ArcCost[a]).ThenBy(a => a).Take(perTrip))
            {
                keep[a] = true;
            }

            foreach (var a in outs)
            {
                (incoming[network.ArcHead[a]] ??= []).Add(a);
            }
        }

        foreach (var ins in incoming.OfType<List<int>>())
        {
            foreach (var a in ins.OrderBy(a => network.ArcCost[a]).ThenBy(a => a).Take(perTrip))
            {
                keep[a] = true;
            }
        }

        return keep;
    }

    /// <summary>Marks in <paramref name="keep"/> every connection the blocks of <paramref name="schedule"/> use.</summary>
    public static void MarkConnections(ConnectionNetwork network, IEnumerable<VspBlock> schedule, bool[] keep)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(keep);
        foreach (var block in schedule)
        {
            for (var i = 1; i < block.Trips.Length; i++)
            {
                if (Connection(network, block.Trips[i - 1], block.Trips[i]) is { } a)
                {
                    keep[a] = true;
                }
            }
        }
    }

    /// <summary>The connection arc from trip <paramref name="from"/>'s end to trip <paramref name="to"/>'s start, if the network has one.</summary>
    public static int? Connection(ConnectionNetwork network, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(network);
        var e = network.TripEnd[from];
        var s = network.TripStart[to];
        for (var a = network.OutStart[e]; a < network.OutStart[e + 1]; a++)
        {
            if (network.ArcHead[a] == s)
            {
                return a;
            }
        }

        return null;
    }
}
