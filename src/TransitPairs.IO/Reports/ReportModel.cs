using System.Collections.Immutable;
using TransitPairs.Duties;

namespace TransitPairs.IO.Reports;

/// <summary>
/// What a plan report shows, already reduced to numbers and labels so that drawing does not need
/// to know the domain model (apart from the driver activity kinds, which it shares with duties.csv):
/// one mapper builds it from a plan, one writer draws it.
/// </summary>
/// <param name="Title">Heading, e.g. the scenario name and service date.</param>
/// <param name="Subtitle">One line under the heading (corridor, day type, season).</param>
/// <param name="Marey">The time-space diagram, one per corridor.</param>
/// <param name="Gantt">The vehicle blocks.</param>
/// <param name="Loads">The hourly load profile against capacity, per direction.</param>
/// <param name="Kpis">The KPI table rows.</param>
/// <param name="Notes">Free sentences under the KPI table (solver status, cost model, warnings).</param>
public sealed record PlanReport(
    string Title,
    string Subtitle,
    ImmutableArray<MareyDiagram> Marey,
    GanttChart Gantt,
    ImmutableArray<LoadProfile> Loads,
    ImmutableArray<KpiRow> Kpis,
    ImmutableArray<string> Notes)
{
    /// <summary>Battery buses' state of charge and charger occupancy; null when the plan has no battery bus.</summary>
    public EnergyCharts? Energy { get; init; }

    /// <summary>
    /// The drivers' duties, drawn under the vehicle blocks, or why there are none
    /// (<see cref="DutyGantt.None"/>): every report has the section, and the page's check fails without it.
    /// </summary>
    public required DutyGantt Duties { get; init; }
}

/// <summary>
/// The drivers' duties as horizontal bars, one row per driver, or the sentence that says why a plan
/// has none (<see cref="Absent"/>: the crew stage was skipped, or no duties exist for the blocks).
/// </summary>
/// <param name="Drivers">One row per driver, in the duty file's order; empty when <see cref="Absent"/> is set.</param>
/// <param name="Absent">Why there is no chart, or null when there are duties to draw.</param>
public sealed record DutyGantt(ImmutableArray<DutyGanttRow> Drivers, string? Absent)
{
    /// <summary>A section that says why there are no duties instead of drawing them.</summary>
    public static DutyGantt None(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return new DutyGantt([], why);
    }
}

/// <param name="DriverId">Row label.</param>
/// <param name="Summary">Short text next to the label (e.g. driving and paid hours).</param>
/// <param name="Segments">Activities in time order.</param>
public sealed record DutyGanttRow(string DriverId, string Summary, ImmutableArray<DutyGanttSegment> Segments);

/// <param name="Kind">What the driver does (the domain's activity kinds: each has its own style and legend entry).</param>
/// <param name="StartSeconds">Start, seconds since service-day start (past 24:00 after midnight).</param>
/// <param name="EndSeconds">End, seconds since service-day start (at least the start).</param>
/// <param name="Vehicle">The vehicle driven, written on drive pieces; null for other activities.</param>
/// <param name="Label">Hover text: what, where and when (trip id on drives).</param>
public sealed record DutyGanttSegment(DutyActivityKind Kind, int StartSeconds, int EndSeconds, string? Vehicle, string Label);

/// <summary>Battery buses over the day: the state of charge of every bus and how many buses charge at each site.</summary>
/// <param name="Buses">One line per battery bus.</param>
/// <param name="Sites">One step line per charger site.</param>
public sealed record EnergyCharts(ImmutableArray<SocLine> Buses, ImmutableArray<ChargerOccupancy> Sites);

/// <param name="VehicleId">Bus shown on hover.</param>
/// <param name="Points">(seconds since service-day start, state of charge in percent of the pack) in time order.</param>
public sealed record SocLine(string VehicleId, ImmutableArray<(int Seconds, double Percent)> Points);

/// <param name="SiteId">Charger site id.</param>
/// <param name="Points">Charging points at the site (the line the occupancy must stay under).</param>
/// <param name="Steps">(seconds since service-day start, buses charging from then on) in time order.</param>
public sealed record ChargerOccupancy(string SiteId, int Points, ImmutableArray<(int Seconds, int Charging)> Steps);

/// <summary>A time-space diagram: stations along the vertical axis by distance, time along the horizontal axis.</summary>
/// <param name="Name">Corridor name, e.g. "四平 Siping – 辽源 Liaoyuan".</param>
/// <param name="Stations">Stations with their distance from the first terminal (km).</param>
/// <param name="Trips">One polyline per trip.</param>
public sealed record MareyDiagram(string Name, ImmutableArray<MareyStation> Stations, ImmutableArray<MareyTrip> Trips);

/// <param name="Label">Station name as printed (Chinese and pinyin).</param>
/// <param name="DistanceKm">Distance from the first terminal along the corridor, km.</param>
public sealed record MareyStation(string Label, double DistanceKm);

/// <param name="TripId">Trip id shown on hover.</param>
/// <param name="Pattern">Pattern name; each pattern gets its own colour.</param>
/// <param name="Points">(seconds since service-day start, km from the first terminal) in time order.</param>
public sealed record MareyTrip(string TripId, string Pattern, ImmutableArray<(int Seconds, double DistanceKm)> Points);

/// <summary>The vehicle blocks as horizontal bars, one row per vehicle.</summary>
public sealed record GanttChart(ImmutableArray<GanttRow> Vehicles);

/// <param name="VehicleId">Row label.</param>
/// <param name="VehicleType">Vehicle type shown next to the label.</param>
/// <param name="Segments">Activities in time order.</param>
public sealed record GanttRow(string VehicleId, string VehicleType, ImmutableArray<GanttSegment> Segments);

/// <summary>Kinds of Gantt segments; each has its own colour and legend entry.</summary>
public enum GanttKind
{
    Trip,
    Deadhead,
    Layover,
    Charge,
    PullOut,
    PullIn,
}

/// <param name="Kind">What the vehicle does.</param>
/// <param name="StartSeconds">Start, seconds since service-day start.</param>
/// <param name="EndSeconds">End, seconds since service-day start (at least the start).</param>
/// <param name="Label">Short text (trip id, charger site) shown on hover.</param>
public sealed record GanttSegment(GanttKind Kind, int StartSeconds, int EndSeconds, string Label);

/// <summary>Passengers per hour at the max-load point against the capacity offered.</summary>
/// <param name="Direction">Direction label, e.g. "Siping → Liaoyuan".</param>
/// <param name="Hours">One bar per hour of the service day.</param>
public sealed record LoadProfile(string Direction, ImmutableArray<HourLoad> Hours);

/// <param name="Hour">Hour of the service day (0–47).</param>
/// <param name="Passengers">Passengers wanting to travel in that hour at the max-load point.</param>
/// <param name="Capacity">Places offered in that hour (departures × capacity per bus).</param>
public sealed record HourLoad(int Hour, double Passengers, double Capacity);

/// <param name="Name">KPI name with its unit, e.g. "Empty-run vehicle-km".</param>
/// <param name="Values">One formatted value per scenario (one for a plan, several for a comparison).</param>
public sealed record KpiRow(string Name, ImmutableArray<string> Values);
