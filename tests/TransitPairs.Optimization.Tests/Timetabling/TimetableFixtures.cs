using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.Tests.Timetabling;

/// <summary>Small timetabling inputs written like a planner would say them.</summary>
internal static class TimetableFixtures
{
    public static readonly SolveOptions OneWorker = new(TimeSpan.FromSeconds(300), workers: 1, seed: 7);

    public static int Minute(string hhmm) => ServiceTime.Parse(hhmm).TotalMinutes;

    public static string Clock(int minute) => new ServiceTime(minute * 60).ToString();

    /// <summary>A non-stop direction A → B with demand at its max-load point by hour, e.g. <c>{ [6] = 100 }</c>.</summary>
    public static DirectionDemand NonStop(string id, string first, string last, int minHeadway, int maxHeadway, IReadOnlyDictionary<int, int> demandByHour, int capacity = 60, int desiredOccupancy = 40, int? fleetPerHour = null) =>
        new(id, Minute(first), Minute(last), new HeadwayBounds(minHeadway, maxHeadway),
            [new PatternDemand("express", capacity, desiredOccupancy, [65_000],
                demandByHour.OrderBy(kv => kv.Key).Select(kv => new PatternHourLoad(kv.Key, [kv.Value])).ToImmutableArray())],
            fleetPerHour);

    /// <summary>Run times of a non-stop pattern from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static PatternService Express(string from, string to, int runMinutes) =>
        new("express", [new PatternRunTimes(0, [new StopOffset(from, 0, 0), new StopOffset(to, runMinutes, runMinutes)])]);

    public static TimetableProblem Problem(TimetablePreferences preferences, IReadOnlyList<TransferEvent> rail, params (DirectionDemand Demand, PatternService Pattern)[] directions) =>
        new(directions.Select(d => new DirectionTimetableInput(FrequencyPlanner.Plan(d.Demand), [d.Pattern])).ToImmutableArray(),
            [.. rail], preferences);

    /// <summary>Departures of a direction as <c>06:00 06:20 …</c>.</summary>
    public static string Departures(IEnumerable<TimetableTrip> trips, string directionId) =>
        string.Join(' ', trips.Where(t => t.DirectionId == directionId).Select(t => Clock(t.DepartureMinute)));

    public static Dictionary<int, int> Hours(params (int Hour, int Passengers)[] demand) => demand.ToDictionary(d => d.Hour, d => d.Passengers);

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
