using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs mdvsp INSTANCE</c>: solves a multiple-depot benchmark instance (cost-matrix form,
/// plain or .gz) and prints fleet, cost, operating cost, bound, gap and time. The schedule is
/// checked by the independent checker before anything is printed.
/// </summary>
internal static class MdvspCommand
{
    /// <summary>The vehicle cost inside the benchmark matrices (5,000 on pull-out + 5,000 on pull-in).</summary>
    public const long BenchmarkVehicleCost = 10_000;

    public static Command Create(CliConsole console)
    {
        var instance = new Argument<FileInfo>("INSTANCE") { Description = "An MDVSP instance in cost-matrix form (Pepin et al. 2009), plain or gzipped." };
        var format = FormatOption.Create("", "table", "json");
        var solver = new SolverOptionsBinding();
        var command = new Command("mdvsp", "Solve a multiple-depot vehicle scheduling benchmark instance and report fleet, cost, lower bound and gap.");
        command.Arguments.Add(instance);
        command.Options.Add(format);
        solver.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var options = solver.Read(parse, SolverOptionsBinding.CommandDefaults);
            var file = parse.GetValue(instance)!;
            SolveOutcome<VspSchedule> solution;
            CostMatrixInstance problem;
            using (var progress = ProgressLine.For(console, "mdvsp " + file.Name, parse.GetValue(format), options.TimeLimit))
            {
                progress.Stage("reading the instance");
                problem = MdvspInstanceReader.ReadCostMatrix(file.FullName);
                progress.Stage($"solving {problem.Trips} trips, {problem.Depots} depots");
                var instance = problem;
                solution = CheckedSolve.Run(
                    () => VspSolver.Solve(instance, options, options.StartBudget()),
                    s => CostMatrixScheduleChecker.Check(instance, [.. s.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], (long)s.Cost).Violations,
                    instance.Name);
            }

            if (solution.Status == SolveStatus.Infeasible)
            {
                throw new NoFeasiblePlanException($"{problem.Name}: no schedule covers every trip within the depot limits.");
            }

            var vehicles = solution.Solution?.Vehicles ?? 0;
            var cost = (long)(solution.Solution?.Cost ?? 0);
            var report = new MdvspReport(
                problem.Name,
                problem.Trips,
                problem.Depots,
                vehicles,
                cost,
                cost - (BenchmarkVehicleCost * vehicles),
                (long)solution.Bound,
                double.IsFinite(solution.Gap) ? Math.Round(solution.Gap, 6) : null,
                solution.Status.Word(),
                Math.Round(solution.Elapsed.TotalSeconds, 2),
                solution.Method);
            if (parse.GetValue(format) == "json")
            {
                console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            }
            else
            {
                var inv = CultureInfo.InvariantCulture;
                console.Out.WriteLine(string.Create(inv, $"instance        {report.Instance}"));
                console.Out.WriteLine(string.Create(inv, $"trips / depots  {report.Trips} / {report.Depots}"));
                console.Out.WriteLine(string.Create(inv, $"vehicles        {report.Vehicles}"));
                console.Out.WriteLine(string.Create(inv, $"cost            {report.Cost}"));
                console.Out.WriteLine(string.Create(inv, $"operating cost  {report.OperatingCost}"));
                console.Out.WriteLine(string.Create(inv, $"lower bound     {report.LowerBound}"));
                console.Out.WriteLine(string.Create(inv, $"gap             {(report.Gap is { } g ? (g * 100).ToString("0.000", inv) + " %" : "-")}"));
                console.Out.WriteLine(string.Create(inv, $"status          {report.Status}"));
                console.Out.WriteLine(string.Create(inv, $"seconds         {report.Seconds:0.00}"));
                console.Out.WriteLine(string.Create(inv, $"method          {report.Method}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    internal sealed record MdvspReport(
        string Instance,
        int Trips,
        int Depots,
        int Vehicles,
        long Cost,
        long OperatingCost,
        long LowerBound,
        double? Gap,
        string Status,
        double Seconds,
        string Method);
}

/// <summary>The JSON settings of every command: camelCase, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
