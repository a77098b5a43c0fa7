using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TransitPairs.Duties;
using TransitPairs.IO.Duties;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs crew FILE</c>: solves a public crew-scheduling instance (Beasley–Cao
/// <c>cspN.txt[.gz]</c> with <c>--crews K</c>, CSPLib set partitioning <c>.gz</c>, the OR-Tools
/// example's shift CSV) and prints duties, cost, lower bound, gap, status and time. Every answer
/// passes the independent checker before it is printed.
/// </summary>
internal static class CrewCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A crew instance: Beasley–Cao cspN.txt[.gz], CSPLib set partitioning NAME.gz, or the OR-Tools example's shift CSV." };
        var crews = new Option<int?>("--crews") { Description = "Beasley–Cao: use exactly K duties (the instance's K of known.csv)." };
        var method = new Option<string>("--method") { Description = "columns: column generation (default); cpsat: the OR-Tools example's own CP-SAT model (its shift CSV only), the yardstick.", DefaultValueFactory = _ => "columns" };
        method.AcceptOnlyFromAmong("columns", "cpsat");
        var format = FormatOption.Create("csv: one row per duty", "table", "json", "csv");
        var solver = new SolverOptionsBinding();
        var command = new Command("crew", "Solve a public crew (driver duty) scheduling benchmark and report duties, cost, lower bound and gap.");
        command.Arguments.Add(file);
        command.Options.Add(crews);
        command.Options.Add(method);
        command.Options.Add(format);
        solver.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var options = solver.Read(parse, SolverOptionsBinding.CommandDefaults);
            var limit = options.TimeLimit;
            var path = parse.GetValue(file)!.FullName;
            var k = parse.GetValue(crews);
            var kind = CrewInstanceReader.Detect(path);
            if (k is not null && (kind != CrewFormat.BeasleyCao || k < 1))
            {
                throw new InputException(new InputProblem("command line", "--crews", kind != CrewFormat.BeasleyCao ? "--crews applies to Beasley–Cao cspN files only." : $"{k} duties is not possible.", kind != CrewFormat.BeasleyCao ? "Leave --crews out for this file." : "Give 1 or more."));
            }

            var cpSat = parse.GetValue(method) == "cpsat";
            if (cpSat && kind != CrewFormat.ShiftCsv)
            {
                throw new InputException(new InputProblem("command line", "--method", "--method cpsat applies to the OR-Tools example's shift CSV only.", "Leave --method out for this file."));
            }

            var (name, answer, violations, drivers) = Solve(kind, path, k, options, cpSat);
            if (answer.Status == SolveStatus.Infeasible)
            {
                throw new NoFeasiblePlanException($"{name}: no set of duties covers every task{(k is null ? string.Empty : $" with exactly {k} duties")}.");
            }

            if (answer.Solution is not { } duties)
            {
                throw new NoFeasiblePlanException($"{name}: no duties found in {limit.TotalSeconds:0.#} s (lower bound {answer.Bound}){(answer.Explanation is { } why ? ": " + why.TrimEnd('.') : string.Empty)}; give it more time (--time-limit).");
            }

            if (violations.Count > 0)
            {
                throw new InvalidOperationException("The duties failed the independent check: " + string.Join(" ", violations.Take(5)));
            }

            var report = new CrewReport(
                name,
                FormatName(kind),
                duties.Duties.Count,
                duties.Cost,
                (long)answer.Bound,
                double.IsFinite(answer.Gap) ? Math.Round(answer.Gap, 6) : null,
                answer.Status.Word(),
                Math.Round(answer.Elapsed.TotalSeconds, 2),
                answer.Method,
                drivers,
                duties.Duties);
            Print(console, parse.GetValue(format)!, report);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (string Name, SolveOutcome<CrewDuties> Answer, IReadOnlyList<string> Violations, DriverFigures? Drivers) Solve(CrewFormat kind, string path, int? k, SolveOptions options, bool cpSat)
    {
        switch (kind)
        {
            case CrewFormat.BeasleyCao:
            {
                var instance = CrewInstanceReader.ReadBeasleyCao(path);
                var answer = CrewBenchmarkSolver.Solve(instance, k, options, options.StartBudget());
                return (instance.Name, answer, answer.Solution is { } s ? CrewInstanceChecker.Check(instance, k, s.Duties, s.Cost) : [], null);
            }

            case CrewFormat.SetPartitioning:
            {
                var instance = CrewInstanceReader.ReadSetPartitioning(path);
                var answer = CrewBenchmarkSolver.Solve(instance, options, options.StartBudget());
                return (instance.Name, answer, answer.Solution is { } s ? CrewInstanceChecker.Check(instance, s.Shifts, s.Cost) : [], null);
            }

            default:
            {
                var instance = CrewInstanceReader.ReadShifts(path);
                var answer = cpSat ? ShiftDayCpSat.Solve(instance, options, options.StartBudget()) : CrewBenchmarkSolver.Solve(instance, options, options.StartBudget());
                return (instance.Name, answer, answer.Solution is { } s ? CrewInstanceChecker.Check(instance, s.Duties) : [], answer.Solution is { } d ? DriverFigures.Of(d, answer.Bound) : null);
            }
        }
    }

    private static string FormatName(CrewFormat kind) => kind switch
    {
        CrewFormat.BeasleyCao => "beasley-cao",
        CrewFormat.SetPartitioning => "csplib-set-partitioning",
        _ => "ortools-shifts",
    };

    private static void Print(CliConsole console, string format, CrewReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (format)
        {
            case "json":
                console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                break;
            case "csv":
                console.Out.WriteLine("duty,tasks");
                for (var d = 0; d < report.Schedule.Count; d++)
                {
                    console.Out.WriteLine(string.Create(inv, $"{d + 1},{string.Join(' ', report.Schedule[d])}"));
                }

                break;
            default:
                console.Out.WriteLine($"instance     {report.Instance} ({report.Format})");
                console.Out.WriteLine(string.Create(inv, $"duties       {report.Duties}"));
                if (report.Drivers is { } dr)
                {
                    console.Out.WriteLine(string.Create(inv, $"drivers      {dr.Drivers} (lower bound {dr.DriverLowerBound}), working time {dr.WorkingMinutes} min"));
                }

                console.Out.WriteLine(string.Create(inv, $"cost         {report.Cost}"));
                console.Out.WriteLine(string.Create(inv, $"lower bound  {report.LowerBound}"));
                console.Out.WriteLine(string.Create(inv, $"gap          {(report.Gap is { } g ? (g * 100).ToString("0.000", inv) + " %" : "-")}"));
                console.Out.WriteLine($"status       {report.Status}");
                console.Out.WriteLine(string.Create(inv, $"seconds      {report.Seconds:0.00}"));
                console.Out.WriteLine($"method       {report.Method}");
                break;
        }
    }

    /// <summary>The OR-Tools day in its own terms: drivers and working minutes, split out of the weighted cost.</summary>
    internal sealed record DriverFigures(int Drivers, long DriverLowerBound, long WorkingMinutes)
    {
        /// <remarks>Working minutes stay below the driver weight, so the bound's whole weights are a bound on drivers.</remarks>
        public static DriverFigures Of(CrewDuties duties, double bound) =>
            new(duties.Duties.Count,
                (long)Math.Floor(bound / CrewBenchmarkSolver.ShiftDriverWeight),
                duties.Cost - (duties.Duties.Count * CrewBenchmarkSolver.ShiftDriverWeight));
    }

    internal sealed record CrewReport(
        string Instance,
        string Format,
        int Duties,
        long Cost,
        long LowerBound,
        double? Gap,
        string Status,
        double Seconds,
        string Method,
        DriverFigures? Drivers,
        IReadOnlyList<IReadOnlyList<int>> Schedule);
}
