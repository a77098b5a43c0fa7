using System.Collections.Immutable;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>
/// When a pattern reaches one of its stops, in whole minutes after its departure from the first
/// stop (so the first stop has arrival 0 and a departure equal to its dwell, usually 0).
/// </summary>
public readonly record struct StopOffset(string StopId, int ArrivalMinutes, int DepartureMinutes);

/// <summary>Stop offsets that apply to departures from <see cref="FromHour"/> on (a time band).</summary>
/// <param name="FromHour">First hour of the service day (departure at the first stop) the offsets apply to.</param>
/// <param name="Stops">Offsets of every stop in order; arrival ≤ departure ≤ next arrival.</param>
public sealed record PatternRunTimes(int FromHour, ImmutableArray<StopOffset> Stops);

/// <summary>
/// A pattern as the timetable needs it: its stops with run times by time band. Band
/// <c>FromHour</c>s are increasing; the first band also covers earlier hours.
/// </summary>
public sealed record PatternService
{
    public PatternService(string patternId, ImmutableArray<PatternRunTimes> runTimes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patternId);
        if (runTimes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A pattern has run times for at least one band.", nameof(runTimes));
        }

        for (var i = 0; i < runTimes.Length; i++)
        {
            var stops = runTimes[i].Stops;
            if (stops.IsDefault || stops.Length < 2)
            {
                throw new ArgumentException($"Band {i}: a pattern calls at two stops or more.", nameof(runTimes));
            }

            if (i > 0 && runTimes[i].FromHour <= runTimes[i - 1].FromHour)
            {
                throw new ArgumentException("Bands are listed by increasing first hour.", nameof(runTimes));
            }

            var previous = -1;
            foreach (var stop in stops)
            {
                if (stop.ArrivalMinutes < previous || stop.DepartureMinutes < stop.ArrivalMinutes)
                {
                    throw new ArgumentException($"Band {i}, stop {stop.StopId}: offsets never go back in time.", nameof(runTimes));
                }

                previous = stop.DepartureMinutes;
            }

            if (stops[0].ArrivalMinutes != 0)
            {
                throw new ArgumentException($"Band {i}: the first stop has arrival offset 0.", nameof(runTimes));
            }
        }

        PatternId = patternId;
        RunTimes = runTimes;
    }

    public string PatternId { get; }

    public ImmutableArray<PatternRunTimes> RunTimes { get; }

    /// <summary>The offsets of a departure that leaves the first stop in <paramref name="hour"/>.</summary>
    public ImmutableArray<StopOffset> StopsAt(int hour)
    {
        var chosen = RunTimes[0];
        foreach (var band in RunTimes)
        {
            if (band.FromHour <= hour)
            {
                chosen = band;
            }
        }

        return chosen.Stops;
    }
}

/// <summary>
/// A pattern that may run any departure in place of the planned one, at a cost: e.g. a rail-link
/// variant that calls at the stations, chosen where it meets a train.
/// </summary>
/// <param name="PatternId">A pattern of the direction (listed in its demand, usually with no demand of its own).</param>
/// <param name="PenaltySeconds">Cost of one departure run this way, in seconds of headway deviation (0 or more).</param>
public sealed record PatternSubstitute(string PatternId, int PenaltySeconds);

/// <summary>A direction to timetable: its frequency plan, the patterns it may run, and substitutes.</summary>
public sealed record DirectionTimetableInput
{
    public DirectionTimetableInput(DirectionFrequencyPlan plan, ImmutableArray<PatternService> patterns, ImmutableArray<PatternSubstitute> substitutes = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (patterns.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A direction runs at least one pattern.", nameof(patterns));
        }

        foreach (var demand in plan.Direction.Patterns)
        {
            if (!patterns.Any(p => p.PatternId == demand.PatternId))
            {
                throw new ArgumentException($"Pattern {demand.PatternId} has demand but no run times.", nameof(patterns));
            }
        }

        substitutes = substitutes.IsDefault ? [] : substitutes;
        foreach (var substitute in substitutes)
        {
            if (plan.Direction.Patterns.All(p => p.PatternId != substitute.PatternId) || substitute.PenaltySeconds < 0)
            {
                throw new ArgumentException($"Substitute {substitute.PatternId} is listed in the direction's demand and costs 0 or more.", nameof(substitutes));
            }
        }

        Plan = plan;
        Patterns = patterns;
        Substitutes = substitutes;
    }

