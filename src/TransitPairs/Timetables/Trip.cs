using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Timetables;

/// <summary>A trip's call at a stop (GTFS stop_time): arrival and departure, departure not before arrival.</summary>
public readonly record struct StopTime
{
    public StopTime(string stop, ServiceTime arrival, ServiceTime departure)
    {
        Stop = Check.Id(stop, nameof(stop));
        if (departure < arrival)
        {
            throw new InvalidValueException(nameof(departure), $"At '{stop}' the departure {departure} is before the arrival {arrival}.",
                "Make the departure the same as or later than the arrival.");
        }

        Arrival = arrival;
        Departure = departure;
    }

    public string Stop { get; }

    public ServiceTime Arrival { get; }

    public ServiceTime Departure { get; }
}

/// <summary>One scheduled run of a pattern in one direction (GTFS trip with its stop_times).</summary>
public sealed record Trip
{
    public Trip(string id, string corridor, string pattern, Direction direction, IEnumerable<StopTime> stopTimes)
    {
        Id = Check.Id(id, nameof(id));
        Corridor = Check.Id(corridor, nameof(corridor));
        Pattern = Check.Id(pattern, nameof(pattern));
        Direction = Check.Defined(direction, nameof(direction));
        StopTimes = Check.Values(stopTimes, nameof(stopTimes));
        if (StopTimes.Length < 2)
        {
            throw new InvalidValueException(nameof(stopTimes), $"Trip '{id}' has {StopTimes.Length} stop time(s); a trip needs at least 2.", "Give the stop times from origin to destination.");
        }

        for (var i = 1; i < StopTimes.Length; i++)
        {
            if (StopTimes[i].Arrival < StopTimes[i - 1].Departure)
            {
                throw new InvalidValueException(nameof(stopTimes),
                    $"Trip '{id}' arrives at '{StopTimes[i].Stop}' at {StopTimes[i].Arrival}, before it leaves '{StopTimes[i - 1].Stop}' at {StopTimes[i - 1].Departure}.",
                    "Order the stop times so that times never go back.");
            }
        }

        if (StopTimes[^1].Arrival <= StopTimes[0].Departure)
        {
            throw new InvalidValueException(nameof(stopTimes), $"Trip '{id}' arrives at {StopTimes[^1].Arrival}, not after it departs at {StopTimes[0].Departure}.",
                "Give a running time above zero.");
        }
    }

    public string Id { get; }

    public string Corridor { get; }

    public string Pattern { get; }

    public Direction Direction { get; }

    /// <summary>Calls in travel order.</summary>
    public ImmutableArray<StopTime> StopTimes { get; }

    /// <summary>Stop where the trip starts.</summary>
    public string Origin => StopTimes[0].Stop;

    /// <summary>Stop where the trip ends.</summary>
    public string Destination => StopTimes[^1].Stop;

    /// <summary>Departure from the first stop.</summary>
    public ServiceTime Departure => StopTimes[0].Departure;

    /// <summary>Arrival at the last stop.</summary>
    public ServiceTime Arrival => StopTimes[^1].Arrival;

    /// <summary>Arrival minus departure.</summary>
    public Duration Duration => Duration.FromSeconds(Arrival.TotalSeconds - Departure.TotalSeconds);

    /// <summary><c>T1 siping-terminal 06:00 → liaoyuan-terminal 07:25</c>.</summary>
    public override string ToString() => $"{Id} {Origin} {Departure} → {Destination} {Arrival}";
}

/// <summary>The trips of one service day, sorted by departure then id; trip ids unique.</summary>
public sealed record Timetable
{
    public Timetable(LocalDate serviceDate, IEnumerable<Trip> trips)
    {
        ServiceDate = serviceDate;
        Trips = Check.Items(trips, nameof(trips))
            .OrderBy(t => t.Departure).ThenBy(t => t.Id, StringComparer.Ordinal).ToImmutableArray();
        Check.UniqueIds(Trips, t => t.Id, nameof(trips));
    }

    public LocalDate ServiceDate { get; }

    public ImmutableArray<Trip> Trips { get; }

    /// <summary>Trips of <paramref name="corridorId"/> in <paramref name="direction"/>, by departure.</summary>
    public IEnumerable<Trip> In(string corridorId, Direction direction) =>
        Trips.Where(t => t.Corridor == corridorId && t.Direction == direction);
}
