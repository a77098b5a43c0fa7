using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TransitPairs.Duties;
using TransitPairs.IO.Duties;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.Optimization.Solving;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs duties SCENARIO</c>: plans the day's timetable and vehicle blocks, then the
/// drivers' duties under the scenario's driver rules, and prints drivers, the driver bound, paid
/// and driving hours, cost, bound, gap and each duty. The duties pass the independent checker
/// (<see cref="DutyChecker"/>) before anything is printed.
/// </summary>
internal static class DutiesCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioFile = new Argument<FileInfo>("SCENARIO") { Description = "Scenario file (JSON)." };
        var format = FormatOption.Create("csv: the rows of duties.csv", "table", "json", "csv");
        var solver = new ScenarioSolverOptions();
        var overrides = new ScenarioOverridesOption();
        var command = new Command("duties", "Plan a scenario's vehicle blocks, then its drivers' duties under the driver rules, with a lower bound on drivers.");
        command.Arguments.Add(scenarioFile);
        solver.AddTo(command);
        command.Options.Add(solver.Blocks);
        command.Options.Add(format);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            solver.Validate(parse);
            var scenario = ScenarioLoader.Load(parse.GetValue(scenarioFile)!.ToString(), overrides.Read(parse));
            if (!scenario.Policy.DriverRules.Enforced)
            {
                throw new InputException(new InputProblem(parse.GetValue(scenarioFile)!.ToString(), "$.policy.driverRules.enforced", "the driver rules are not enforced, so there are no duties to plan.", "Set \"enforced\": true (or leave it out)."));
            }

            console.Error.WriteLine($"planning {scenario.Name}: timetable, vehicle blocks, then driver duties …");
            var result = Planner.Plan(scenario, solver.For(scenario, parse) with { Crew = CrewStage.Solve });
            var outcome = result.Duties!;
            var duties = outcome.Solution!;
            var rules = scenario.Policy.DriverRules.Duties;
            var report = new DutiesReport(
                scenario.Name,
                duties.Drivers,
                duties.DriverLowerBound,
                Math.Round(outcome.Objective, 2),
                Math.Round(outcome.Bound, 2),
                double.IsFinite(outcome.Gap) ? Math.Round(outcome.Gap, 6) : null,
                outcome.Status.Word(),
                Math.Round(outcome.Elapsed.TotalSeconds, 2),
                Math.Round(duties.PaidHours, 2),
                Math.Round(duties.DrivingHours, 2),
                result.Plan.Schedule.Vehicles,
                outcome.Method,
                [.. duties.Crew.Duties.Select(d => Summary(d, rules))]);
            switch (parse.GetValue(format))
            {
                case "json":
                    console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                    break;
                case "csv":
                    DutiesCsv.Write(console.Out, duties.Crew);
                    break;
                default:
                    Table(console, report);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Table(CliConsole console, DutiesReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = console.Out;
        w.WriteLine(string.Create(inv, $"{r.Scenario}: {r.Vehicles} vehicles, {r.Duties} drivers (lower bound {r.DriverLowerBound}), {r.PaidHours:0.00} paid h, {r.DrivingHours:0.00} driving h"));
        w.WriteLine(string.Create(inv, $"cost {r.Cost:0.##} (drivers × weight + paid minutes), bound {r.LowerBound:0.##}, gap {(r.Gap is { } g ? (g * 100).ToString("0.000", inv) + " %" : "-")}, {r.Status}, {r.Seconds:0.00} s"));
        w.WriteLine("driver  on     off    driving  paid   vehicles        rests");
        foreach (var d in r.Schedule)
        {
            w.WriteLine(string.Create(inv, $"{d.Driver,-7} {d.SignOn,-6} {d.SignOff,-6} {d.DrivingHours,6:0.00} h {d.PaidHours,5:0.00} h {string.Join(' ', d.Vehicles),-15} {string.Join("; ", d.Rests)}"));
        }

        w.WriteLine($"method {r.Method}");
    }

    private static DutySummary Summary(Duty d, DutyRules rules) => new(
        d.DriverId,
        d.SignOn.ToString(),
        d.SignOff.ToString(),
        Math.Round(d.DrivingSeconds / 3600.0, 2),
        Math.Round(d.PaidSeconds(rules) / 3600.0, 2),
        [.. d.Activities.Where(a => a.VehicleId is not null).Select(a => a.VehicleId!).Distinct()],
        [.. d.Activities.Where(a => a.Kind == DutyActivityKind.Break).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.FromStop} {a.Start}–{a.End} ({a.Seconds / 60} min)"))]);

    internal sealed record DutySummary(string Driver, string SignOn, string SignOff, double DrivingHours, double PaidHours, IReadOnlyList<string> Vehicles, IReadOnlyList<string> Rests);

    internal sealed record DutiesReport(
        string Scenario,
        int Duties,
        int DriverLowerBound,
        double Cost,
        double LowerBound,
        double? Gap,
        string Status,
        double Seconds,
        double PaidHours,
        double DrivingHours,
        int Vehicles,
        string Method,
        IReadOnlyList<DutySummary> Schedule);
}
