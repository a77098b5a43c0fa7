namespace TransitPairs.Scheduling;

/// <summary>
/// Lower bounds on the number of vehicles a day of trips needs, from the deficit function
/// (Ceder, <i>Public Transit Planning and Operation</i>, ch. 5: the deficit function of a terminal
/// is departures minus arrivals up to time t).
/// </summary>
public static class FleetLowerBounds
{
    /// <summary>
    /// The most trips in service at once, each trip holding its vehicle over
    /// [departure, arrival + <paramref name="minLayoverSeconds"/>): no schedule can use fewer vehicles,
    /// whatever the empty runs.
    /// </summary>
    public static int MostTripsInService(IReadOnlyCollection<ScheduledTrip> trips, int minLayoverSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(trips);
        ArgumentOutOfRangeException.ThrowIfNegative(minLayoverSeconds);
        var changes = new List<(int Time, int Delta)>(trips.Count * 2);
        foreach (var trip in trips)
        {
            changes.Add((trip.Departure.TotalSeconds, +1));
            changes.Add((trip.Arrival.TotalSeconds + minLayoverSeconds, -1));
        }

        return MaxRunningSum(changes);
    }

    /// <summary>
    /// Ceder's per-terminal bound: Σ over stops of the largest deficit (departures so far minus
    /// vehicles that arrived and finished their layover so far). When vehicles may not run empty
    /// between stops this is the exact minimum fleet (a vehicle that leaves a stop can only come
    /// from an earlier arrival at the same stop or from the depot), and it is never below
    /// <see cref="MostTripsInService"/>.
    /// </summary>
    public static int TerminalDeficitSum(IReadOnlyCollection<ScheduledTrip> trips, int minLayoverSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(trips);
        ArgumentOutOfRangeException.ThrowIfNegative(minLayoverSeconds);
        var byStop = new Dictionary<string, List<(int Time, int Delta)>>(StringComparer.Ordinal);
        foreach (var trip in trips)
        {
            Changes(trip.FromStop).Add((trip.Departure.TotalSeconds, +1));
            Changes(trip.ToStop).Add((trip.Arrival.TotalSeconds + minLayoverSeconds, -1));
        }

        return byStop.Values.Sum(MaxRunningSum);

        List<(int, int)> Changes(string stop)
        {
            if (!byStop.TryGetValue(stop, out var list))
            {
                list = [];
                byStop.Add(stop, list);
            }

            return list;
        }
    }

    /// <summary>
    /// Most intervals [start, end) that overlap at one instant (seconds); an end and a start at the
    /// same second do not overlap.
    /// </summary>
    public static int MostAtOnce(IEnumerable<(int Start, int End)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var changes = new List<(int Time, int Delta)>();
        foreach (var (start, end) in intervals)
        {
            changes.Add((start, +1));
            changes.Add((end, -1));
        }

        return MaxRunningSum(changes);
    }

    // At equal times a vehicle that becomes free can take a departure, so -1 comes before +1.
    private static int MaxRunningSum(List<(int Time, int Delta)> changes)
    {
        changes.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        int running = 0, most = 0;
        foreach (var (_, delta) in changes)
        {
            running += delta;
            most = Math.Max(most, running);
        }

        return most;
    }
}
