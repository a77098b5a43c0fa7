using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Time;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// A GTFS feed held in memory: the tables TransitPairs reads and writes (GTFS Schedule reference,
/// gtfs.org/schedule/reference). Optional tables are empty when the feed has none; columns this
/// model does not carry are ignored when reading.
/// </summary>
public sealed record GtfsFeed(
    ImmutableArray<GtfsAgency> Agencies,
    ImmutableArray<GtfsStop> Stops,
    ImmutableArray<GtfsRoute> Routes,
    ImmutableArray<GtfsTrip> Trips,
    ImmutableArray<GtfsStopTime> StopTimes,
    ImmutableArray<GtfsCalendar> Calendars,
    ImmutableArray<GtfsCalendarDate> CalendarDates,
    ImmutableArray<GtfsFrequency> Frequencies,
    GtfsFeedInfo? FeedInfo)
{
    /// <summary>The service ids active on <paramref name="date"/> (calendar.txt, then calendar_dates.txt exceptions).</summary>
    public ImmutableHashSet<string> ServicesActiveOn(LocalDate date) =>
        GtfsServiceCalendar.ActiveServices(Calendars, CalendarDates, date);

    /// <summary>The feed with each trip's block_id replaced by its vehicle in <paramref name="blockOfTrip"/> (trip id → block id; others keep theirs).</summary>
    public GtfsFeed WithBlocks(IReadOnlyDictionary<string, string> blockOfTrip)
    {
        ArgumentNullException.ThrowIfNull(blockOfTrip);
        return this with { Trips = [.. Trips.Select(t => blockOfTrip.TryGetValue(t.Id, out var block) ? t with { BlockId = block } : t)] };
    }
}

/// <summary>agency.txt: who runs the service. <see cref="Timezone"/> is a TZDB name such as <c>Asia/Shanghai</c>.</summary>
public sealed record GtfsAgency(string? Id, string Name, string Url, string Timezone, string? Language = null, string? Phone = null);

/// <summary>
/// stops.txt: a stop or station, WGS84 degrees (latitude −90..90, longitude −180..180).
/// Coordinates are absent only for generic nodes and boarding areas (location_type 3, 4).
/// </summary>
public sealed record GtfsStop(
    string Id,
    string Name,
    double? Latitude,
    double? Longitude,
    string? Code = null,
    int LocationType = 0,
    string? ParentStation = null,
    string? Description = null);

/// <summary>routes.txt: a line; <see cref="Type"/> is the GTFS route_type (3 = bus, 2 = rail, …).</summary>
public sealed record GtfsRoute(
    string Id,
    string? AgencyId,
    string? ShortName,
    string? LongName,
    int Type,
    string? Color = null,
    string? TextColor = null);

/// <summary>
/// trips.txt: one run of a vehicle along a route. <see cref="BlockId"/> groups the trips one vehicle
/// runs in sequence (GTFS block_id); null when the feed does not say.
/// </summary>
public sealed record GtfsTrip(
    string Id,
    string RouteId,
    string ServiceId,
    string? BlockId = null,
    string? Headsign = null,
    int? DirectionId = null,
    string? ShapeId = null);

/// <summary>
/// stop_times.txt: a trip's call at a stop. Times may pass 24:00; they are absent on untimed
/// intermediate stops (GTFS allows this; consumers interpolate), never at the first or last call.
/// </summary>
public readonly record struct GtfsStopTime(
    string TripId,
    int Sequence,
    string StopId,
    ServiceTime? Arrival,
    ServiceTime? Departure);

/// <summary>Days of the week a calendar.txt row runs on.</summary>
[Flags]
public enum GtfsWeekdays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
}

/// <summary>calendar.txt: a service running on <see cref="Days"/> from <see cref="Start"/> to <see cref="End"/> (both included).</summary>
public sealed record GtfsCalendar(string ServiceId, GtfsWeekdays Days, LocalDate Start, LocalDate End)
{
    /// <summary>True when the row itself makes the service run on <paramref name="date"/> (exceptions not applied).</summary>
    public bool RunsOn(LocalDate date) =>
        date >= Start && date <= End && (Days & GtfsServiceCalendar.ToWeekdays(date.DayOfWeek)) != GtfsWeekdays.None;
}

/// <summary>calendar_dates.txt exception_type: 1 adds the date to the service, 2 removes it.</summary>
public enum GtfsException
{
    Added = 1,
    Removed = 2,
}

/// <summary>calendar_dates.txt: one date added to or removed from a service.</summary>
public sealed record GtfsCalendarDate(string ServiceId, LocalDate Date, GtfsException Exception);

/// <summary>
/// frequencies.txt: the trip's pattern repeats every <see cref="HeadwaySeconds"/> from
/// <see cref="Start"/> (included) to <see cref="End"/> (excluded), as GTFS defines it.
/// </summary>
public sealed record GtfsFrequency(string TripId, ServiceTime Start, ServiceTime End, int HeadwaySeconds, bool ExactTimes);

/// <summary>feed_info.txt: who published the feed, its language and the dates it covers.</summary>
public sealed record GtfsFeedInfo(
    string PublisherName,
    string PublisherUrl,
    string Language,
    LocalDate? StartDate = null,
    LocalDate? EndDate = null,
    string? Version = null);
