using System.Collections.Immutable;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>Which of Ceder's methods set a pattern's frequency.</summary>
public enum FrequencyMethod
{
    /// <summary>Max-load point: <c>F = max(P_m / d₀, F_m)</c>.</summary>
    MaxLoadPoint,

    /// <summary>Load profile: <c>F = max(A / (d₀ L), P_m / c, F_m)</c>.</summary>
    LoadProfile,
}

/// <summary>What decided the number of departures of an hour.</summary>
public enum FrequencyLimit
{
    /// <summary>Demand (Ceder's formula, rounded up).</summary>
    Demand,

    /// <summary>The maximum headway asked for more departures than demand.</summary>
    MaxHeadway,

    /// <summary>Demand asked for more than the minimum headway allows: passengers may be left behind.</summary>
    MinHeadway,

    /// <summary>Demand asked for more than the fleet allows: passengers may be left behind.</summary>
    Fleet,

    /// <summary>The policy fixes the day's departures (today's service); they are spread evenly over the span.</summary>
    FixedService,
}

/// <summary>One pattern's frequency in one hour.</summary>
/// <param name="PatternId">Pattern name.</param>
/// <param name="Method">The Ceder method used.</param>
/// <param name="CederFrequency">Ceder's real frequency (vehicles per hour) with <c>F_m</c> = 0:
/// the direction's minimum frequency is applied to the direction as a whole.</param>
/// <param name="Departures">Whole departures of this pattern in the hour after the direction's clamps.</param>
/// <param name="MaxLoadPassengers">P_m of the hour.</param>
/// <param name="Capacity">c, passengers per bus.</param>
public sealed record PatternFrequency(string PatternId, FrequencyMethod Method, double CederFrequency, int Departures, int MaxLoadPassengers, int Capacity);

/// <summary>
/// The departures of a direction in one clock hour, restricted to the service span: departures
/// of this hour leave the first terminal in minutes <see cref="WindowStartMinute"/> to
/// <see cref="WindowEndMinute"/> (both included).
/// </summary>
public sealed record HourFrequency(
    int Hour,
    int WindowStartMinute,
    int WindowEndMinute,
    double CederFrequency,
    int Departures,
    FrequencyLimit Limit,
    ImmutableArray<PatternFrequency> Patterns)
{
    /// <summary>Minutes in the window (1 to 60).</summary>
    public int WindowMinutes => WindowEndMinute - WindowStartMinute + 1;

    /// <summary>Demand at the direction's max-load point in the hour (Σ P_m), passengers.</summary>
    public int MaxLoadPassengers => Patterns.Sum(p => p.MaxLoadPassengers);

    /// <summary>Passengers the hour's departures can carry past the max-load point.</summary>
    public int CapacityPassengers => Patterns.Sum(p => p.Departures * p.Capacity);

    /// <summary>Expected average load per departure at the max-load point (0 without departures).</summary>
    public double ExpectedLoadPerDeparture => Departures == 0 ? 0 : (double)MaxLoadPassengers / Departures;
}

/// <summary>The frequencies of one direction, hour by hour over its service span.</summary>
public sealed record DirectionFrequencyPlan(DirectionDemand Direction, ImmutableArray<HourFrequency> Hours)
{
    /// <summary>Departures of the whole day in this direction.</summary>
    public int TotalDepartures => Hours.Sum(h => h.Departures);
}

