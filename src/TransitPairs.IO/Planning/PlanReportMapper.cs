using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Corridors;
using TransitPairs.Duties;
using TransitPairs.IO.Reports;
using TransitPairs.Planning;
using TransitPairs.Scheduling;

namespace TransitPairs.IO.Planning;

/// <summary>
/// Maps a <see cref="Plan"/> into the report model: a Marey diagram per corridor (every trip's
/// stop times against the stops' positions along the corridor), a Gantt chart of the blocks with
/// empty runs, layovers and charging, the hourly load against capacity per direction, and the KPI
/// table from <see cref="PlanKpis.Columns"/>.
/// </summary>
public static class PlanReportMapper
{
    public static PlanReport Map(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var s = plan.Scenario;
        var title = string.Create(CultureInfo.InvariantCulture, $"{s.Name} — {s.ServiceDate:yyyy-MM-dd}");
        var subtitle = string.Join(" · ", s.Corridors.Select(c => c.Name.ToString()))
            + $" · {PlanKpiJson.Word(s.DayType.ToString())} · {PlanKpiJson.Word(s.Season.ToString())} · {s.Description}";
        return new PlanReport(
            title,
            subtitle,
            [.. s.Corridors.Select(c => Marey(plan, c))],
            Gantt(plan),
            [.. s.Corridors.SelectMany(c => Enum.GetValues<Direction>().Select(d => Load(plan, c, d)))],
            KpiRows([plan.Kpis]),
            [.. plan.Notes])
        {
            Energy = Energy(plan),
            Duties = Duties(plan),
        };
    }

    /// <summary>
    /// The drivers' duties, one row per driver; or, when the plan has none, why: the crew stage was
    /// skipped, the scenario's driver rules are off, or no duties exist for the blocks (the plan's note).
    /// </summary>
    private static DutyGantt Duties(Plan plan)
    {
        if (plan.Crew is not { } crew)
        {
            var reason = plan.Notes.FirstOrDefault(n => n.StartsWith("Driver duties:", StringComparison.Ordinal));
            return DutyGantt.None(plan.Kpis.CrewStatus switch
            {
                "skipped" when !plan.Scenario.Policy.DriverRules.Enforced =>
                    "No driver duties: the scenario's driver rules are not enforced (policy.driverRules.enforced is false), so no duties were planned; drivers and driver cost are not in the figures above.",
                "skipped" => "No driver duties: the crew stage was skipped for this plan (vehicles only), so drivers and driver cost are not in the figures above.",
                var status => $"No driver duties: {reason?["Driver duties: ".Length..] ?? $"the duty solver found none for these blocks ({status})."} Drivers and driver cost are not in the figures above.",
            });
        }

        var rules = plan.Scenario.Policy.DriverRules.Duties;
        var rows = crew.Duties.Select(d => new DutyGanttRow(
            d.DriverId,
            string.Create(CultureInfo.InvariantCulture, $"{d.DrivingSeconds / 3600.0:0.0} h driving, {d.PaidSeconds(rules) / 3600.0:0.0} paid"),
            [.. d.Activities.Select(a => new DutyGanttSegment(a.Kind, a.Start.TotalSeconds, a.End.TotalSeconds, a.Kind == DutyActivityKind.Drive ? a.VehicleId : null, DutyLabel(a)))]));
        return new DutyGantt([.. rows], null);
    }

    private static string DutyLabel(DutyActivity a) => a.Kind switch
    {
        DutyActivityKind.Drive when a.TripId is { } trip => $"{a.VehicleId} trip {trip} {a.FromStop} → {a.ToStop}",
        DutyActivityKind.Drive => $"{a.VehicleId} empty run {a.FromStop} → {a.ToStop}",
        DutyActivityKind.Travel => $"{a.FromStop} → {a.ToStop}{(a.TripId is { } t ? $" on {t}" : string.Empty)}",
        _ => a.FromStop == a.ToStop ? a.FromStop : $"{a.FromStop} → {a.ToStop}",
    };

