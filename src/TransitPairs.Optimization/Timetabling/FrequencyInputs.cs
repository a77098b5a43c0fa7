using System.Collections.Immutable;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>Passengers on each segment of a pattern during one clock hour.</summary>
/// <param name="Hour">Hour of the service day of the departure at the first terminal (0–47).</param>
/// <param name="SegmentPassengers">Passengers on board per segment, in stop order; one entry for a
/// non-stop pattern (then it is simply the load at the max-load point).</param>
public sealed record PatternHourLoad(int Hour, ImmutableArray<int> SegmentPassengers)
{
    /// <summary>P_m: the load at the hour's max-load point (largest segment load), passengers.</summary>
    public int MaxLoadPassengers => SegmentPassengers.IsDefaultOrEmpty ? 0 : SegmentPassengers.Max();
}

/// <summary>
/// The demand one pattern of one direction must carry, hour by hour, with the vehicle figures
/// Ceder's formulas need.
/// </summary>
public sealed record PatternDemand
{
    /// <param name="patternId">Pattern name (unique inside the direction).</param>
    /// <param name="capacity">c: passengers a bus may carry on this pattern (seats only on seated-only patterns).</param>
    /// <param name="desiredOccupancy">d₀: passengers per bus the policy aims for, 1 to <paramref name="capacity"/>.</param>
    /// <param name="segmentLengthsMetres">Length of each segment in metres, in stop order (at least one).</param>
    /// <param name="hours">Loads by hour; an hour not listed has no demand. Each lists one load per segment.</param>
    public PatternDemand(string patternId, int capacity, int desiredOccupancy, ImmutableArray<int> segmentLengthsMetres, ImmutableArray<PatternHourLoad> hours)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patternId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (desiredOccupancy < 1 || desiredOccupancy > capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(desiredOccupancy), desiredOccupancy, $"The desired occupancy lies between 1 and the capacity ({capacity}).");
        }

        if (segmentLengthsMetres.IsDefaultOrEmpty || segmentLengthsMetres.Any(m => m <= 0))
        {
            throw new ArgumentException("A pattern has at least one segment and every segment a positive length.", nameof(segmentLengthsMetres));
        }

        hours = hours.IsDefault ? [] : hours;
        foreach (var hour in hours)
        {
            if (hour.SegmentPassengers.IsDefault || hour.SegmentPassengers.Length != segmentLengthsMetres.Length || hour.SegmentPassengers.Any(p => p < 0))
            {
                throw new ArgumentException($"Hour {hour.Hour}: one load of 0 or more per segment ({segmentLengthsMetres.Length}).", nameof(hours));
            }
        }

        if (hours.Select(h => h.Hour).Distinct().Count() != hours.Length)
        {
            throw new ArgumentException("Each hour is listed at most once.", nameof(hours));
        }

        PatternId = patternId;
        Capacity = capacity;
        DesiredOccupancy = desiredOccupancy;
        SegmentLengthsMetres = segmentLengthsMetres;
        Hours = hours;
    }

    public string PatternId { get; }

    /// <summary>c, passengers per bus.</summary>
    public int Capacity { get; }

    /// <summary>d₀, passengers per bus.</summary>
    public int DesiredOccupancy { get; }

    /// <summary>Segment lengths in metres, in stop order.</summary>
    public ImmutableArray<int> SegmentLengthsMetres { get; }

    public ImmutableArray<PatternHourLoad> Hours { get; }

    /// <summary>True when the load-profile method applies (more than one segment).</summary>
    public bool HasLoadProfile => SegmentLengthsMetres.Length > 1;

    /// <summary>The loads of <paramref name="hour"/>, or null when that hour has no demand.</summary>
    public PatternHourLoad? LoadAt(int hour)
    {
        foreach (var h in Hours)
        {
            if (h.Hour == hour)
            {
                return h;
            }
        }

        return null;
    }

    /// <summary>P_m of <paramref name="hour"/> (0 when not listed).</summary>
    public int MaxLoadAt(int hour) => LoadAt(hour)?.MaxLoadPassengers ?? 0;
}

/// <summary>
/// One direction of a corridor: its service span at the first terminal, headway bounds, patterns
/// with their demand, and optionally the most departures per hour the fleet can run.
/// </summary>
public sealed record DirectionDemand
{
    /// <param name="directionId">Direction name, e.g. <c>outbound</c>.</param>
    /// <param name="firstDepartureMinute">First departure at the first terminal, minutes of the service day.</param>
    /// <param name="lastDepartureMinute">Last departure, minutes, at least the first; below 48 h.</param>
    /// <param name="headways">Headway bounds of the direction.</param>
    /// <param name="patterns">Patterns of the direction (at least one).</param>
    /// <param name="fleetDeparturesPerHour">Most departures per hour the fleet allows
    /// (fleet × 60 / cycle minutes, rounded down), or null for no limit.</param>
    /// <param name="fixedDepartures">A fixed number of departures for the day (today's reported
    /// service) instead of sizing from demand, or null. At least 1; 1 only when first = last.</param>
    public DirectionDemand(string directionId, int firstDepartureMinute, int lastDepartureMinute, HeadwayBounds headways, ImmutableArray<PatternDemand> patterns, int? fleetDeparturesPerHour = null, int? fixedDepartures = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directionId);
        ArgumentNullException.ThrowIfNull(headways);
        if (firstDepartureMinute < 0 || firstDepartureMinute >= 48 * 60)
        {
            throw new ArgumentOutOfRangeException(nameof(firstDepartureMinute), firstDepartureMinute, "The first departure lies between 00:00 and 47:59.");
        }

        if (lastDepartureMinute < firstDepartureMinute || lastDepartureMinute >= 48 * 60)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDepartureMinute), lastDepartureMinute, "The last departure is not before the first and before 48:00.");
        }

        if (patterns.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A direction has at least one pattern.", nameof(patterns));
        }

        if (patterns.Select(p => p.PatternId).Distinct(StringComparer.Ordinal).Count() != patterns.Length)
        {
            throw new ArgumentException("Pattern names are unique inside a direction.", nameof(patterns));
        }

        if (fleetDeparturesPerHour is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fleetDeparturesPerHour), fleetDeparturesPerHour, "The fleet allows at least one departure per hour.");
        }

        if (fixedDepartures is < 1 || (fixedDepartures == 1 && lastDepartureMinute != firstDepartureMinute) || (fixedDepartures > 1 && lastDepartureMinute == firstDepartureMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(fixedDepartures), fixedDepartures, "A fixed day has one departure when first = last, else two or more.");
        }

        DirectionId = directionId;
        FixedDepartures = fixedDepartures;
        FirstDepartureMinute = firstDepartureMinute;
        LastDepartureMinute = lastDepartureMinute;
        Headways = headways;
        Patterns = patterns;
        FleetDeparturesPerHour = fleetDeparturesPerHour;
    }

    public string DirectionId { get; }

    public int FirstDepartureMinute { get; }

    public int LastDepartureMinute { get; }

    public HeadwayBounds Headways { get; }

    public ImmutableArray<PatternDemand> Patterns { get; }

    public int? FleetDeparturesPerHour { get; }

    /// <summary>Departures of the day when fixed by policy (today's service), else null.</summary>
    public int? FixedDepartures { get; }

    /// <summary>Demand at the max-load point of the direction in <paramref name="hour"/>: Σ P_m over its patterns.</summary>
    public int MaxLoadAt(int hour) => Patterns.Sum(p => p.MaxLoadAt(hour));
}
