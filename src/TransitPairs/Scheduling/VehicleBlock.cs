using System.Collections.Immutable;
using TransitPairs.Time;

namespace TransitPairs.Scheduling;

/// <summary>What a vehicle does during one <see cref="BlockEvent"/>.</summary>
public enum BlockEventKind
{
    /// <summary>Empty run from the depot to the first trip's start (zero length when the depot is that stop).</summary>
    PullOut,

    /// <summary>A timetabled trip in service.</summary>
    Trip,

    /// <summary>An empty run between two trips.</summary>
    Deadhead,

    /// <summary>Waiting at a stop between two trips.</summary>
    Layover,

    /// <summary>Empty run from the last trip's end back to the depot.</summary>
    PullIn,

    /// <summary>Charging at a stop or depot (battery buses; the energy figures belong to that stage).</summary>
    Charge,
}

/// <summary>
/// One event of a vehicle's day, from <see cref="FromStop"/> at <see cref="Start"/> to
/// <see cref="ToStop"/> at <see cref="End"/> (Start ≤ End; the interval includes its start and
/// excludes its end). <see cref="TripId"/> is set only on trips.
/// </summary>
public sealed record BlockEvent
{
    public BlockEvent(BlockEventKind kind, string? tripId, string fromStop, string toStop, ServiceTime start, ServiceTime end, int distanceMetres)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromStop);
        ArgumentException.ThrowIfNullOrWhiteSpace(toStop);
        ArgumentOutOfRangeException.ThrowIfNegative(distanceMetres);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"An event ends at or after its start ({start}).");
        }

        if ((kind == BlockEventKind.Trip) != !string.IsNullOrEmpty(tripId))
        {
            throw new ArgumentException("A trip event names its trip; other events do not.", nameof(tripId));
        }

        Kind = kind;
        TripId = tripId;
        FromStop = fromStop;
        ToStop = toStop;
        Start = start;
        End = end;
        DistanceMetres = distanceMetres;
    }

    public BlockEventKind Kind { get; }

    public string? TripId { get; }

    public string FromStop { get; }

    public string ToStop { get; }

    public ServiceTime Start { get; }

    public ServiceTime End { get; }

    /// <summary>Distance driven, metres (0 for layovers; trips report 0 unless the source gives one).</summary>
    public int DistanceMetres { get; }

    /// <summary>
    /// Battery buses only: energy of the event in watt-hours, positive when driving uses it, negative
    /// when a charge event puts it into the pack; null for diesel buses and schedules without energy.
    /// </summary>
    public long? EnergyWh { get; init; }

    /// <summary>Battery buses only: state of charge at the start of the event, watt-hours (null otherwise).</summary>
    public long? SocStartWh { get; init; }

    /// <summary>Battery buses only: state of charge at the end of the event, watt-hours (null otherwise).</summary>
    public long? SocEndWh { get; init; }

    /// <summary>Charge events only: the id of the charger site used (null otherwise).</summary>
    public string? ChargerSite { get; init; }
}

/// <summary>
/// A vehicle's day (a GTFS block): pull-out, trips with the empty runs and layovers between
/// them, pull-in. Events are in time order, each starting where and when the previous one ended.
/// </summary>
public sealed record VehicleBlock
{
    public VehicleBlock(string vehicleId, string? depotId, ImmutableArray<BlockEvent> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vehicleId);
        if (events.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A block has at least one event.", nameof(events));
        }

        VehicleId = vehicleId;
        DepotId = depotId;
        Events = events;
    }

    public string VehicleId { get; }

    /// <summary>The depot the vehicle leaves from and returns to; null when the day has no depots.</summary>
    public string? DepotId { get; }

    public ImmutableArray<BlockEvent> Events { get; }

    /// <summary>The vehicle type running the block when the scheduler chose one (mixed fleets, battery buses); null otherwise.</summary>
    public string? VehicleTypeId { get; init; }

    /// <summary>The trip ids in service order.</summary>
    public IEnumerable<string> TripIds => Events.Where(e => e.Kind == BlockEventKind.Trip).Select(e => e.TripId!);
}

/// <summary>The blocks of one service day.</summary>
public sealed record VehicleSchedule(ImmutableArray<VehicleBlock> Blocks)
{
    /// <summary>Vehicles used (one per block).</summary>
    public int Vehicles => Blocks.Length;
}
