namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Charging sessions booked per site while a plan is built, so that no site ever has more buses
/// plugged in at once than it has points. Intervals are half-open [start, end): one bus may plug
/// in at the second another leaves.
/// </summary>
internal sealed class ChargerBookings
{
    private readonly EnergyDay day;
    private readonly List<(int Start, int End)>[] booked;

    public ChargerBookings(EnergyDay day)
    {
        this.day = day;
        booked = [.. day.Sites.Select(_ => new List<(int, int)>())];
    }

    public void Book(ChargeStop stop) => booked[stop.Site].Add((stop.Start, stop.End));

    /// <summary>
    /// The longest session of at most <paramref name="wanted"/> seconds at site <paramref name="s"/>
    /// inside [<paramref name="open"/>, <paramref name="close"/>), plugging in as early as a point is
    /// free; null when no stretch of at least the minimum plug-in time is free.
    /// </summary>
    public ChargeStop? Earliest(int s, int open, int close, int wanted)
    {
        var points = day.Sites[s].Points;
        var overlapping = booked[s].Where(b => b.End > open && b.Start < close).ToList();
        var starts = overlapping.Select(b => b.End).Where(t => t > open && t < close).Prepend(open).Distinct().Order();
        foreach (var start in starts)
        {
            if (close - start < day.MinPlugSeconds)
            {
                break;
            }

            var end = FreeUntil(overlapping, points, start, (int)Math.Min(close, (long)start + Math.Max(wanted, day.MinPlugSeconds)));
            if (end - start >= day.MinPlugSeconds)
            {
                return new ChargeStop(s, start, end);
            }
        }

        return null;
    }

    /// <summary>The latest time ≤ <paramref name="limit"/> up to which a further bus can charge from <paramref name="start"/> on (start itself when none can).</summary>
    private static int FreeUntil(List<(int Start, int End)> overlapping, int points, int start, int limit)
    {
        var changes = overlapping.Where(b => b.End > start && b.Start < limit)
            .SelectMany(b => new[] { (Time: Math.Max(b.Start, start), Delta: 1), (Time: b.End, Delta: -1) })
            .OrderBy(x => x.Time).ThenBy(x => x.Delta);
        var inUse = 0;
        foreach (var (time, delta) in changes)
        {
            inUse += delta;
            if (inUse >= points)
            {
                return time;
            }
        }

        return limit;
    }
}