/// <summary>
/// Sets hourly departures per direction with Ceder's methods and clamps them with the policy.
/// </summary>
/// <remarks>
/// <para>Per pattern and hour: Ceder's max-load-point method for non-stop patterns and the
/// load-profile method for patterns with intermediate stops (<see cref="CederFrequency"/>), each
/// rounded up so that the hour's buses carry its demand at d₀.</para>
/// <para>Clamps, per direction and hour: (1) the maximum headway: Ceder's <c>F_m = 60 / h_max</c>
/// is met over the span rather than hour by hour, so that a 4-hour maximum headway does not force
/// an hourly bus. The hour gets at least as many departures as an evenly spaced day at the maximum
/// headway (first to last departure) puts into it. Extra departures go to the pattern with the
/// most demand. (2) The minimum headway: at most <c>⌊window / h_min⌋</c> departures (at least 1 in
/// the hours holding the first or last departure). (3) The fleet: at most
/// <see cref="DirectionDemand.FleetDeparturesPerHour"/>. When (2) or (3) bind, departures are
/// taken from the pattern with the most departures, and passengers may be left behind.</para>
/// <para>An hour's demand is the demand of the passengers whose bus leaves the first terminal in
/// that hour; in an hour the span covers only partly, the whole hour's demand goes to the part
/// inside the span.</para>
/// </remarks>
public static class FrequencyPlanner
{
    /// <summary>Plans one direction.</summary>
    public static DirectionFrequencyPlan Plan(DirectionDemand direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        var first = direction.FirstDepartureMinute;
        var last = direction.LastDepartureMinute;
        var bounds = direction.Headways;
        var headwayFloor = EvenDeparturesByHour(first, last, MaxHeadwayIntervals(first, last, bounds.MaxMinutes));
        var fixedDay = direction.FixedDepartures is { } n ? EvenDeparturesByHour(first, last, n - 1) : null;
        var minimumFrequency = CederFrequency.MinimumFrequency(bounds.MaxMinutes);
        var bins = new List<Bin>();
        for (var hour = first / 60; hour <= last / 60; hour++)
        {
            var windowStart = Math.Max(first, hour * 60);
            var windowEnd = Math.Min(last, (hour * 60) + 59);
            var holdsPinned = windowStart == first || windowEnd == last;

            var patternFrequencies = direction.Patterns.Select(p => PatternHour(p, hour)).ToArray();
            var counts = patternFrequencies.Select(f => CederFrequency.RoundUp(f.Frequency)).ToArray();
            var demandCount = counts.Sum();

            var lower = Math.Max(headwayFloor.GetValueOrDefault(hour), holdsPinned ? 1 : 0);
            var byMinHeadway = Math.Max((windowEnd - windowStart + 1) / bounds.MinMinutes, holdsPinned ? 1 : 0);
            var upper = Math.Min(byMinHeadway, direction.FleetDeparturesPerHour ?? int.MaxValue);
            upper = Math.Max(upper, lower);

            var limit = FrequencyLimit.Demand;
            if (fixedDay is not null)
            {
                // Today's service: the count is given; it runs the busiest pattern of the hour.
                limit = FrequencyLimit.FixedService;
                Array.Clear(counts);
                counts[IndexOfMax(direction.Patterns.Select(p => p.MaxLoadAt(hour)).ToArray())] = fixedDay.GetValueOrDefault(hour);
            }
            else if (demandCount < lower)
            {
                limit = FrequencyLimit.MaxHeadway;
                var busiest = IndexOfMax(direction.Patterns.Select(p => p.MaxLoadAt(hour)).ToArray());
                counts[busiest] += lower - demandCount;
            }
            else if (demandCount > upper)
            {
                limit = byMinHeadway <= (direction.FleetDeparturesPerHour ?? int.MaxValue) ? FrequencyLimit.MinHeadway : FrequencyLimit.Fleet;
                for (var excess = demandCount - upper; excess > 0; excess--)
                {
                    counts[IndexOfMax(counts)]--;
                }
            }

            var cederDirection = Math.Max(patternFrequencies.Sum(f => f.Frequency), minimumFrequency);
            bins.Add(new Bin(hour, windowStart, windowEnd, holdsPinned ? 1 : 0, cederDirection, counts, patternFrequencies, limit));
        }

        FitMinimumHeadwayAcrossHours(bins, first, last, bounds.MinMinutes);
        var hours = bins.Select(b => new HourFrequency(b.Hour, b.WindowStart, b.WindowEnd, b.CederFrequency, b.Counts.Sum(), b.Limit,
                direction.Patterns.Select((p, i) => new PatternFrequency(p.PatternId, b.PatternFrequencies[i].Method, b.PatternFrequencies[i].Frequency, b.Counts[i], p.MaxLoadAt(b.Hour), p.Capacity)).ToImmutableArray()))
            .ToImmutableArray();
        return new DirectionFrequencyPlan(direction, hours);
    }

    private sealed class Bin(int hour, int windowStart, int windowEnd, int minimum, double cederFrequency, int[] counts, (FrequencyMethod Method, double Frequency)[] patternFrequencies, FrequencyLimit limit)
    {
        public int Hour { get; } = hour;

        public int WindowStart { get; } = windowStart;

        public int WindowEnd { get; } = windowEnd;

        /// <summary>1 in the hours holding the first or last departure, else 0.</summary>
        public int Minimum { get; } = minimum;

        public double CederFrequency { get; } = cederFrequency;

        public int[] Counts { get; } = counts;

        public (FrequencyMethod Method, double Frequency)[] PatternFrequencies { get; } = patternFrequencies;

