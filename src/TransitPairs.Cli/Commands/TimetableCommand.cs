using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TransitPairs.IO.Scenarios;
using TransitPairs.IO.Timetables;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Scenarios;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs timetable SCENARIO</c>: hourly frequencies (Ceder) and departure times
/// (CP-SAT) for every corridor of a scenario, with KPIs and timed transfers. Prints a table, JSON
/// or CSV; <c>--out</c> also writes the CSV (one row per trip) atomically. Exit 0 with a
/// timetable, 1 when none satisfies the policy, 2 on bad input.
/// </summary>
internal static class TimetableCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var scenarioFile = new Argument<FileInfo>("SCENARIO") { Description = "Scenario file (JSON)." };
        var solver = new ScenarioSolverOptions();
        var objective = new Option<string>("--objective") { Description = "even-headway (Ceder's even headways) or even-load (even load at the max-load point).", DefaultValueFactory = _ => "even-headway" };
        objective.AcceptOnlyFromAmong("even-headway", "even-load");
        var format = FormatOption.Create("", "table", "json", "csv");
        var fleetTolerance = new Option<int?>("--fleet-tolerance") { Description = "Then move departures by at most this many minutes (1-60) to save vehicles (counted without empty runs); trips meeting trains stay." };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the timetable CSV (one row per trip) to this file." }.MustNameAFile();
        var overrides = new ScenarioOverridesOption();

        var command = new Command("timetable", "Frequencies from demand (Ceder) and departure times (CP-SAT) with headway bounds, clock-face times and timed transfers with trains.");
        command.Arguments.Add(scenarioFile);
        solver.AddTo(command);
        command.Options.Add(objective);
        command.Options.Add(format);
        command.Options.Add(fleetTolerance);
        command.Options.Add(output);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            var tolerance = ReadFleetTolerance(parse.GetValue(fleetTolerance));
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioFile)!.ToString(), overrides.Read(parse));
            var options = solver.For(scenario, parse);
            var solveOptions = new SolveOptions(TimeSpan.FromSeconds(options.TimeLimitSeconds), options.Threads, options.Seed);
            var chosen = parse.GetValue(objective) == "even-load" ? TimetableObjective.EvenLoad : TimetableObjective.EvenHeadway;
            var outcome = ScenarioTimetabler.Solve(scenario, chosen, solveOptions, solveOptions.StartBudget(), tolerance);
            if (outcome.Solution is not { } result)
            {
                throw new NoFeasiblePlanException(outcome.Explanation ?? "No timetable found.");
            }

            if (parse.GetValue(output) is { } file)
            {
                TimetableCsv.Write(result.Timetable, file.ToString());
            }

            switch (parse.GetValue(format))
            {
                case "json":
                    console.Out.WriteLine(JsonSerializer.Serialize(JsonReport(scenario, result, chosen), Json));
                    break;
                case "csv":
                    TimetableCsv.Write(result.Timetable, console.Out);
                    break;
                default:
                    WriteTable(console.Out, scenario, result, chosen);
                    break;
            }

            if (result.PolicyViolations.Length > 0)
            {
                foreach (var violation in result.PolicyViolations)
                {
                    console.Error.WriteLine($"policy check: {violation}");
                }

                return ExitCodes.InternalError;
            }

            if (result.Solve.Status == SolveStatus.Feasible)
            {
                console.Error.WriteLine(FormattableString.Invariant(
                    $"note: the time limit stopped the search before optimality was proven (objective {result.Solve.Objective:0}, bound {result.Solve.Bound:0}, gap {result.Solve.Gap:P1})."));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int? ReadFleetTolerance(int? fleetTolerance) =>
        fleetTolerance is < 1 or > 60
            ? throw new InputException(new InputProblem("--fleet-tolerance", string.Empty, FormattableString.Invariant($"{fleetTolerance} minutes is not between 1 and 60."), "Give e.g. --fleet-tolerance 5."))
            : fleetTolerance;

    private static string ObjectiveName(TimetableObjective objective) => objective == TimetableObjective.EvenLoad ? "even-load" : "even-headway";

    private static string Clock(int minute) => ServiceTime.FromMinutes(minute).ToString();

    private static object JsonReport(Scenario scenario, ScenarioTimetable result, TimetableObjective objective) => new
    {
        scenario = scenario.Name,
        serviceDate = scenario.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        status = result.Solve.Status.Word(),
        objectiveKind = ObjectiveName(objective),
        objective = result.Solve.Objective,
        bound = result.Solve.Bound,
        gap = result.Solve.Gap,
        policy = result.Policies.Select(p => new
        {
            corridor = p.Corridor,
            direction = TimetableCsv.DirectionName(p.Direction),
            minHeadwayMinutes = p.MinHeadwayMinutes,
            maxHeadwayMinutes = p.MaxHeadwayMinutes,
            firstDeparture = p.FirstDeparture.ToString(),
            lastDeparture = p.LastDeparture.ToString(),
            clockFace = scenario.Policy.ClockFace,
            capacity = p.CapacityByPattern.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
            desiredOccupancy = p.DesiredOccupancy.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
        }),
        trips = result.Timetable.Trips.Select(t => new Dictionary<string, string>
        {
            ["trip_id"] = t.Id,
            ["corridor"] = t.Corridor,
            ["pattern"] = t.Pattern,
            ["direction"] = TimetableCsv.DirectionName(t.Direction),
            ["departure"] = t.Departure.ToString(),
            ["arrival"] = t.Arrival.ToString(),
        }),
        kpis = new
        {
            directions = result.Kpis.Directions.Select(d =>
            {
                var policy = result.Policies.First(p => p.DirectionId == d.DirectionId);
                var plan = result.Plans.First(p => p.Direction.DirectionId == d.DirectionId);
                return new
                {
                    corridor = policy.Corridor,
                    direction = TimetableCsv.DirectionName(policy.Direction),
                    departures = d.Departures,
                    headwayMinMinutes = d.HeadwayMinMinutes,
                    headwayMeanMinutes = Math.Round(d.HeadwayMeanMinutes, 2),
                    headwayMaxMinutes = d.HeadwayMaxMinutes,
                    expectedWaitMinutes = Math.Round(d.ExpectedWaitMinutes, 2),
                    peakOccupancy = Math.Round(d.PeakOccupancy, 3),
                    peakHour = d.PeakHour,
                    peakLoadPerDeparture = Math.Round(d.PeakLoadPerDeparture, 1),
                    capacityPerDeparture = Math.Round(d.CapacityPerDeparture, 1),
                    leftBehindPassengers = d.LeftBehindPassengers,
                    demandOutsideSpanPassengers = d.DemandOutsideSpanPassengers,
                    hours = d.Hours.Select(h => new
                    {
                        hour = h.Hour,
                        demand = h.DemandPassengers,
                        departures = h.Departures,
                        plannedDepartures = plan.Hours.First(p => p.Hour == h.Hour).Departures,
                        cederFrequency = Math.Round(plan.Hours.First(p => p.Hour == h.Hour).CederFrequency, 3),
                        limit = plan.Hours.First(p => p.Hour == h.Hour).Limit.ToString(),
                        capacity = h.CapacityPassengers,
                        leftBehind = h.LeftBehindPassengers,
                    }),
                };
            }),
            transfersMet = result.Kpis.TransfersMet,
            transfers = result.Kpis.Transfers.Length,
            transferPassengersMet = result.Kpis.TransferPassengersMet,
            transferPassengersTotal = result.Kpis.TransferPassengersTotal,
        },
        fleet = result.Fleet is { } f ? new
        {
            status = f.Status.Word(),
            vehiclesBefore = f.Solution?.VehiclesBefore,
            vehiclesAfter = f.Solution?.VehiclesAfter,
            vehiclesSaved = f.Solution?.VehiclesSaved,
            vehiclesBound = f.Solution?.VehiclesBound,
            totalShiftMinutes = f.Solution?.TotalShiftMinutes,
            maxShiftMinutes = f.Solution?.MaxShiftMinutes,
        } : null,
        transfers = result.Kpis.Transfers.Select(t => new
        {
            @event = t.Event.EventId,
            stop = t.Event.StopId,
            kind = t.Event.Kind == TransferEventKind.TrainArrival ? "trainArrival" : "trainDeparture",
            time = Clock(t.Event.Minute),
            passengers = t.Event.Passengers,
            met = t.Met,
            tripId = t.Met ? DomainTripId(result, t.TripId) : null,
            transferMinutes = t.Met ? t.TransferMinutes : (int?)null,
        }),
    };

    /// <summary>The domain trip id of a core trip id (same direction and sequence).</summary>
    private static string DomainTripId(ScenarioTimetable result, string coreTripId)
    {
        var trip = result.Solve.Solution!.Trips.First(t => t.TripId == coreTripId);
        var policy = result.Policies.First(p => p.DirectionId == trip.DirectionId);
        return result.Timetable.In(policy.Corridor, policy.Direction).ElementAt(trip.Sequence).Id;
    }

    private static void WriteTable(TextWriter w, Scenario scenario, ScenarioTimetable result, TimetableObjective objective)
    {
        var solve = result.Solve;
        w.WriteLine(FormattableString.Invariant(
            $"{scenario.Name}  {scenario.ServiceDate:yyyy-MM-dd} {scenario.DayType.ToString().ToLowerInvariant()} {scenario.Season.ToString().ToLowerInvariant()}  {ObjectiveName(objective)}: {solve.Status.Word()}, objective {solve.Objective:0}, bound {solve.Bound:0}, gap {solve.Gap:P1}"));
        foreach (var policy in result.Policies)
        {
            var kpi = result.Kpis.Directions.First(d => d.DirectionId == policy.DirectionId);
            var corridor = scenario.Corridor(policy.Corridor);
            var trips = result.Timetable.In(policy.Corridor, policy.Direction).ToList();
            w.WriteLine();
            w.WriteLine(FormattableString.Invariant(
                $"{policy.Corridor} {TimetableCsv.DirectionName(policy.Direction)}: {corridor.Origin(policy.Direction)} → {corridor.Destination(policy.Direction)}, {policy.FirstDeparture}–{policy.LastDeparture}, headway {policy.MinHeadwayMinutes}–{policy.MaxHeadwayMinutes} min"));
            foreach (var trip in trips)
            {
                var via = trip.StopTimes.Length > 2 ? "  via " + string.Join(", ", trip.StopTimes.Skip(1).SkipLast(1).Select(s => $"{s.Stop} {s.Departure}")) : string.Empty;
                w.WriteLine($"  {trip.Id,-28} {trip.Pattern,-10} {trip.Departure} → {trip.Arrival}{via}");
            }

            w.WriteLine(FormattableString.Invariant(
                $"  departures {kpi.Departures}, headway min/mean/max {kpi.HeadwayMinMinutes}/{kpi.HeadwayMeanMinutes:0.0}/{kpi.HeadwayMaxMinutes} min, expected wait {kpi.ExpectedWaitMinutes:0.0} min"));
            w.WriteLine(FormattableString.Invariant(
                $"  peak occupancy {kpi.PeakOccupancy:P0} at {kpi.PeakHour:00}h ({kpi.PeakLoadPerDeparture:0.0} of {kpi.CapacityPerDeparture:0} per bus), left behind {kpi.LeftBehindPassengers}"));
        }

        if (result.Fleet is { } retiming)
        {
            w.WriteLine();
            w.WriteLine(retiming.Solution is { } fleet
                ? FormattableString.Invariant(
                    $"fleet-aware ({retiming.Status.Word()}): vehicles without empty runs {fleet.VehiclesBefore} → {fleet.VehiclesAfter} (saved {fleet.VehiclesSaved}, bound {fleet.VehiclesBound}); departures moved {fleet.TotalShiftMinutes} min in all, at most {fleet.MaxShiftMinutes}")
                : FormattableString.Invariant($"fleet-aware ({retiming.Status.Word()}): {retiming.Explanation}"));
        }

        if (result.Kpis.Transfers.Length > 0)
        {
            w.WriteLine();
            w.WriteLine(FormattableString.Invariant($"transfers met {result.Kpis.TransfersMet} of {result.Kpis.Transfers.Length} ({result.Kpis.TransferPassengersMet} of {result.Kpis.TransferPassengersTotal} passengers)"));
            foreach (var t in result.Kpis.Transfers)
            {
                w.WriteLine(t.Met
                    ? FormattableString.Invariant($"  met     {t.Event.EventId} ({t.Event.Passengers} pax): {DomainTripId(result, t.TripId)}, {t.TransferMinutes} min")
                    : FormattableString.Invariant($"  missed  {t.Event.EventId} ({t.Event.Passengers} pax)"));
            }
        }
    }
}