    /// <summary>
    /// The state of charge of every battery bus at each event boundary (percent of its pack) and,
    /// per charger site, the buses charging over the day; null when no block carries a state of charge.
    /// </summary>
    private static EnergyCharts? Energy(Plan plan)
    {
        var buses = new List<SocLine>();
        foreach (var block in plan.Schedule.Blocks)
        {
            var pack = block.VehicleTypeId is { } type ? plan.Scenario.VehicleType(type).Battery?.PackWh : null;
            if (pack is not > 0 || block.Events.All(e => e.SocStartWh is null))
            {
                continue;
            }

            var points = block.Events.Where(e => e.SocStartWh is not null)
                .SelectMany(e => new[] { (e.Start.TotalSeconds, 100.0 * e.SocStartWh!.Value / pack.Value), (e.End.TotalSeconds, 100.0 * e.SocEndWh!.Value / pack.Value) });
            buses.Add(new SocLine(block.VehicleId, [.. points]));
        }

        if (buses.Count == 0)
        {
            return null;
        }

        var sessions = plan.Schedule.Blocks.SelectMany(b => b.Events).Where(e => e.Kind == BlockEventKind.Charge && e.ChargerSite is not null).ToList();
        var sites = plan.Scenario.Chargers.Select(site =>
        {
            var changes = sessions.Where(e => e.ChargerSite == site.Id)
                .SelectMany(e => new[] { (Time: e.Start.TotalSeconds, Delta: 1), (Time: e.End.TotalSeconds, Delta: -1) })
                .GroupBy(c => c.Time).OrderBy(g => g.Key);
            var charging = 0;
            var steps = new List<(int, int)>();
            foreach (var at in changes)
            {
                charging += at.Sum(c => c.Delta);
                steps.Add((at.Key, charging));
            }

            return new ChargerOccupancy(site.Id, site.Points, [.. steps]);
        });
        return new EnergyCharts([.. buses], [.. sites]);
    }

    /// <summary>
    /// The KPI table of one or more plans: one row per KPI column (label with unit), one value per
    /// plan, then the solver status rows.
    /// </summary>
    public static ImmutableArray<KpiRow> KpiRows(IReadOnlyList<PlanKpis> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var rows = PlanKpis.Columns.Select(c => new KpiRow($"{c.Label} ({c.Unit})", [.. plans.Select(c.Text)])).ToList();
        rows.Add(new KpiRow("Timetable solver", [.. plans.Select(k => k.TimetableStatus)]));
        rows.Add(new KpiRow("Vehicle-block solver", [.. plans.Select(k => k.BlocksStatus)]));
        rows.Add(new KpiRow("Driver-duty solver", [.. plans.Select(k => k.CrewStatus)]));
        rows.Add(new KpiRow("Solver time (s)", [.. plans.Select(k => k.SolverSeconds.ToString("0.0", CultureInfo.InvariantCulture))]));
        return [.. rows];
    }

    /// <summary>
    /// Stop positions along the corridor, km from terminal A: the positions along the longest
    /// pattern; a stop only on shorter patterns sits at its share of its own pattern's length, so
    /// every pattern spans the same axis from terminal to terminal.
    /// </summary>
    private static Dictionary<string, double> Positions(Corridor corridor, out double axisKm)
    {
        var longest = corridor.Patterns.OrderByDescending(p => p.DistanceMetres).ThenBy(p => p.Id, StringComparer.Ordinal).First();
        axisKm = longest.Km;
        var positions = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pattern in corridor.Patterns.OrderBy(p => p == longest ? 0 : 1))
        {
            var along = 0.0;
            foreach (var stop in pattern.Stops)
            {
                along += stop.Km;
                positions.TryAdd(stop.Stop, pattern.Km == 0 ? 0 : along / pattern.Km * axisKm);
            }
        }

