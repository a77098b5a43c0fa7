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
/// <c>transitpairs schedule --trips FILE.csv</c> (or <c>--gtfs FEED --date D</c>, see <see cref="GtfsSchedule"/>):
/// vehicle blocks for a day of trips (fewest vehicles,
/// then least empty running), checked by the independent checker, printed as a table, JSON or
/// <c>blocks.csv</c> rows, and optionally written to <c>--out</c>.
/// </summary>
internal static class ScheduleCommand
{
    public static Command Create(CliConsole console)
    {
        var trips = new Option<FileInfo?>("--trips") { Description = "Trips CSV: trip_id,from_stop,departure,to_stop,arrival (HH:MM or HH:MM:SS, may pass 24:00)." };
        var gtfs = new GtfsScheduleOptions();
        var deadheads = new Option<FileInfo?>("--deadheads") { Description = "Empty runs CSV: from_stop,to_stop,minutes,km. Without it a vehicle only continues from the stop where it is." };
        var depots = new Option<FileInfo?>("--depots") { Description = "Depots CSV: depot_id,stop,vehicles (vehicles empty = no limit). Without it vehicles start at their first trip." };
        var layover = new Option<double>("--min-layover") { Description = "Least minutes between arriving and the next departure (or empty run).", DefaultValueFactory = _ => 0 };
        var format = FormatOption.Create("blocks.csv rows", "table", "json", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "Also write the blocks to this CSV file (one row per event)." }.MustNameAFile();
        var solver = new SolverOptionsBinding();
        var command = new Command("schedule", "Vehicle blocks for a day of trips: fewest vehicles, then least empty running; with a lower bound and the gap.");
        command.Options.Add(trips);
        gtfs.AddTo(command);
        command.Options.Add(deadheads);
        command.Options.Add(depots);
        command.Options.Add(layover);
        solver.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse => console.Guard(() =>
        {
            var options = solver.Read(parse, SolverOptionsBinding.CommandDefaults);
            var budget = options.StartBudget();
            var minLayover = parse.GetValue(layover);
            if (!(minLayover >= 0) || minLayover > 24 * 60)
            {
                throw new InputException(new InputProblem("command line", "--min-layover", $"{minLayover} is not a layover in minutes.", "Give minutes between 0 and 1440."));
            }

            if (gtfs.IsUsed(parse, parse.GetValue(trips) is not null, parse.GetValue(deadheads) is not null, parse.GetValue(depots) is not null))
            {
                return GtfsSchedule.Run(gtfs.Read(parse), new SchedulingRules((int)Math.Round(minLayover * 60)), options, budget,
                    parse.GetValue(format)!, parse.GetValue(output), console);
            }

            var problem = new VehicleSchedulingProblem(
                SchedulingCsv.ReadTrips(parse.GetValue(trips)!.FullName),
                parse.GetValue(deadheads) is { } d ? SchedulingCsv.ReadDeadheads(d.FullName) : DeadheadTable.None,
                parse.GetValue(depots) is { } p ? SchedulingCsv.ReadDepots(p.FullName) : [],
                new SchedulingRules((int)Math.Round(minLayover * 60)),
                OperatingCosts.FleetThenEmptyKm);
            var (result, schedule) = Run(problem, options, budget);
            var report = ScheduleReport.From(problem, result, schedule);
            Print(console, parse.GetValue(format)!, report, o => report.WriteTable(o, schedule.Schedule), schedule.Schedule, parse.GetValue(output));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Prints a schedule as <paramref name="format"/> says (json: the report; csv: blocks.csv rows;
    /// table: <paramref name="writeTable"/>) and writes blocks.csv to <paramref name="blocksCsv"/> when given.
    /// </summary>
    public static void Print<TReport>(CliConsole console, string format, TReport report, Action<TextWriter> writeTable, VehicleSchedule schedule, FileInfo? blocksCsv)
    {
        switch (format)
        {
            case "json":
                console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                break;
            case "csv":
                SchedulingCsv.WriteBlocks(console.Out, schedule);
                break;
            default:
                writeTable(console.Out);
                break;
        }

        if (blocksCsv is not null)
        {
            SchedulingCsv.WriteBlocks(blocksCsv.FullName, schedule);
            console.Error.WriteLine($"wrote {blocksCsv.FullName}");
        }
    }

    /// <summary>
    /// Solves and checks (<see cref="TripScheduler.SolveChecked"/>): a schedule that fails the
    /// independent checker is a fault. No schedule → <see cref="NoFeasiblePlanException"/>.
    /// </summary>
    public static (SolveOutcome<TripSchedule> Outcome, TripSchedule Schedule) Run(VehicleSchedulingProblem problem, SolveOptions options, WallClockBudget budget)
    {
        var result = TripScheduler.SolveChecked(problem, options, budget, "the schedule");
        return result.Solution is { } schedule
            ? (result, schedule)
            : throw new NoFeasiblePlanException(result.Status == SolveStatus.Infeasible
                ? "no set of vehicle blocks covers every trip: some trip cannot be reached from a depot or the depots have too few vehicles (add empty runs in --deadheads or raise depot limits)."
                : string.Create(CultureInfo.InvariantCulture, $"no schedule found within the time limit (lower bound {result.Bound:0.##}); raise --time-limit."));
    }

    internal sealed record ScheduleReport(
        int Trips,
        int Vehicles,
        int FleetLowerBound,
        decimal Cost,
        decimal LowerBound,
        double? Gap,
        string Status,
        double EmptyKm,
        double Seconds,
        string Method)
    {
        public static ScheduleReport From(VehicleSchedulingProblem problem, SolveOutcome<TripSchedule> result, TripSchedule schedule) => new(
            problem.Trips.Length,
            schedule.Schedule.Vehicles,
            schedule.FleetLowerBound,
            schedule.Cost,
            schedule.LowerBound,
            double.IsFinite(result.Gap) ? Math.Round(result.Gap, 6) : null,
            result.Status.Word(),
            Math.Round(schedule.Schedule.Blocks.Sum(b => b.Events.Where(e => e.Kind != BlockEventKind.Trip).Sum(e => e.DistanceMetres)) / 1000.0, 3),
            Math.Round(result.Elapsed.TotalSeconds, 3),
            result.Method);

        public void WriteTable(TextWriter output, VehicleSchedule schedule)
        {
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv, $"trips {Trips}  vehicles {Vehicles} (fleet bound {FleetLowerBound})  empty km {EmptyKm:0.###}  cost {Cost}  bound {LowerBound}  gap {(Gap is { } g ? (g * 100).ToString("0.###", inv) + " %" : "-")}  {Status}  {Seconds:0.###} s"));
            output.WriteLine();
            output.WriteLine("vehicle  depot      out    in     trips");
            foreach (var block in schedule.Blocks)
            {
                output.WriteLine(string.Create(inv, $"{block.VehicleId,-8} {block.DepotId ?? "-",-10} {block.Events[0].Start,-6} {block.Events[^1].End,-6} {string.Join(' ', block.TripIds)}"));
            }
        }
    }
}
