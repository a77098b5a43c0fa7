using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TransitPairs.IO.Scheduling;
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
        var format = new Option<string>("--format") { Description = "Output: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var solver = new SolverOptionsBinding();
        var command = new Command("mdvsp", "Solve a multiple-depot vehicle scheduling benchmark instance and report fleet, cost, lower bound and gap.");
        command.Arguments.Add(instance);
        command.Options.Add(format);
        solver.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var (limit, threads, seed) = solver.Read(parse);
            var file = parse.GetValue(instance)!;
            VspSolution solution;
            CostMatrixInstance problem;
            using (var progress = ProgressLine.For(console, "mdvsp " + file.Name, parse.GetValue(format), limit))
            {
                progress.Stage("reading the instance");
                problem = MdvspInstanceReader.ReadCostMatrix(file.FullName);
                progress.Stage($"solving {problem.Trips} trips, {problem.Depots} depots");
                solution = VspSolver.Solve(problem, new VspOptions(limit, threads, seed));
            }

            if (solution.Status == VspStatus.Infeasible)
            {
                throw new NoFeasiblePlanException($"{problem.Name}: no schedule covers every trip within the depot limits.");
            }

            long cost = 0;
            if (solution.Status != VspStatus.NoSolutionFound)
            {
                var check = CostMatrixScheduleChecker.Check(problem, [.. solution.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], (long)solution.Cost);
                if (!check.IsValid)
                {
                    throw new InvalidOperationException("The schedule failed the independent check: " + string.Join(" ", check.Violations.Take(5)));
                }

                cost = (long)solution.Cost;
            }

            var report = new MdvspReport(
                problem.Name,
                problem.Trips,
                problem.Depots,
                solution.Vehicles,
                cost,
                cost - (BenchmarkVehicleCost * solution.Vehicles),
                (long)solution.LowerBound,
                double.IsFinite(solution.Gap) ? Math.Round(solution.Gap, 6) : null,
                StatusText.Of(solution.Status),
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

/// <summary>Status words shared by the solving commands.</summary>
internal static class StatusText
{
    public static string Of(VspStatus status) => status switch
    {
        VspStatus.Optimal => "optimal",
        VspStatus.Feasible => "feasible",
        VspStatus.Infeasible => "infeasible",
        _ => "no_solution",
    };
}

/// <summary>The JSON settings of every command: camelCase, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