        public FrequencyLimit Limit { get; set; } = limit;
    }

    /// <summary>
    /// The per-hour cap ⌊window / h_min⌋ ignores the neighbouring hours: three buses at 20-minute
    /// headways fit in 06:00–06:59 only if the previous hour's last bus left by 05:40. With the
    /// first and last departures fixed, the departures fit iff, slot by slot, the earliest time
    /// (forward pass: previous earliest + h_min, not before the hour's window) is not after the
    /// latest time (backward pass from the last departure). Where a slot does not fit, one
    /// departure is taken from its hour, or from the nearest earlier (then later) hour that can spare one.
    /// </summary>
    private static void FitMinimumHeadwayAcrossHours(List<Bin> bins, int first, int last, int minHeadway)
    {
        while (true)
        {
            var slotBins = bins.SelectMany((b, i) => Enumerable.Repeat(i, b.Counts.Sum())).ToArray();
            if (slotBins.Length == 0)
            {
                return;
            }

            var earliest = new int[slotBins.Length];
            var latest = new int[slotBins.Length];
            for (var k = 0; k < slotBins.Length; k++)
            {
                earliest[k] = k == 0 ? first : Math.Max(bins[slotBins[k]].WindowStart, earliest[k - 1] + minHeadway);
            }

            for (var k = slotBins.Length - 1; k >= 0; k--)
            {
                latest[k] = k == slotBins.Length - 1 ? last : Math.Min(bins[slotBins[k]].WindowEnd, latest[k + 1] - minHeadway);
            }

            var conflict = -1;
            for (var k = 0; k < slotBins.Length && conflict < 0; k++)
            {
                if (earliest[k] > latest[k] || earliest[k] > bins[slotBins[k]].WindowEnd || latest[k] < bins[slotBins[k]].WindowStart)
                {
                    conflict = k;
                }
            }

            if (conflict < 0)
            {
                return;
            }

            // Take a departure from the conflict's hour, else the nearest earlier hour, else the
            // nearest later one that can spare it.
            var conflictBin = slotBins[conflict];
            var donor = Enumerable.Range(0, conflictBin + 1).Reverse()
                .Concat(Enumerable.Range(conflictBin + 1, bins.Count - conflictBin - 1))
                .FirstOrDefault(b => bins[b].Counts.Sum() > bins[b].Minimum, -1);
            if (donor < 0)
            {
                return; // Nothing left to take: the solver reports the span as infeasible.
            }

            bins[donor].Counts[IndexOfMax(bins[donor].Counts)]--;
            bins[donor].Limit = FrequencyLimit.MinHeadway;
        }
    }

    private static (FrequencyMethod Method, double Frequency) PatternHour(PatternDemand pattern, int hour)
    {
        var load = pattern.LoadAt(hour);
        if (!pattern.HasLoadProfile)
        {
            return (FrequencyMethod.MaxLoadPoint, CederFrequency.MaxLoadPoint(load?.MaxLoadPassengers ?? 0, pattern.DesiredOccupancy, 0));
        }

        if (load is null)
        {
            return (FrequencyMethod.LoadProfile, 0);
        }

        var segments = pattern.SegmentLengthsMetres.Select((metres, i) => new CederSegment(metres, load.SegmentPassengers[i])).ToArray();
        return (FrequencyMethod.LoadProfile, CederFrequency.LoadProfile(segments, pattern.DesiredOccupancy, pattern.Capacity, 0));
    }

    /// <summary>
    /// Intervals of the sparsest day that keeps every headway within
    /// <paramref name="maxHeadwayMinutes"/>: ⌈span / h_max⌉ (Ceder's F_m met over the span).
    /// </summary>
    private static int MaxHeadwayIntervals(int first, int last, int maxHeadwayMinutes) =>
        last == first ? 0 : (last - first + maxHeadwayMinutes - 1) / maxHeadwayMinutes;

    /// <summary>Departures per hour of <paramref name="intervals"/> + 1 departures spread evenly from first to last.</summary>
    private static Dictionary<int, int> EvenDeparturesByHour(int first, int last, int intervals)
    {
        var span = last - first;
        var byHour = new Dictionary<int, int>();
        for (var i = 0; i <= intervals; i++)
        {
            var minute = intervals == 0 ? first : first + (int)Math.Round((double)span * i / intervals, MidpointRounding.AwayFromZero);
            byHour[minute / 60] = byHour.GetValueOrDefault(minute / 60) + 1;
        }

        return byHour;
    }

    private static int IndexOfMax(int[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
