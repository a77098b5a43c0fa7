using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TransitPairs.IO.Scenarios;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs blocks SCENARIO</c>: the scenario's timetable, then vehicle blocks for its fleet
/// with battery limits, charging at terminals and depots, and mixed battery/diesel fleets; checked
/// by the independent <see cref="BatteryScheduleChecker"/>. Exit 1 with the reason and remedies when
/// no plan exists.
/// </summary>
internal static class BlocksCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioFile = new Argument<FileInfo>("SCENARIO") { Description = "Scenario file (JSON)." };
        var solver = new SolverOptionsBinding();
        var format = FormatOption.Create("blocks.csv rows", "table", "json", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "Also write blocks.csv (one row per event, with energy and state of charge) to this file." }.MustNameAFile();
        var overrides = new ScenarioOverridesOption();
        var command = new Command("blocks", "Vehicle blocks for a scenario's day with battery buses: state of charge, charging at terminals and depots within charger points, mixed fleets.");
        command.Arguments.Add(scenarioFile);
        solver.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            solver.Validate(parse);
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioFile)!.ToString(), overrides.Read(parse));
            var solve = solver.Read(parse, SolveOptions.From(scenario.Options));
            var budget = solve.StartBudget();
            var timetableOutcome = ScenarioTimetabler.Solve(scenario, TimetableObjective.EvenHeadway, solve, budget.Share(BudgetShares.PlanTimetable));
            if (timetableOutcome.Solution is not { } timetable)
            {
                throw new NoFeasiblePlanException(timetableOutcome.Explanation ?? "No timetable found.");
            }

            var problem = BatterySchedulingProblem.FromScenario(scenario, timetable.Timetable);
            var result = Run(problem, solve, budget, scenario);
            switch (parse.GetValue(format))
            {
                case "json":
                    console.Out.WriteLine(JsonSerializer.Serialize(Report(scenario.Name, problem, result), CliJson.Options));
                    break;
                case "csv":
                    SchedulingCsv.WriteBlocks(console.Out, result.Schedule);
                    break;
                default:
                    WriteTable(console.Out, scenario.Name, problem, result);
                    break;
            }

            if (parse.GetValue(output) is { } file)
            {
                SchedulingCsv.WriteBlocks(file.FullName, result.Schedule);
                console.Error.WriteLine($"wrote {file.FullName}");
            }

            if (result.Status == SolveStatus.Feasible)
            {
                console.Error.WriteLine(FormattableString.Invariant($"note: the time limit stopped the search before optimality was proven (gap {result.Gap:P2})."));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Solves and checks (<see cref="BatteryScheduler.SolveChecked"/>): no plan → <see cref="NoPlanException"/>
    /// with the explanation and remedies; a plan that fails the independent checker is a fault.
    /// </summary>
    public static BatteryScheduleResult Run(BatterySchedulingProblem problem, SolveOptions options, WallClockBudget budget, Scenario? scenario = null)
    {
        var outcome = BatteryScheduler.SolveChecked(problem, options, budget, "the battery schedule");
        return outcome.Solution ?? throw new NoPlanException((outcome.Explanation ?? "no plan").TrimEnd('.') + ".", outcome.Remedies, scenario);
    }

    private static object Report(string scenario, BatterySchedulingProblem problem, BatteryScheduleResult r) => new
    {
        scenario,
        season = problem.Season.ToString().ToLowerInvariant(),
        trips = problem.Schedule.Trips.Length,
        vehicles = r.Vehicles,
        fleetAvailable = problem.Fleet.Sum(f => f.Count),
        noBatteryFleetBound = r.NoBatteryFleetBound,
        batteryFleetBound = r.BatteryFleetBound,
        method = r.Method,
        fleetGap = Math.Round(r.FleetGap, 4),
        status = r.Status.Word(),
        objective = r.Objective,
        bound = r.Bound,
        gap = Math.Round(r.Gap, 6),
        kpis = r.Kpis,
        blocks = r.Schedule.Blocks.Select(b => new
        {
            vehicle = b.VehicleId,
            depot = b.DepotId,
            vehicleType = b.VehicleTypeId,
            trips = b.TripIds,
            charges = b.Events.Where(e => e.Kind == BlockEventKind.Charge).Select(e => new
            {
                site = e.ChargerSite,
                start = e.Start.ToString(),
                end = e.End.ToString(),
                kwh = -(e.EnergyWh ?? 0) / 1000.0,
                socStartKwh = e.SocStartWh / 1000.0,
                socEndKwh = e.SocEndWh / 1000.0,
            }),
        }),
    };

    private static void WriteTable(TextWriter w, string scenario, BatterySchedulingProblem problem, BatteryScheduleResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var k = r.Kpis;
        w.WriteLine(string.Create(inv, $"{scenario} ({problem.Season.ToString().ToLowerInvariant()}): trips {problem.Schedule.Trips.Length}  vehicles {r.Vehicles} of {problem.Fleet.Sum(f => f.Count)} available  (bounds: no-battery {r.NoBatteryFleetBound}, battery LP {r.BatteryFleetBound}; fleet gap {r.FleetGap:P0})  {r.Status.Word()}, cost gap {r.Gap:P2}, {r.Method} in {r.Elapsed.TotalSeconds:0.0} s"));
        w.WriteLine(string.Create(inv, $"energy {k.EnergyKwh:0.#} kWh  charged {k.ChargedKwh:0.#} kWh in {k.ChargingSessions} sessions  min state of charge {(k.MinSocKwh is { } m ? $"{m:0.#} kWh ({k.MinSocPercent:0.#} %)" : "-")}  empty {k.EmptyKm:0.#} km"));
        w.WriteLine("vehicles by type: " + string.Join(", ", k.VehiclesByType.Select(p => $"{p.Key} {p.Value}")));
        w.WriteLine("peak chargers in use: " + (k.PeakChargersInUse.Count == 0 ? "-" : string.Join(", ", k.PeakChargersInUse.Select(p => $"{p.Key} {p.Value}/{problem.Chargers.First(c => c.Id == p.Key).Points}"))));
        w.WriteLine();
        w.WriteLine("vehicle  type          depot            out       in        trips / charging");
        foreach (var block in r.Schedule.Blocks)
        {
            var parts = block.Events.Where(e => e.Kind is BlockEventKind.Trip or BlockEventKind.Charge).Select(e => e.Kind == BlockEventKind.Trip
                ? e.TripId!
                : string.Create(inv, $"[charge {e.ChargerSite} {e.Start}-{e.End} {e.SocStartWh / 1000.0:0}→{e.SocEndWh / 1000.0:0} kWh]"));
            w.WriteLine(string.Create(inv, $"{block.VehicleId,-8} {block.VehicleTypeId ?? "-",-13} {block.DepotId ?? "-",-16} {block.Events[0].Start,-9} {block.Events[^1].End,-9} {string.Join(' ', parts)}"));
        }
    }
}
