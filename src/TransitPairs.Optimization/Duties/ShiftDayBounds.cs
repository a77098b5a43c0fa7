using TransitPairs.Duties;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Lower bounds on the drivers of an OR-Tools shift day that need no LP (docs/duties.md, "Bounds
/// without the LP", gives the proofs).
/// </summary>
public static class ShiftDayBounds
{
    /// <summary>
    /// The span bound. A piece keeps its driver from its start until the least gap after its end
    /// ("occupied"); a driver's occupied minutes lie in one window of
    /// <see cref="WindowMinutes"/> (longest span less set-up and clean-up, plus the gap), and at
    /// each minute every occupied piece has its own driver. So the drivers are at least the fewest
    /// windows of that length that cover each minute as often as pieces occupy it; the greedy below
    /// (at the first minute short of cover, open the missing windows there) finds that fewest.
    /// </summary>
    public static int SpanDrivers(ShiftDayInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Pieces.IsEmpty)
        {
            return 0;
        }

        var window = WindowMinutes(instance.Rules);
        var gap = instance.Rules.MinGap;
        var origin = instance.Pieces.Min(p => p.StartMinute);
        var last = instance.Pieces.Max(p => p.EndMinute + gap);
        var length = last - origin;

        // Occupied pieces per minute (difference array), then the greedy cover.
        var occupied = new int[length + 1];
        foreach (var p in instance.Pieces)
        {
            occupied[p.StartMinute - origin]++;
            occupied[p.EndMinute + gap - origin]--;
        }

        var closing = new int[length + window + 1];
        int busy = 0, cover = 0, drivers = 0;
        for (var t = 0; t < length; t++)
        {
            busy += occupied[t];
            cover -= closing[t];
            if (busy > cover)
            {
                var open = busy - cover;
                drivers += open;
                cover += open;
                closing[t + window] += open;
            }
        }

        return drivers;
    }

    /// <summary>
    /// The least objective (drivers × <paramref name="driverWeight"/> + working minutes) of any
    /// answer with at least <paramref name="drivers"/> drivers: each driver's span is at least the
    /// least span, and at least set-up + clean-up + the minutes of its pieces + the least gap between
    /// each two of them; summed over the drivers, the larger of the two sums. It grows with the
    /// drivers, so fewer drivers than a proven bound never cost less.
    /// </summary>
    public static long CostFloor(ShiftDayInstance instance, int drivers, long driverWeight)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var r = instance.Rules;
        var n = instance.Pieces.Length;
        drivers = Math.Min(drivers, n);
        if (drivers <= 0)
        {
            return 0;
        }

        long pieceMinutes = instance.Pieces.Sum(p => (long)(p.EndMinute - p.StartMinute));
        var byPieces = ((long)drivers * (r.SetupBefore + r.CleanupAfter)) + pieceMinutes + ((long)r.MinGap * (n - drivers));
        return (drivers * driverWeight) + Math.Max((long)drivers * r.MinSpan, byPieces);
    }

    /// <summary>Minutes from a driver's first piece's start to the end of the least gap after the last piece, at most.</summary>
    public static int WindowMinutes(ShiftDayRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Math.Max(1, rules.MaxSpan - rules.SetupBefore - rules.CleanupAfter + rules.MinGap);
    }
}
