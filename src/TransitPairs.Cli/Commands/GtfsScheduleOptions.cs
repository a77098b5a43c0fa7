using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using TransitPairs.IO.Gtfs;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// The options of <c>schedule --gtfs FEED --date D</c>: which feed and day, which routes, and the
/// empty-run model (GTFS carries no empty-run times, so the output states the model it used).
/// </summary>
internal sealed class GtfsScheduleOptions
{
    public Option<string?> Gtfs { get; } = new("--gtfs") { Description = "A GTFS feed (zip or folder): schedule the vehicles for its trips on --date." };

    public Option<string?> Date { get; } = new("--date") { Description = "Service date of the GTFS feed, YYYY-MM-DD." };

    public Option<string?> RouteTypes { get; } = new("--route-types") { Description = "Only routes of these GTFS route types, comma-separated (3 = bus)." };

    public Option<string?> ExcludeRoutes { get; } = new("--exclude-routes") { Description = "Leave out these routes (route_id or route_short_name), comma-separated." };

    public Option<double?> DeadheadSpeed { get; } = new("--deadhead-speed")
    {
        Description = FormattableString.Invariant($"Empty-run speed, km/h, for GTFS feeds (default {StraightLineEmptyRuns.PlanningDefault.SpeedKmh})."),
    };

    public Option<double?> DetourFactor { get; } = new("--detour-factor")
    {
        Description = FormattableString.Invariant($"Road over straight-line distance for GTFS empty runs (default {StraightLineEmptyRuns.PlanningDefault.DetourFactor})."),
    };

    public Option<FileInfo?> OutGtfs { get; } = new Option<FileInfo?>("--out-gtfs") { Description = "Also write the day's trips as a GTFS zip with our vehicles as block_id (with --gtfs)." }.MustNameAFile();

    public void AddTo(Command command)
    {
        command.Options.Add(OutGtfs);
        command.Options.Add(Gtfs);
        command.Options.Add(Date);
        command.Options.Add(RouteTypes);
        command.Options.Add(ExcludeRoutes);
        command.Options.Add(DeadheadSpeed);
        command.Options.Add(DetourFactor);
    }

    /// <summary>
    /// True when the command schedules a GTFS feed; checks that exactly one source of trips is given
    /// and that no option of the other source is (every problem at once).
    /// </summary>
    public bool IsUsed(ParseResult parse, bool tripsGiven, bool deadheadsGiven, bool depotsGiven)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var gtfsGiven = parse.GetValue(Gtfs) is not null;
        var problems = new List<InputProblem>();
        if (gtfsGiven == tripsGiven)
        {
            problems.Add(new InputProblem("command line", "--trips / --gtfs", gtfsGiven ? "Both --trips and --gtfs are given." : "No trips are given.",
                "Give the trips either as --trips FILE.csv or as --gtfs FEED --date YYYY-MM-DD."));
        }

        if (gtfsGiven)
        {
            foreach (var (given, name) in new[] { (deadheadsGiven, "--deadheads"), (depotsGiven, "--depots") })
            {
                if (given)
                {
                    problems.Add(new InputProblem("command line", name, $"{name} is not used with --gtfs: empty runs come from the straight-line model and vehicles need no depot.",
                        "Leave it out, and set the empty-run model with --deadhead-speed and --detour-factor."));
                }
            }
        }
        else
        {
            foreach (var option in new Option[] { Date, RouteTypes, ExcludeRoutes, DeadheadSpeed, DetourFactor, OutGtfs })
            {
                if (parse.GetResult(option) is { Implicit: false })
                {
                    problems.Add(new InputProblem("command line", option.Name, $"{option.Name} applies to a GTFS feed only.", "Add --gtfs FEED, or leave the option out."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return gtfsGiven;
    }

    /// <summary>Reads the GTFS options (every problem at once).</summary>
    public GtfsScheduleRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var problems = new List<InputProblem>();
        var feed = parse.GetValue(Gtfs)!;
        var dateText = parse.GetValue(Date);
        LocalDate date = default;
        if (dateText is null)
        {
            problems.Add(new InputProblem("command line", "--date", "A GTFS feed needs a service date.", "Add --date YYYY-MM-DD, a day the feed's calendar covers."));
        }
        else if (LocalDatePattern.Iso.Parse(dateText) is { Success: true } parsed)
        {
            date = parsed.Value;
        }
        else
        {
            problems.Add(new InputProblem("command line", "--date", $"'{dateText}' is not a date YYYY-MM-DD.", "Write the date as YYYY-MM-DD, for example 2020-11-16."));
        }

        var types = ImmutableHashSet.CreateBuilder<int>();
        foreach (var part in Split(parse.GetValue(RouteTypes)))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var type))
            {
                types.Add(type);
            }
            else
            {
                problems.Add(new InputProblem("command line", "--route-types", $"'{part}' is not a GTFS route type.", "List route types as whole numbers, comma-separated (3 = bus, 0 = tram)."));
            }
        }

        var defaults = StraightLineEmptyRuns.PlanningDefault;
        var speed = parse.GetValue(DeadheadSpeed) ?? defaults.SpeedKmh;
        var detour = parse.GetValue(DetourFactor) ?? defaults.DetourFactor;
        if (!(speed > 0) || speed > 200)
        {
            problems.Add(new InputProblem("command line", "--deadhead-speed", FormattableString.Invariant($"{speed} km/h is not an empty-run speed."), "Give a speed above 0 and at most 200 km/h."));
        }

        if (!(detour >= 1) || detour > 5)
        {
            problems.Add(new InputProblem("command line", "--detour-factor", FormattableString.Invariant($"{detour} is not a detour factor."), "Give a factor from 1 (straight line) to 5."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return new GtfsScheduleRequest(feed, date, new GtfsTripFilter(types.ToImmutable(), [.. Split(parse.GetValue(ExcludeRoutes))]),
            new StraightLineEmptyRuns(speed, detour), parse.GetValue(OutGtfs)?.FullName);
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What to schedule from a GTFS feed: the feed, the day, the route filter, the empty-run model, and where to write the re-blocked day (or null).</summary>
internal sealed record GtfsScheduleRequest(string Feed, LocalDate Date, GtfsTripFilter Filter, StraightLineEmptyRuns EmptyRuns, string? OutGtfs = null);
