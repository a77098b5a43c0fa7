using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>Builds connection networks from timed trips (all pairs or time-space) and from cost matrices.</summary>
internal static class NetworkFactory
{
    public static ConnectionNetwork Build(VspProblem problem, NetworkKind kind)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (kind == NetworkKind.Auto)
        {
            kind = problem.MaxIdleSeconds is null ? NetworkKind.TimeSpace : NetworkKind.AllPairs;
        }

        if (kind == NetworkKind.TimeSpace && problem.MaxIdleSeconds is not null)
        {
            throw new ArgumentException("The time-space network cannot enforce a longest idle gap; use the all-pairs network.", nameof(kind));
        }

        var builder = new NetworkBuilder();
        var trips = problem.Trips;
        var n = trips.Length;
        var start = new int[n];
        var end = new int[n];
        for (var t = 0; t < n; t++)
        {
            start[t] = builder.AddNode(trips[t].StartTime);
            end[t] = builder.AddNode(trips[t].EndTime);
        }

        if (kind == NetworkKind.AllPairs)
        {
            AddAllPairs(problem, builder, start, end);
        }
        else
        {
            AddTimeSpace(problem, builder, start, end);
        }

        var costs = problem.Costs;
        var depots = DepotArcs(problem);
        return builder.Build(start, end, depots, costs.Scale * costs.VehicleCost, costs.Scale, timed: true, virtualDepot: problem.Depots.IsEmpty);
    }

    private static ConnectionNetwork.DepotArcs[] DepotArcs(VspProblem problem)
    {
        var trips = problem.Trips;
        var n = trips.Length;
        if (problem.Depots.IsEmpty)
        {
            return [new ConnectionNetwork.DepotArcs(n, new long[n], new long[n], new int[n], new int[n])];
        }

        var result = new ConnectionNetwork.DepotArcs[problem.Depots.Length];
        for (var k = 0; k < result.Length; k++)
        {
            var depot = problem.Depots[k];
            var outCost = new long[n];
            var inCost = new long[n];
            var outSeconds = new int[n];
            var inSeconds = new int[n];
            for (var t = 0; t < n; t++)
            {
                if (problem.EmptyRuns.TryGet(depot.Place, trips[t].StartPlace, out var run))
                {
                    outCost[t] = problem.Costs.RunCost(run.Metres);
                    outSeconds[t] = run.Seconds;
                }
                else
                {
                    outCost[t] = -1;
                }

                if (problem.EmptyRuns.TryGet(trips[t].EndPlace, depot.Place, out run))
                {
                    inCost[t] = problem.Costs.RunCost(run.Metres);
                    inSeconds[t] = run.Seconds;
                }
                else
                {
                    inCost[t] = -1;
                }
            }

            result[k] = new ConnectionNetwork.DepotArcs(Math.Min(depot.VehicleLimit, n), outCost, inCost, outSeconds, inSeconds);
        }

        return result;
    }

    private static void AddAllPairs(VspProblem problem, NetworkBuilder builder, int[] start, int[] end)
    {
        var trips = problem.Trips;
        var byStart = Enumerable.Range(0, trips.Length).OrderBy(t => trips[t].StartTime).ThenBy(t => t).ToArray();
        var starts = byStart.Select(t => trips[t].StartTime).ToArray();
        var costs = problem.Costs;
        for (var i = 0; i < trips.Length; i++)
        {
            var ready = trips[i].EndTime + problem.MinLayoverSeconds;
            var first = LowerBound(starts, ready);
            for (var k = first; k < byStart.Length; k++)
            {
                var j = byStart[k];
                if (j == i || !problem.EmptyRuns.TryGet(trips[i].EndPlace, trips[j].StartPlace, out var run)
                    || ready + run.Seconds > trips[j].StartTime)
                {
                    continue;
                }

                var idle = trips[j].StartTime - trips[i].EndTime - run.Seconds;
                if (problem.MaxIdleSeconds is { } maxIdle && idle > maxIdle)
                {
                    continue;
                }

                builder.AddArc(end[i], start[j], costs.RunCost(run.Metres) + costs.IdleCost(idle));
            }
        }
    }

    private static void AddTimeSpace(VspProblem problem, NetworkBuilder builder, int[] start, int[] end)
    {
        var trips = problem.Trips;
        var costs = problem.Costs;

        // Per place: the distinct departure times in order, one chain node each.
        var places = trips.Select(t => t.StartPlace).Distinct().Order().ToArray();
        var chainTimes = new Dictionary<int, int[]>();
        var chainNodes = new Dictionary<int, int[]>();
        foreach (var place in places)
        {
            var times = trips.Where(t => t.StartPlace == place).Select(t => t.StartTime).Distinct().Order().ToArray();
            var nodes = new int[times.Length];
            for (var k = 0; k < times.Length; k++)
            {
                nodes[k] = builder.AddNode(times[k]);
                if (k > 0)
                {
                    builder.AddArc(nodes[k - 1], nodes[k], costs.IdleCost(times[k] - times[k - 1]));
                }
            }

            chainTimes[place] = times;
            chainNodes[place] = nodes;
        }

        for (var t = 0; t < trips.Length; t++)
        {
            var times = chainTimes[trips[t].StartPlace];
            var k = Array.BinarySearch(times, trips[t].StartTime);
            builder.AddArc(chainNodes[trips[t].StartPlace][k], start[t], 0);
        }

        // A trip's end reaches, at each place, the first departure event it can make; waiting arcs
        // then lead to every later departure there at the same cost per idle second.
        var reachable = new Dictionary<int, List<(int Place, EmptyRun Run)>>();
        for (var i = 0; i < trips.Length; i++)
        {
            if (!reachable.TryGetValue(trips[i].EndPlace, out var runs))
            {
                runs = [];
                foreach (var place in places)
                {
                    if (problem.EmptyRuns.TryGet(trips[i].EndPlace, place, out var r))
                    {
                        runs.Add((place, r));
                    }
                }

                reachable.Add(trips[i].EndPlace, runs);
            }

            foreach (var (place, run) in runs)
            {

                var times = chainTimes[place];
                var k = LowerBound(times, trips[i].EndTime + problem.MinLayoverSeconds + run.Seconds);
                if (k == times.Length)
                {
                    continue;
                }

                var idle = times[k] - trips[i].EndTime - run.Seconds;
                builder.AddArc(end[i], chainNodes[place][k], costs.RunCost(run.Metres) + costs.IdleCost(idle));
            }
        }
    }

    /// <summary>The network of a cost-matrix instance: trips in topological order of the possible connections.</summary>
    public static ConnectionNetwork Build(CostMatrixInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var m = instance.Depots;
        var n = instance.Trips;
        var builder = new NetworkBuilder();
        var start = new int[n];
        var end = new int[n];
        for (var t = 0; t < n; t++)
        {
            start[t] = builder.AddNode(0);
            end[t] = builder.AddNode(0);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var c = instance.Cost(m + i, m + j);
                if (i != j && c >= 0)
                {
                    builder.AddArc(end[i], start[j], c);
                }
            }
        }

        var depots = new ConnectionNetwork.DepotArcs[m];
        for (var k = 0; k < m; k++)
        {
            var outCost = new long[n];
            var inCost = new long[n];
            for (var t = 0; t < n; t++)
            {
                outCost[t] = instance.Cost(k, m + t);
                inCost[t] = instance.Cost(m + t, k);
            }

            depots[k] = new ConnectionNetwork.DepotArcs(Math.Min(instance.VehicleLimits[k], n), outCost, inCost, new int[n], new int[n]);
        }

        return builder.Build(start, end, depots, vehicleCost: 0, costScale: 1, timed: false, virtualDepot: false);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
