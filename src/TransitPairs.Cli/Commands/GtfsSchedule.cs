using System.Diagnostics;
using System.Globalization;
using TransitPairs.IO.Gtfs;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>schedule --gtfs FEED --date D</c>: the fewest vehicles, then the fewest empty kilometres,
/// for the trips a real agency runs that day under a stated empty-run model, beside what the
/// agency's own blocks (block_id) need and the deficit bound. The schedule passes the same
/// independent checker as every other schedule.
/// </summary>
internal static class GtfsSchedule
{
    public static int Run(GtfsScheduleRequest request, SchedulingRules rules, SolveOptions solverOptions, WallClockBudget budget, string format, FileInfo? blocksCsv, CliConsole console)
    {
        var clock = Stopwatch.StartNew();
        using var progress = ProgressLine.For(console, "schedule " + Path.GetFileName(request.Feed), format, solverOptions.TimeLimit);
        progress.Stage("reading the feed");
        var day = GtfsReader.ReadServiceDay(request.Feed, request.Date, request.Filter, out var warnings);
        foreach (var warning in warnings)
        {
            progress.WriteLine(console.Error, $"warning: {warning}");
        }

        if (day.Trips.IsEmpty)
        {
            throw new InputException(new InputProblem(request.Feed, string.Empty,
                $"No trip runs on {request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} after the route filter.",
                "Pick a date the feed's calendar covers, or loosen --route-types / --exclude-routes."));
        }

        var vehicleDay = new GtfsVehicleDay(day, request.EmptyRuns);
        progress.Stage($"building the network of {day.Trips.Length} trips");
        var problem = vehicleDay.ToSchedulingProblem(rules, OperatingCosts.FleetThenEmptyKm);
        progress.Stage("solving the vehicle blocks");
        var (result, schedule) = ScheduleCommand.Run(problem, solverOptions, budget);
        progress.Report(new SolveProgress("writing", schedule.Schedule.Vehicles, schedule.FleetLowerBound, "vehicles"));
        var agency = day.AgencyBlocks();
        var report = new GtfsScheduleReport(
            request.Feed,
            request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            day.Trips.Length,
            schedule.Schedule.Vehicles,
            schedule.FleetLowerBound,
            agency.BlockIds,
            agency.PeakBlocks,
            agency.PeakTripsInService,
            new EmptyRunModelReport("straight-line", request.EmptyRuns.SpeedKmh, request.EmptyRuns.DetourFactor,
                rules.MinLayoverSeconds / 60.0, $"{request.EmptyRuns.Describe()}, least layover {rules.MinLayoverSeconds / 60.0:0.##} min"),
            Math.Round(schedule.Schedule.Blocks.Sum(b => b.Events.Where(e => e.Kind != BlockEventKind.Trip).Sum(e => e.DistanceMetres)) / 1000.0, 3),
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            result.Status.Word(),
            double.IsFinite(result.Gap) ? Math.Round(result.Gap, 6) : null);
        progress.Dispose();
        ScheduleCommand.Print(console, format, report, report.WriteTable, schedule.Schedule, blocksCsv);
        if (request.OutGtfs is not null)
        {
            // The day's full stop times are read again only when asked for: scheduling needs first and last calls alone.
            var dayFeed = GtfsReader.ReadDayFeed(request.Feed, request.Date, request.Filter, out _);
            var blockOfTrip = schedule.Schedule.Blocks.SelectMany(b => b.TripIds.Select(t => (Trip: t, b.VehicleId)))
                .ToDictionary(p => p.Trip, p => p.VehicleId, StringComparer.Ordinal);
            GtfsWriter.Write(dayFeed.WithBlocks(blockOfTrip), request.OutGtfs);
            console.Error.WriteLine($"wrote {request.OutGtfs}");
        }
        return ExitCodes.Ok;
    }
}

/// <summary>The empty-run model a GTFS schedule used, stated in its output.</summary>
internal sealed record EmptyRunModelReport(string Kind, double SpeedKmh, double DetourFactor, double MinLayoverMinutes, string Description);

/// <summary>
/// The output of <c>schedule --gtfs</c>; JSON field names are the camelCase of these.
/// <see cref="LowerBound"/> is the deficit bound under the least layover (most trips in service
/// at once); <see cref="Seconds"/> is the whole run: reading the feed, solving and checking.
/// </summary>
internal sealed record GtfsScheduleReport(
    string Feed,
    string Date,
    int Trips,
    int Vehicles,
    int LowerBound,
    int? AgencyBlockIds,
    int? AgencyPeakBlocks,
    int PeakTripsInService,
    EmptyRunModelReport EmptyRunModel,
    double EmptyKm,
    double Seconds,
    string Status,
    double? Gap)
{
    public void WriteTable(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"feed                {Feed}");
        output.WriteLine($"date                {Date}");
        output.WriteLine(string.Create(inv, $"trips               {Trips}"));
        output.WriteLine(string.Create(inv, $"vehicles            {Vehicles}"));
        output.WriteLine(string.Create(inv, $"lower bound         {LowerBound}"));
        output.WriteLine(string.Create(inv, $"agency block ids    {AgencyBlockIds?.ToString(inv) ?? "-"}"));
        output.WriteLine(string.Create(inv, $"agency peak blocks  {AgencyPeakBlocks?.ToString(inv) ?? "-"}"));
        output.WriteLine(string.Create(inv, $"empty runs          {EmptyRunModel.Description}"));
        output.WriteLine(string.Create(inv, $"empty km            {EmptyKm:0.###}"));
        output.WriteLine(string.Create(inv, $"status              {Status}"));
        output.WriteLine(string.Create(inv, $"gap                 {(Gap is { } g ? (g * 100).ToString("0.###", inv) + " %" : "-")}"));
        output.WriteLine(string.Create(inv, $"seconds             {Seconds:0.###}"));
    }
}