    public DirectionFrequencyPlan Plan { get; }

    public ImmutableArray<PatternService> Patterns { get; }

    /// <summary>Patterns that may replace the planned pattern of any departure.</summary>
    public ImmutableArray<PatternSubstitute> Substitutes { get; }

    public string DirectionId => Plan.Direction.DirectionId;

    public PatternService Pattern(string patternId) => Patterns.First(p => p.PatternId == patternId);
}

/// <summary>Whether a rail event brings passengers to the bus or takes them from it.</summary>
public enum TransferEventKind
{
    /// <summary>A train arrives: its passengers board a bus that leaves the stop within the window.</summary>
    TrainArrival,

    /// <summary>A train departs: bus passengers need to arrive at the stop within the window before it.</summary>
    TrainDeparture,
}

/// <summary>
/// A fixed external event at a stop (a train at a station) that buses may meet.
/// </summary>
/// <param name="EventId">Name, e.g. <c>G8125 arr Tonghua</c>.</param>
/// <param name="StopId">The stop where passengers change.</param>
/// <param name="Kind">Train arrival or departure.</param>
/// <param name="Minute">Train time, minutes of the service day.</param>
/// <param name="MinTransferMinutes">Shortest usable change time (walk, ticket check), minutes, 0 or more.</param>
/// <param name="MaxTransferMinutes">Longest acceptable wait, minutes, at least the minimum.</param>
/// <param name="Passengers">Passengers expected to change (the event's weight), 0 or more.</param>
public sealed record TransferEvent(string EventId, string StopId, TransferEventKind Kind, int Minute, int MinTransferMinutes, int MaxTransferMinutes, int Passengers)
{
    /// <summary>
    /// The minutes (both ends included) in which the bus must leave (train arrival) or reach
    /// (train departure) the stop for the transfer to work.
    /// </summary>
    public (int From, int To) BusWindow => Kind == TransferEventKind.TrainArrival
        ? (Minute + MinTransferMinutes, Minute + MaxTransferMinutes)
        : (Minute - MaxTransferMinutes, Minute - MinTransferMinutes);

    /// <summary>True when a bus calling at the stop (arriving and leaving at these minutes) makes the connection.</summary>
    public bool IsMetBy(int busArrivalMinute, int busDepartureMinute)
    {
        var (from, to) = BusWindow;
        var busMinute = Kind == TransferEventKind.TrainArrival ? busDepartureMinute : busArrivalMinute;
        return busMinute >= from && busMinute <= to;
    }

    /// <summary>Validates the figures, naming the offending one.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(EventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(StopId);
        ArgumentOutOfRangeException.ThrowIfNegative(Minute);
        ArgumentOutOfRangeException.ThrowIfNegative(MinTransferMinutes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTransferMinutes, MinTransferMinutes);
        ArgumentOutOfRangeException.ThrowIfNegative(Passengers);
    }
}

/// <summary>Ceder's two timetable types.</summary>
public enum TimetableObjective
{
    /// <summary>Even headways: each headway as close as possible to the hour's ideal 60 / F.</summary>
    EvenHeadway,

    /// <summary>Even load at the max-load point: each bus picks up about the same number of passengers.</summary>
    EvenLoad,
}

