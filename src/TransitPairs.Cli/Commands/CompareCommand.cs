using System.CommandLine;
using System.Globalization;
using CsvHelper;
using TransitPairs.IO.Files;
using TransitPairs.IO.Planning;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.Planning;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs compare A B [C…]</c>: plans each scenario and prints the KPIs side by side
/// with the absolute and relative differences against the first; <c>--report FILE.html</c> also
/// writes the comparison page with every scenario's charts.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioFiles = new Argument<FileInfo[]>("SCENARIOS") { Description = "Two or more scenario files; the first is the baseline.", Arity = new ArgumentArity(2, 64) };
        var format = FormatOption.Create("", "table", "json", "csv");
        var report = new Option<FileInfo?>("--report") { Description = "Also write the comparison report (HTML) to this file." }.MustNameAFile();
        var solver = new ScenarioSolverOptions();
        var command = new Command("compare", "KPIs of several scenarios side by side, with differences against the first.");
        command.Arguments.Add(scenarioFiles);
        solver.AddTo(command);
        solver.AddBlocksTo(command);
        command.Options.Add(format);
        command.Options.Add(report);
        command.SetAction(parse => console.Guard(() =>
        {
            solver.Validate(parse);
            var budget = solver.CommandBudget(parse);
            // Load every scenario first, so that bad input is reported before any solving.
            var scenarios = parse.GetValue(scenarioFiles)!.Select(f => ScenarioLoader.Load(f.ToString())).ToList();
            var plans = new List<Plan>();
            using (var progress = ProgressLine.For(console, "compare", parse.GetValue(format)))
            {
                for (var i = 0; i < scenarios.Count; i++)
                {
                    progress.Step(i, scenarios.Count, "scenario");
                    progress.WriteLine(console.Error, $"planning {scenarios[i].Name} …");
                    plans.Add(Planner.Plan(scenarios[i], solver.For(scenarios[i], parse, budget, 1.0 / (scenarios.Count - i)), progress).Plan);
                }
            }

            var comparison = new KpiComparison(plans);
            switch (parse.GetValue(format))
            {
                case "json":
                    console.Out.WriteLine(comparison.Json().ToJsonString(PlanKpiJson.Options));
                    break;
                case "csv":
                    using (var csv = CsvWriter.Create(console.Out, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
                    {
                        csv.WriteHeader([.. comparison.CsvHeader]);
                        foreach (var row in comparison.CsvRows())
                        {
                            csv.WriteRecord(row);
                        }
                    }

                    break;
                default:
                    WriteTable(console.Out, comparison);
                    break;
            }

            if (parse.GetValue(report) is { } file)
            {
                AtomicFile.WriteText(file.FullName, comparison.Html());
                console.Error.WriteLine($"wrote {file.FullName}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteTable(TextWriter w, KpiComparison comparison)
    {
        var headings = comparison.Headings;
        var rows = comparison.TableRows();
        var labelWidth = Math.Max(3, rows.Max(r => r.Name.Length));
        var widths = headings.Select((h, i) => Math.Max(h.Length, rows.Max(r => r.Values[i].Length))).ToArray();
        w.WriteLine("KPI".PadRight(labelWidth) + string.Concat(headings.Select((h, i) => "  " + h.PadLeft(widths[i]))));
        foreach (var row in rows)
        {
            w.WriteLine(row.Name.PadRight(labelWidth) + string.Concat(row.Values.Select((v, i) => "  " + v.PadLeft(widths[i]))));
        }

        foreach (var plan in comparison.Plans)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Scenario.Name}: {plan.Scenario.ServiceDate:yyyy-MM-dd} {PlanKpiJson.Word(plan.Scenario.DayType.ToString())} {PlanKpiJson.Word(plan.Scenario.Season.ToString())}, solved in {plan.Kpis.SolverSeconds:0.0} s"));
        }
    }
}