        return positions;
    }

    /// <summary>Where a pattern's stop lies on the axis: scaled along the pattern so that both terminals meet the axis ends.</summary>
    private static ImmutableDictionary<string, double> PatternPositions(Pattern pattern, double axisKm)
    {
        var along = 0.0;
        var result = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var stop in pattern.Stops)
        {
            along += stop.Km;
            result[stop.Stop] = pattern.Km == 0 ? 0 : along / pattern.Km * axisKm;
        }

        return result.ToImmutable();
    }

    private static MareyDiagram Marey(Plan plan, Corridor corridor)
    {
        var positions = Positions(corridor, out var axisKm);
        var stations = positions.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new MareyStation(corridor.Stop(p.Key).Name.Zh, Math.Round(p.Value, 2))).ToImmutableArray();
        var byPattern = corridor.Patterns.ToDictionary(p => p.Id, p => PatternPositions(p, axisKm), StringComparer.Ordinal);
        var trips = ImmutableArray.CreateBuilder<MareyTrip>();
        foreach (var trip in plan.Timetable.Trips.Where(t => t.Corridor == corridor.Id))
        {
            var at = byPattern[trip.Pattern];
            var points = ImmutableArray.CreateBuilder<(int, double)>();
            foreach (var call in trip.StopTimes)
            {
                var km = Math.Round(at[call.Stop], 2);
                points.Add((call.Arrival.TotalSeconds, km));
                if (call.Departure != call.Arrival)
                {
                    points.Add((call.Departure.TotalSeconds, km));
                }
            }

            trips.Add(new MareyTrip(trip.Id, trip.Pattern, points.ToImmutable()));
        }

        return new MareyDiagram(corridor.Name.ToString(), stations, trips.ToImmutable());
    }

    private static GanttChart Gantt(Plan plan)
    {
        var rows = plan.Schedule.Blocks.Select(b => new GanttRow(
            b.VehicleId,
            plan.VehicleTypeOfBlock[b.VehicleId],
            [.. b.Events.Where(e => e.End > e.Start).Select(e => new GanttSegment(Kind(e.Kind), e.Start.TotalSeconds, e.End.TotalSeconds, Label(e)))]));
        return new GanttChart([.. rows]);
    }

    private static GanttKind Kind(BlockEventKind kind) => kind switch
    {
        BlockEventKind.Trip => GanttKind.Trip,
        BlockEventKind.Deadhead => GanttKind.Deadhead,
        BlockEventKind.Layover => GanttKind.Layover,
        BlockEventKind.Charge => GanttKind.Charge,
        BlockEventKind.PullOut => GanttKind.PullOut,
        _ => GanttKind.PullIn,
    };

    private static string Label(BlockEvent e) => e.Kind switch
    {
        BlockEventKind.Trip => $"{e.TripId} {e.FromStop} {e.Start} → {e.ToStop} {e.End}",
        BlockEventKind.Layover => $"layover at {e.FromStop} {e.Start}–{e.End}",
        BlockEventKind.Charge => $"charging at {e.FromStop} {e.Start}–{e.End}",
        _ => string.Create(CultureInfo.InvariantCulture, $"empty {e.FromStop} → {e.ToStop} {e.Start}–{e.End}, {e.DistanceMetres / 1000.0:0.#} km"),
    };

    private static LoadProfile Load(Plan plan, Corridor corridor, Direction direction)
    {
        var label = $"{corridor.Stop(corridor.Origin(direction)).Name.Zh} → {corridor.Stop(corridor.Destination(direction)).Name.Zh} ({PlanKpiJson.Word(direction.ToString())})";
        return new LoadProfile(label,
            [.. plan.Loads.Where(l => l.Corridor == corridor.Id && l.Direction == direction).OrderBy(l => l.Hour).Select(l => new HourLoad(l.Hour, l.Passengers, l.Capacity))]);
    }
}