/// <summary>
/// How the timetable trades regularity against other wishes. All weights are in "seconds of
/// headway deviation" so that they compare with the even-headway term.
/// </summary>
/// <param name="Objective">Ceder's timetable type.</param>
/// <param name="ClockFace">Prefer departures at the same minutes every hour and on multiples of <paramref name="ClockFaceStepMinutes"/>.</param>
/// <param name="ClockFaceStepMinutes">Minute step of clock-face times (1–30), e.g. 5 for :00, :05, …</param>
/// <param name="TransferSecondsPerPassenger">Headway deviation (seconds) that one transferring
/// passenger whose connection is met is worth; 0 ignores rail events.</param>
/// <param name="ClockFacePenaltySeconds">Cost of one departure off the clock face, in seconds of headway deviation.</param>
public sealed record TimetablePreferences(
    TimetableObjective Objective = TimetableObjective.EvenHeadway,
    bool ClockFace = false,
    int ClockFaceStepMinutes = 5,
    int TransferSecondsPerPassenger = 120,
    int ClockFacePenaltySeconds = 120)
{
    /// <summary>Validates the figures, naming the offending one.</summary>
    public void Validate()
    {
        if (ClockFaceStepMinutes is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(ClockFaceStepMinutes), ClockFaceStepMinutes, "The clock-face step lies between 1 and 30 minutes.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TransferSecondsPerPassenger);
        ArgumentOutOfRangeException.ThrowIfNegative(ClockFacePenaltySeconds);
    }
}

/// <summary>Everything the departure-time model needs.</summary>
public sealed record TimetableProblem
{
    public TimetableProblem(ImmutableArray<DirectionTimetableInput> directions, ImmutableArray<TransferEvent> railEvents, TimetablePreferences preferences)
    {
        if (directions.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A timetable has at least one direction.", nameof(directions));
        }

        if (directions.Select(d => d.DirectionId).Distinct(StringComparer.Ordinal).Count() != directions.Length)
        {
            throw new ArgumentException("Direction names are unique.", nameof(directions));
        }

        ArgumentNullException.ThrowIfNull(preferences);
        preferences.Validate();
        railEvents = railEvents.IsDefault ? [] : railEvents;
        foreach (var e in railEvents)
        {
            e.Validate();
        }

        Directions = directions;
        RailEvents = railEvents;
        Preferences = preferences;
    }

    public ImmutableArray<DirectionTimetableInput> Directions { get; }

    public ImmutableArray<TransferEvent> RailEvents { get; }

    public TimetablePreferences Preferences { get; }
}

/// <summary>A call of a timetabled trip at a stop, minutes of the service day.</summary>
public readonly record struct StopCall(string StopId, int ArrivalMinute, int DepartureMinute);

/// <summary>One departure of the timetable with its stop times.</summary>
/// <param name="TripId">Stable id: direction and sequence, e.g. <c>outbound-007</c>.</param>
/// <param name="DirectionId">Direction.</param>
/// <param name="Sequence">0-based position among the direction's departures.</param>
/// <param name="PatternId">Pattern run.</param>
/// <param name="Calls">Stop times in order.</param>
public sealed record TimetableTrip(string TripId, string DirectionId, int Sequence, string PatternId, ImmutableArray<StopCall> Calls)
{
    /// <summary>Departure from the first stop, minutes of the service day.</summary>
    public int DepartureMinute => Calls[0].DepartureMinute;

    /// <summary>Arrival at the last stop, minutes of the service day.</summary>
    public int ArrivalMinute => Calls[^1].ArrivalMinute;

    /// <summary>Builds the trip's stop times from a departure minute and the pattern's offsets.</summary>
    public static TimetableTrip FromOffsets(string tripId, string directionId, int sequence, string patternId, int departureMinute, ImmutableArray<StopOffset> offsets) =>
        new(tripId, directionId, sequence, patternId,
            offsets.Select(o => new StopCall(o.StopId, departureMinute + o.ArrivalMinutes, departureMinute + o.DepartureMinutes)).ToImmutableArray());
}

/// <summary>A solved timetable (the solver's status, objective, bound and gap are in its <c>SolveOutcome</c>).</summary>
/// <param name="Trips">Trips by direction, then departure.</param>
/// <param name="TransferPassengersRewarded">Transferring passengers the model counted as met.</param>
public sealed record TimetableSolution(ImmutableArray<TimetableTrip> Trips, int TransferPassengersRewarded);
