using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using TransitPairs.IO.Planning;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.Optimization.Solving;
using TransitPairs.Planning;
using TransitPairs.Scenarios;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs plan SCENARIO</c>: timetable → vehicle blocks → KPIs for one service day, written
/// as <c>timetable.csv</c>, <c>blocks.csv</c>, <c>kpis.json</c>, <c>gtfs.zip</c> and
/// <c>report.html</c> into a folder that replaces the previous plan only when all of it was
/// written. <c>--date</c> plans another day (day type and season from the scenario's calendar);
/// <c>--from</c>/<c>--to</c> plans every day of a range plus one GTFS feed for the range.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioFile = new Argument<FileInfo>("SCENARIO") { Description = "Scenario file (JSON)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/<scenario name>/). Replaced as a whole only when every file was written." };
        var date = new Option<string?>("--date") { Description = "Service date YYYY-MM-DD: its day type and season come from the scenario's calendar (data/calendar.json)." };
        var from = new Option<string?>("--from") { Description = "First service date of a range (with --to): one plan per day in OUT/YYYY-MM-DD/ and one GTFS feed OUT/gtfs.zip for the range." };
        var to = new Option<string?>("--to") { Description = "Last service date of the range (included)." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder even when it holds files plan did not write (they are deleted)." };
        var format = FormatOption.Create("the KPIs", "table", "json");
        var solver = new ScenarioSolverOptions();
        var overrides = new ScenarioOverridesOption();
        var command = new Command("plan", "The whole pipeline for a service day: timetable, vehicle blocks, KPIs, GTFS feed and an HTML report.");
        command.Arguments.Add(scenarioFile);
        command.Options.Add(output);
        command.Options.Add(date);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(force);
        solver.AddTo(command);
        solver.AddBlocksTo(command);
        command.Options.Add(format);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            solver.Validate(parse);
            var budget = solver.CommandBudget(parse);
            var path = parse.GetValue(scenarioFile)!.ToString();
            var sets = overrides.Read(parse);
            var (day, range) = ReadDates(parse.GetValue(date), parse.GetValue(from), parse.GetValue(to));
            if (parse.GetValue(output) is { } chosen)
            {
                // Before any solve: a folder plan must not replace is refused while nothing is touched.
                PlanFolder.CheckTarget(chosen.ToString(), "--out", parse.GetValue(force));
            }

            if (range is { } r)
            {
                return PlanRange(console, parse, solver, budget, path, sets, r, parse.GetValue(output), parse.GetValue(force));
            }

            var scenario = ScenarioDates.Load(path, sets, day);
            if (parse.GetValue(output) is null)
            {
                PlanFolder.CheckTarget(Path.Combine("out", scenario.Name), "out/<scenario name> (the default of --out)", parse.GetValue(force));
            }

            console.Error.WriteLine($"planning {scenario.Name} {scenario.ServiceDate:yyyy-MM-dd}: timetable, then vehicle blocks …");
            var options = solver.For(scenario, parse, budget);
            PlanResult result;
            using (var progress = ProgressLine.For(console, "plan " + scenario.Name, parse.GetValue(format), TimeSpan.FromSeconds(options.TimeLimitSeconds)))
            {
                result = Planner.Plan(scenario, options, progress);
            }

            var folder = parse.GetValue(output)?.FullName ?? Path.Combine("out", scenario.Name);
            PlanOutputs.Write(result.Plan, folder);
            Print(console, parse.GetValue(format)!, result.Plan, folder);
            if (result.Plan.Kpis.CrewStatus is "infeasible" or "no_solution")
            {
                console.Error.WriteLine($"warning: {result.Plan.Notes[^1]}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int PlanRange(CliConsole console, ParseResult parse, ScenarioSolverOptions solver, WallClockBudget? budget, string path, IReadOnlyDictionary<string, string> sets, (LocalDate First, LocalDate Last) range, DirectoryInfo? output, bool force)
    {
        if (output is null)
        {
            PlanFolder.CheckTarget(Path.Combine("out", ScenarioDates.Load(path, sets, range.First).Name), "out/<scenario name> (the default of --out)", force);
        }

        var plans = new List<Plan>();
        var byKind = new Dictionary<string, Plan>(StringComparer.Ordinal);
        var days = new List<Scenario>();
        for (var day = range.First; day <= range.Last; day = day.PlusDays(1))
        {
            days.Add(ScenarioDates.Load(path, sets, day));
        }

        // One plan per kind of day; with --time-limit the kinds share the command's budget.
        var kinds = days.Select(PlanRangeFeed.ServiceKind).Distinct(StringComparer.Ordinal).Count();
        using var progress = ProgressLine.For(console, "plan", parse.GetValue<string>("--format"));
        foreach (var scenario in days)
        {
            var day = scenario.ServiceDate;
            progress.Step(plans.Count, days.Count, "day");
            var kind = PlanRangeFeed.ServiceKind(scenario);
            if (!byKind.TryGetValue(kind, out var same))
            {
                progress.WriteLine(console.Error, $"planning {scenario.Name} {day:yyyy-MM-dd} ({kind}) …");
                same = Planner.Plan(scenario, solver.For(scenario, parse, budget, 1.0 / (kinds - byKind.Count)), progress).Plan;
                byKind.Add(kind, same);
            }
            else
            {
                progress.WriteLine(console.Error, $"planning {scenario.Name} {day:yyyy-MM-dd} ({kind}): the same plan as {same.Scenario.ServiceDate:yyyy-MM-dd}");
            }

            plans.Add(PlanRangeFeed.OnDate(same, scenario));
        }

        progress.Dispose();

        var folder = output?.FullName ?? Path.Combine("out", plans[0].Scenario.Name);
        PlanFolder.Replace(folder, temp =>
        {
            foreach (var plan in plans)
            {
                PlanOutputs.WriteFiles(plan, Directory.CreateDirectory(Path.Combine(temp, DateText(plan.Scenario.ServiceDate))).FullName);
            }

            IO.Gtfs.GtfsWriter.Write(PlanRangeFeed.Build(plans), Path.Combine(temp, "gtfs.zip"));
        });
        var w = console.Out;
        w.WriteLine($"{plans[0].Scenario.Name}  {DateText(range.First)} to {DateText(range.Last)}  → {folder}");
        foreach (var plan in plans)
        {
            var k = plan.Kpis;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {DateText(plan.Scenario.ServiceDate)} {plan.Scenario.ServiceDate.DayOfWeek.ToString()[..3]} {PlanRangeFeed.ServiceKind(plan.Scenario),-22} departures {k.Departures,3}  vehicles {k.Vehicles,2}  cost {k.OperatingCostYuan,7:0} yuan"));
        }

        w.WriteLine($"gtfs.zip covers the range with calendar_dates ({byKind.Count} service kind{(byKind.Count == 1 ? string.Empty : "s")}).");
        return ExitCodes.Ok;
    }

    private static void Print(CliConsole console, string format, Plan plan, string folder)
    {
        if (format == "json")
        {
            console.Out.WriteLine(PlanKpiJson.Document(plan).ToJsonString(PlanKpiJson.Options));
        }
        else
        {
            var s = plan.Scenario;
            var w = console.Out;
            w.WriteLine($"{s.Name}  {DateText(s.ServiceDate)} {PlanKpiJson.Word(s.DayType.ToString())} {PlanKpiJson.Word(s.Season.ToString())}  → {folder}");
            foreach (var row in PlanReportMapper.KpiRows([plan.Kpis]))
            {
                w.WriteLine($"  {row.Name,-40} {row.Values[0],10}");
            }

            foreach (var note in plan.Notes)
            {
                w.WriteLine($"  {note}");
            }
        }

        console.Error.WriteLine($"wrote {string.Join(", ", PlanOutputs.Files)} in {folder}");
    }

    private static string DateText(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (LocalDate? Day, (LocalDate, LocalDate)? Range) ReadDates(string? date, string? from, string? to)
    {
        var problems = new List<InputProblem>();
        LocalDate? Parse(string? text, string option)
        {
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                problems.Add(new InputProblem(option, text, "This is not a date.", "Write the date as YYYY-MM-DD, e.g. 2026-06-10."));
                return null;
            }

            return parsed.Value;
        }

        var day = Parse(date, "--date");
        var first = Parse(from, "--from");
        var last = Parse(to, "--to");
        if (date is not null && (from is not null || to is not null))
        {
            problems.Add(new InputProblem("--date", date, "--date plans one day; --from/--to plan a range: not both.", "Give either --date D or --from D1 --to D2."));
        }

        if ((from is null) != (to is null))
        {
            problems.Add(new InputProblem(from is null ? "--to" : "--from", from ?? to ?? string.Empty, "A range needs both ends.", "Give --from D1 --to D2."));
        }

        if (first is { } f && last is { } l && (l < f || Period.Between(f, l, PeriodUnits.Days).Days > 366))
        {
            problems.Add(new InputProblem("--to", to!, $"The range {from} to {to} is empty or longer than a year.", "Give a last date on or after the first, at most 366 days later."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return (day, first is { } a && last is { } b ? (a, b) : null);
    }
}

/// <summary>Loading a scenario for another service date: the date's day type and season come from the scenario's calendar.</summary>
internal static class ScenarioDates
{
    /// <summary>
    /// Loads <paramref name="path"/> with <paramref name="overrides"/>; with <paramref name="date"/>,
    /// also sets <c>serviceDate</c> and drops any fixed <c>dayType</c>/<c>season</c> so that the
    /// calendar decides them.
    /// </summary>
    public static Scenario Load(string path, IReadOnlyDictionary<string, string> overrides, LocalDate? date)
    {
        if (date is not { } d)
        {
            return ScenarioLoader.Load(path, overrides);
        }

        var withDate = new Dictionary<string, string>(overrides, StringComparer.Ordinal)
        {
            ["serviceDate"] = JsonSerializer.Serialize(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        // The calendar decides day type and season unless the caller fixed them with --set.
        withDate.TryAdd("dayType", "null");
        withDate.TryAdd("season", "null");
        return ScenarioLoader.Load(path, withDate);
    }
}
