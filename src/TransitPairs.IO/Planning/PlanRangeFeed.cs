using TransitPairs.IO.Gtfs;
using TransitPairs.Planning;
using TransitPairs.Scenarios;
using TransitPairs.Timetables;

namespace TransitPairs.IO.Planning;

/// <summary>
/// One GTFS feed for the plans of a range of dates. Days of the same kind (day type and season)
/// share one service: its trips appear once, with <c>service_id</c> the kind (e.g.
/// <c>weekday-summer</c>) and trip and block ids prefixed by it, and <c>calendar_dates.txt</c> adds
/// each date to its kind's service (no <c>calendar.txt</c>: public holidays and make-up working
/// days break any weekly pattern).
/// </summary>
public static class PlanRangeFeed
{
    /// <summary>The kind of a scenario's day, e.g. <c>weekday-summer</c> or <c>springFestival-winter</c>.</summary>
    public static string ServiceKind(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return $"{PlanKpiJson.Word(scenario.DayType.ToString())}-{PlanKpiJson.Word(scenario.Season.ToString())}";
    }

    /// <summary><paramref name="plan"/> (planned for another day of the same kind) dated as <paramref name="scenario"/>'s service date.</summary>
    public static Plan OnDate(Plan plan, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scenario);
        return new Plan(scenario, new Timetable(scenario.ServiceDate, plan.Timetable.Trips), plan.Schedule, plan.VehicleTypeOfBlock, plan.Loads, plan.Kpis, plan.Notes);
    }

    /// <summary>The feed of every plan's date; plans of one kind must have the same trips.</summary>
    public static GtfsFeed Build(IReadOnlyList<Plan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            throw new ArgumentException("A range feed needs at least one plan.", nameof(plans));
        }

        var kinds = plans.GroupBy(p => ServiceKind(p.Scenario), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var feeds = kinds.Select(g => (Kind: g.Key, Feed: PlanOutputs.Feed(g.First()))).ToList();
        var first = plans.Min(p => p.Scenario.ServiceDate);
        var last = plans.Max(p => p.Scenario.ServiceDate);
        string Id(string kind, string id) => $"{kind}-{id}";
        var info = feeds[0].Feed.FeedInfo! with { StartDate = first, EndDate = last };
        return new GtfsFeed(
            feeds[0].Feed.Agencies,
            [.. feeds.SelectMany(f => f.Feed.Stops).DistinctBy(s => s.Id).OrderBy(s => s.Id, StringComparer.Ordinal)],
            [.. feeds.SelectMany(f => f.Feed.Routes).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal)],
            [.. feeds.SelectMany(f => f.Feed.Trips.Select(t => t with { Id = Id(f.Kind, t.Id), ServiceId = f.Kind, BlockId = t.BlockId is null ? null : Id(f.Kind, t.BlockId) }))],
            [.. feeds.SelectMany(f => f.Feed.StopTimes.Select(s => s with { TripId = Id(f.Kind, s.TripId) }))],
            [],
            [.. plans.OrderBy(p => p.Scenario.ServiceDate).Select(p => new GtfsCalendarDate(ServiceKind(p.Scenario), p.Scenario.ServiceDate, GtfsException.Added))],
            [],
            info);
    }
}
