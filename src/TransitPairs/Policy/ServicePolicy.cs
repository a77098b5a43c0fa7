using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Duties;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Policy;

/// <summary>First and last departure of a direction from its origin terminal, both included.</summary>
public readonly record struct ServiceSpan
{
    public ServiceSpan(ServiceTime firstDeparture, ServiceTime lastDeparture)
    {
        if (lastDeparture < firstDeparture)
        {
            throw new InvalidValueException(nameof(lastDeparture), $"The last departure {lastDeparture} is before the first departure {firstDeparture}.",
                "Make 'lastDeparture' the same as or later than 'firstDeparture' (times may pass 24:00).");
        }

        FirstDeparture = firstDeparture;
        LastDeparture = lastDeparture;
    }

    public ServiceTime FirstDeparture { get; }

    public ServiceTime LastDeparture { get; }

    /// <summary>Last minus first departure.</summary>
    public Duration Length => Duration.FromSeconds(LastDeparture.TotalSeconds - FirstDeparture.TotalSeconds);
}

/// <summary>
/// Driving-time rules for drivers of road passenger transport (DOMAIN.md, driver rules [S]):
/// continuous driving at most 4 h by day, then a rest of at least 20 minutes; at most 8 h of
/// driving in any 24 h.
/// </summary>
public sealed record DriverRules
{
    /// <summary>The rules as published: 4 h, 20 min, 8 h.</summary>
    public static DriverRules Standard { get; } = new(Duration.FromHours(4), Duration.FromMinutes(20), Duration.FromHours(8), enforced: true);

    public DriverRules(Duration maxContinuousDriving, Duration minRest, Duration maxDrivingPerDay, bool enforced)
    {
        MaxContinuousDriving = Check.Positive(maxContinuousDriving, nameof(maxContinuousDriving));
        MinRest = Check.NonNegative(minRest, nameof(minRest));
        MaxDrivingPerDay = Check.Positive(maxDrivingPerDay, nameof(maxDrivingPerDay));
        if (maxDrivingPerDay < maxContinuousDriving)
        {
            throw new InvalidValueException(nameof(maxDrivingPerDay), "The daily driving limit is below the continuous driving limit.",
                "Make 'maxDrivingPerDayMinutes' at least 'maxContinuousDrivingMinutes'.");
        }

        Enforced = enforced;
    }

    /// <summary>Longest driving without a rest (4 h by day).</summary>
    public Duration MaxContinuousDriving { get; }

    /// <summary>Shortest rest that resets continuous driving (20 min).</summary>
    public Duration MinRest { get; }

    /// <summary>Most driving in any 24 h (8 h).</summary>
    public Duration MaxDrivingPerDay { get; }

    /// <summary>True when plans build driver duties under these rules; false to plan vehicles only.</summary>
    public bool Enforced { get; }

    /// <summary>How duties are built beyond the driving-time rules (night limit, span, sign-on and sign-off, split duties, wage).</summary>
    public DutyRules Duties { get; init; } = DutyRules.Default;

    /// <summary>
    /// True when one driver may drive from <paramref name="start"/> to <paramref name="end"/> without a
    /// rest, as a stretch between two relief points (an empty run from a terminal to a depot, say):
    /// no longer than <see cref="MaxContinuousDriving"/>, at most <see cref="DutyRules.MaxContinuousNightDriving"/>
    /// of it inside the night, and short enough for a duty with sign-on and sign-off.
    /// </summary>
    public bool OneDriverMayDrive(ServiceTime start, ServiceTime end)
    {
        var seconds = end.TotalSeconds - start.TotalSeconds;
        return seconds <= MaxContinuousDriving.TotalSeconds
            && Duties.NightSeconds(start, end) <= Duties.MaxContinuousNightDriving.TotalSeconds
            && seconds + (Duties.SignOn + Duties.SignOff).TotalSeconds <= Duties.MaxSpan.TotalSeconds;
    }
}

/// <summary>Whether a reported "trip" (班次) is one departure in one direction or a round trip.</summary>
public enum TripCounting
{
    /// <summary>Each trip is one departure in one direction: 24 trips = 12 each way.</summary>
    OneWay,

    /// <summary>Each trip is a round trip: 24 trips = 24 each way.</summary>
    RoundTrip,
}

/// <summary>
/// A fixed number of trips a day as reported (e.g. "24 trips a day"): today's service, which the
/// timetable reproduces instead of sizing the frequency from demand.
/// </summary>
public readonly record struct TripTarget
{
    public TripTarget(int tripsPerDay, TripCounting counting)
    {
        TripsPerDay = Check.Positive(tripsPerDay, nameof(tripsPerDay));
        Counting = Check.Defined(counting, nameof(counting));
    }

    public int TripsPerDay { get; }

    public TripCounting Counting { get; }

    /// <summary>
    /// Departures in <paramref name="direction"/>: all trips each way when counted as round trips;
    /// half each way when one-way, the odd one going outbound.
    /// </summary>
    public int DeparturesIn(Direction direction) => Counting == TripCounting.RoundTrip
        ? TripsPerDay
        : direction == Direction.Outbound ? (TripsPerDay + 1) / 2 : TripsPerDay / 2;
}

