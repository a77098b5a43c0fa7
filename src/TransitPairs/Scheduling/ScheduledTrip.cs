using TransitPairs.Time;

namespace TransitPairs.Scheduling;

/// <summary>
/// One timetabled trip as vehicle scheduling sees it (GTFS <c>trips.txt</c> + first and last
/// <c>stop_times</c>): it leaves <see cref="FromStop"/> at <see cref="Departure"/> and reaches
/// <see cref="ToStop"/> at <see cref="Arrival"/>, no earlier than it left (see <see cref="TimesAreOrdered"/>).
/// </summary>
public sealed record ScheduledTrip
{
    public ScheduledTrip(string tripId, string fromStop, ServiceTime departure, string toStop, ServiceTime arrival)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tripId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fromStop);
        ArgumentException.ThrowIfNullOrWhiteSpace(toStop);
        if (!TimesAreOrdered(departure, arrival))
        {
            throw new ArgumentOutOfRangeException(nameof(arrival), arrival, $"Trip {tripId} must not arrive before it departs ({departure}).");
        }

        TripId = tripId;
        FromStop = fromStop;
        Departure = departure;
        ToStop = toStop;
        Arrival = arrival;
    }

    /// <summary>
    /// The one timing rule of a trip, for every reader that builds one: it arrives no earlier than it
    /// departs. Equal times are allowed: real GTFS feeds carry trips recorded with no running time, and
    /// a vehicle can still run them (it is busy for that instant).
    /// </summary>
    public static bool TimesAreOrdered(ServiceTime departure, ServiceTime arrival) => arrival >= departure;

    /// <summary>The trip's id (GTFS <c>trip_id</c>); unique within a day.</summary>
    public string TripId { get; }

    /// <summary>Stop id where the trip starts.</summary>
    public string FromStop { get; }

    /// <summary>Departure from <see cref="FromStop"/>.</summary>
    public ServiceTime Departure { get; }

    /// <summary>Stop id where the trip ends.</summary>
    public string ToStop { get; }

    /// <summary>Arrival at <see cref="ToStop"/> (after <see cref="Departure"/>).</summary>
    public ServiceTime Arrival { get; }

    /// <summary><c>T1 A 06:00 → B 07:05</c>.</summary>
    public override string ToString() => $"{TripId} {FromStop} {Departure} → {ToStop} {Arrival}";
}

/// <summary>
/// An empty run (deadhead) between two stops: its driving time in whole seconds (≥ 0) and its road
/// distance in metres (≥ 0).
/// </summary>
public readonly record struct Deadhead
{
    public Deadhead(string fromStop, string toStop, int durationSeconds, int distanceMetres)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromStop);
        ArgumentException.ThrowIfNullOrWhiteSpace(toStop);
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(distanceMetres);
        FromStop = fromStop;
        ToStop = toStop;
        DurationSeconds = durationSeconds;
        DistanceMetres = distanceMetres;
    }

    public string FromStop { get; }

    public string ToStop { get; }

    /// <summary>Driving time, seconds, ≥ 0.</summary>
    public int DurationSeconds { get; }

    /// <summary>Road distance, metres, ≥ 0.</summary>
    public int DistanceMetres { get; }
}

/// <summary>
/// The empty runs a vehicle may make, one per ordered pair of stops. A vehicle may always stay
/// where it is (0 s, 0 m); between two different stops it may only move along a listed run. An
/// empty table means vehicles only continue from the stop where they are.
/// </summary>
public sealed class DeadheadTable
{
    private readonly Dictionary<(string From, string To), Deadhead> runs;

    public DeadheadTable(IEnumerable<Deadhead> deadheads)
    {
        ArgumentNullException.ThrowIfNull(deadheads);
        runs = new Dictionary<(string, string), Deadhead>();
        foreach (var run in deadheads)
        {
            if (!runs.TryAdd((run.FromStop, run.ToStop), run))
            {
                throw new ArgumentException($"The empty run {run.FromStop} → {run.ToStop} is listed twice.", nameof(deadheads));
            }
        }

        Runs = [.. runs.Values];
    }

    /// <summary>A table with no empty runs: vehicles only continue where they are.</summary>
    public static DeadheadTable None { get; } = new([]);

    /// <summary>The listed runs, in the order given.</summary>
    public System.Collections.Immutable.ImmutableArray<Deadhead> Runs { get; }

    /// <summary>
    /// The run from <paramref name="fromStop"/> to <paramref name="toStop"/>: staying at one stop is
    /// always possible (0 s, 0 m) unless the table lists a different cost for it.
    /// </summary>
    public bool TryGet(string fromStop, string toStop, out Deadhead deadhead)
    {
        if (runs.TryGetValue((fromStop, toStop), out deadhead))
        {
            return true;
        }

        if (string.Equals(fromStop, toStop, StringComparison.Ordinal))
        {
            deadhead = new Deadhead(fromStop, toStop, 0, 0);
            return true;
        }

        return false;
    }
}

/// <summary>A depot: where vehicles park overnight, at a stop, with at most <see cref="VehicleLimit"/> vehicles (null = no limit).</summary>
public sealed record VehicleDepot
{
    public VehicleDepot(string depotId, string stop, int? vehicleLimit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(depotId);
        ArgumentException.ThrowIfNullOrWhiteSpace(stop);
        if (vehicleLimit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vehicleLimit), vehicleLimit, "A depot holds zero or more vehicles.");
        }

        DepotId = depotId;
        Stop = stop;
        VehicleLimit = vehicleLimit;
    }

    public string DepotId { get; }

    /// <summary>The stop id where vehicles pull out and pull in (empty runs to and from it use the deadhead table).</summary>
    public string Stop { get; }

    /// <summary>Most vehicles based here; null = no limit.</summary>
    public int? VehicleLimit { get; }
}
