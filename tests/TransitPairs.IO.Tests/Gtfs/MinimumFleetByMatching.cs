using TransitPairs.IO.Gtfs;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>
/// The exact minimum fleet of one depot-free day: trips minus a maximum matching on the feasible
/// connections (Dilworth; Hopcroft–Karp). Written apart from the solvers, to check the empty-run
/// model and the fleets the solver reports on real feeds.
/// </summary>
internal static class MinimumFleetByMatching
{
    public static int Of(GtfsServiceDay day, StraightLineEmptyRuns model, int minLayoverSeconds)
    {
        var vehicleDay = new GtfsVehicleDay(day, model);
        var trips = vehicleDay.Trips;
        var successors = new List<int>[trips.Length];
        for (var i = 0; i < trips.Length; i++)
        {
            successors[i] = [];
            for (var j = 0; j < trips.Length; j++)
            {
                var ready = trips[i].ArrivalSeconds + minLayoverSeconds;
                if (i != j && ready <= trips[j].DepartureSeconds
                    && ready + vehicleDay.EmptyRun(trips[i].ToPlace, trips[j].FromPlace).Seconds <= trips[j].DepartureSeconds)
                {
                    successors[i].Add(j);
                }
            }
        }

        return trips.Length - MaximumMatching(successors, trips.Length);
    }

    private static int MaximumMatching(List<int>[] adjacency, int right)
    {
        var n = adjacency.Length;
        var matchLeft = Enumerable.Repeat(-1, n).ToArray();
        var matchRight = Enumerable.Repeat(-1, right).ToArray();
        var distance = new int[n];
        var matching = 0;
        while (Bfs())
        {
            for (var u = 0; u < n; u++)
            {
                if (matchLeft[u] == -1 && Dfs(u))
                {
                    matching++;
                }
            }
        }

        return matching;

        bool Bfs()
        {
            var queue = new Queue<int>();
            var found = false;
            for (var u = 0; u < n; u++)
            {
                distance[u] = matchLeft[u] == -1 ? 0 : -1;
                if (distance[u] == 0)
                {
                    queue.Enqueue(u);
                }
            }

            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                foreach (var v in adjacency[u])
                {
                    var w = matchRight[v];
                    if (w == -1)
                    {
                        found = true;
                    }
                    else if (distance[w] == -1)
                    {
                        distance[w] = distance[u] + 1;
                        queue.Enqueue(w);
                    }
                }
            }

            return found;
        }

        bool Dfs(int u)
        {
            foreach (var v in adjacency[u])
            {
                var w = matchRight[v];
                if (w == -1 || (distance[w] == distance[u] + 1 && Dfs(w)))
                {
                    matchLeft[u] = v;
                    matchRight[v] = u;
                    return true;
                }
            }

            distance[u] = -1;
            return false;
        }
    }
}