/// <summary>
/// The operator's rules for the timetable and the blocks: span, headways, occupancy, clock-face
/// departures, layover, seated-only operation, driver rules, and optionally a fixed number of
/// trips (today's service).
/// </summary>
public sealed record ServicePolicy
{
    public ServicePolicy(
        ServiceSpan outboundSpan,
        ServiceSpan inboundSpan,
        Duration minHeadway,
        Duration maxHeadway,
        double desiredOccupancy,
        bool clockFace,
        Duration minLayover,
        ImmutableDictionary<string, bool> seatedOnly,
        DriverRules driverRules,
        TripTarget? tripTarget)
    {
        OutboundSpan = outboundSpan;
        InboundSpan = inboundSpan;
        MinHeadway = Check.Positive(minHeadway, nameof(minHeadway));
        MaxHeadway = Check.Positive(maxHeadway, nameof(maxHeadway));
        if (maxHeadway < minHeadway)
        {
            throw new InvalidValueException(nameof(maxHeadway), $"The maximum headway ({maxHeadway.TotalMinutes:0} min) is below the minimum headway ({minHeadway.TotalMinutes:0} min).",
                "Make 'maxHeadwayMinutes' at least 'minHeadwayMinutes'.");
        }

        DesiredOccupancy = Check.InRange(desiredOccupancy, 0.05, 1.5, nameof(desiredOccupancy));
        ClockFace = clockFace;
        MinLayover = Check.NonNegative(minLayover, nameof(minLayover));
        SeatedOnly = seatedOnly ?? throw new InvalidValueException(nameof(seatedOnly), "'seatedOnly' is missing.", "Give an object of pattern ids to true/false, or {}.");
        DriverRules = Check.NotNull(driverRules, nameof(driverRules));
        TripTarget = tripTarget;

        if (tripTarget is { } target)
        {
            foreach (var direction in Enum.GetValues<Direction>())
            {
                var span = Span(direction);
                var departures = target.DeparturesIn(direction);
                var name = direction == Direction.Outbound ? "outbound" : "inbound";
                if (departures > 1 && span.Length < minHeadway * (departures - 1))
                {
                    throw new InvalidValueException(nameof(tripTarget),
                        $"{departures} {name} departures at least {minHeadway.TotalMinutes:0} min apart do not fit in the span {span.FirstDeparture}–{span.LastDeparture}.",
                        "Lower 'minHeadwayMinutes', widen the span, or lower 'tripsPerDay'.");
                }

                if (span.Length > maxHeadway * Math.Max(1, departures - 1))
                {
                    throw new InvalidValueException(nameof(tripTarget),
                        $"{departures} {name} departures cannot cover the span {span.FirstDeparture}–{span.LastDeparture} with headways of at most {maxHeadway.TotalMinutes:0} min.",
                        "Raise 'maxHeadwayMinutes', narrow the span, or raise 'tripsPerDay'.");
                }
            }
        }
        else
        {
            foreach (var direction in Enum.GetValues<Direction>())
            {
                var span = Span(direction);
                if (span.Length > Duration.Zero && span.Length < minHeadway)
                {
                    throw new InvalidValueException(direction == Direction.Outbound ? nameof(outboundSpan) : nameof(inboundSpan),
                        $"The span {span.FirstDeparture}–{span.LastDeparture} is shorter than the minimum headway ({minHeadway.TotalMinutes:0} min).",
                        "Widen the span or lower 'minHeadwayMinutes'.");
                }
            }
        }
    }

    /// <summary>First/last departure outbound (from terminal A).</summary>
    public ServiceSpan OutboundSpan { get; }

    /// <summary>First/last departure inbound (from terminal B).</summary>
    public ServiceSpan InboundSpan { get; }

    /// <summary>Shortest time between consecutive departures in one direction.</summary>
    public Duration MinHeadway { get; }

    /// <summary>Longest time between consecutive departures in one direction (the policy headway).</summary>
    public Duration MaxHeadway { get; }

    /// <summary>Passengers per bus to plan for, as a fraction of capacity (0.05–1.5; 0.8 = 80 % of the seats when seated-only).</summary>
    public double DesiredOccupancy { get; }

    /// <summary>True to prefer departures at the same minutes every hour (clock-face).</summary>
    public bool ClockFace { get; }

    /// <summary>Shortest layover at a terminal between two trips of one bus.</summary>
    public Duration MinLayover { get; }

    /// <summary>Explicit seated-only settings per pattern id; patterns not listed follow <see cref="IsSeatedOnly"/>'s default.</summary>
    public ImmutableDictionary<string, bool> SeatedOnly { get; }

    public DriverRules DriverRules { get; }

    /// <summary>A fixed number of trips a day (today's service), or null to size the service from demand.</summary>
    public TripTarget? TripTarget { get; }

    public ServiceSpan Span(Direction direction) => direction == Direction.Outbound ? OutboundSpan : InboundSpan;

    /// <summary>
    /// True when <paramref name="pattern"/> carries seated passengers only: as set in
    /// <see cref="SeatedOnly"/>, else on for expressway patterns (DOMAIN.md, seated-only [E]).
    /// </summary>
    public bool IsSeatedOnly(Pattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return SeatedOnly.TryGetValue(pattern.Id, out var set) ? set : pattern.Expressway;
    }
}
