using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// Reads a GTFS feed (zip or folder). Every problem is collected before the read fails, each with
/// the file, the line and a fix; rows that cannot matter are skipped with a warning. Which is which
/// is the rule in docs/gtfs.md. stop_times.txt, by far the largest file, is read once, row by row,
/// into a compact per-trip form.
/// </summary>
public static class GtfsReader
{
    /// <summary>Files a feed must have (calendar.txt or calendar_dates.txt must be there too).</summary>
    public static readonly ImmutableArray<string> RequiredFiles =
        ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"];

    /// <summary>The whole feed, every trip with all its stop times.</summary>
    public static GtfsFeed Read(string path) => Read(path, out _);

    /// <summary>The whole feed; <paramref name="warnings"/> lists the rows skipped and why.</summary>
    public static GtfsFeed Read(string path, out IReadOnlyList<InputProblem> warnings)
    {
        var loader = GtfsLoader.Load(path, keepTrip: null);
        warnings = loader.Problems.Warnings;
        return loader.ToFeed();
    }

    /// <summary>
    /// The trips that run on <paramref name="date"/> and pass <paramref name="filter"/> as a feed
    /// of that day alone (see <c>docs/gtfs.md</c>): for publishing a day with other blocks.
    /// </summary>
    public static GtfsFeed ReadDayFeed(string path, LocalDate date, GtfsTripFilter? filter, out IReadOnlyList<InputProblem> warnings)
    {
        var loader = GtfsLoader.Load(path, DayFilter(date, filter));
        warnings = loader.Problems.Warnings;
        return loader.ToDayFeed(date);
    }

    /// <summary>
    /// The trips that run on <paramref name="date"/> and pass <paramref name="filter"/>, each reduced
    /// to its first and last call; frequency-based trips expanded into one trip per departure.
    /// </summary>
    public static GtfsServiceDay ReadServiceDay(string path, LocalDate date, GtfsTripFilter? filter = null) =>
        ReadServiceDay(path, date, filter, out _);

    /// <inheritdoc cref="ReadServiceDay(string, LocalDate, GtfsTripFilter?)"/>
    public static GtfsServiceDay ReadServiceDay(string path, LocalDate date, GtfsTripFilter? filter, out IReadOnlyList<InputProblem> warnings)
    {
        var loader = GtfsLoader.Load(path, DayFilter(date, filter));
        warnings = loader.Problems.Warnings;
        return loader.ToServiceDay(date);
    }

    /// <summary>Keeps the trips whose service runs on <paramref name="date"/> and whose route passes <paramref name="filter"/>.</summary>
    private static Func<GtfsLoader, GtfsTrip, bool> DayFilter(LocalDate date, GtfsTripFilter? filter)
    {
        filter ??= GtfsTripFilter.All;
        ImmutableHashSet<string>? active = null;
        Dictionary<string, GtfsRoute>? routes = null;
        return (loader, trip) =>
        {
            active ??= GtfsServiceCalendar.ActiveServices(loader.Calendars, loader.CalendarDates, date);
            routes ??= loader.Routes.ToDictionary(r => r.Id, StringComparer.Ordinal);
            return active.Contains(trip.ServiceId) && routes.TryGetValue(trip.RouteId, out var route) && filter.Admits(route);
        };
    }
}

/// <summary>
/// Which trips a service day keeps: routes of the given GTFS route_types (all when empty) minus
/// the routes named in <see cref="ExcludedRoutes"/> (matched against route_id or route_short_name).
/// </summary>
public sealed record GtfsTripFilter(ImmutableHashSet<int> RouteTypes, ImmutableHashSet<string> ExcludedRoutes)
{
    public static readonly GtfsTripFilter All = new([], []);

    public bool Admits(GtfsRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return (RouteTypes.IsEmpty || RouteTypes.Contains(route.Type))
            && !ExcludedRoutes.Contains(route.Id)
            && !(route.ShortName is not null && ExcludedRoutes.Contains(route.ShortName));
    }
}

/// <summary>One pass over a feed: small tables in full, stop_times compacted per kept trip, then the checks across files.</summary>
internal sealed class GtfsLoader
{
    private readonly GtfsSource _source;
    private readonly Dictionary<string, int> _stopIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tripIndex = new(StringComparer.Ordinal);
    private List<CompactStopTime>?[] _stopTimesByTrip = [];
    private bool[] _tripHasStopTimes = [];
    private bool[] _tripHasBadRow = [];

    private GtfsLoader(GtfsSource source)
    {
        _source = source;
        Problems = new GtfsProblems(source.Name);
    }

    public GtfsProblems Problems { get; }

    public List<GtfsAgency> Agencies { get; } = [];

    public List<GtfsStop> Stops { get; } = [];

    public List<GtfsRoute> Routes { get; } = [];

    public List<GtfsTrip> Trips { get; } = [];

    public List<GtfsCalendar> Calendars { get; } = [];

    public List<GtfsCalendarDate> CalendarDates { get; } = [];

    public List<GtfsFrequency> Frequencies { get; } = [];

    public GtfsFeedInfo? FeedInfo { get; private set; }

    /// <summary>Reads the feed; <paramref name="keepTrip"/> says which trips keep their stop times (all when null).</summary>
    public static GtfsLoader Load(string path, Func<GtfsLoader, GtfsTrip, bool>? keepTrip)
    {
        using var source = GtfsSource.Open(path);
        var loader = new GtfsLoader(source);
        loader.CheckRequiredFiles();
        loader.Problems.ThrowIfAny();
        loader.ReadAgencies();
        loader.ReadStops();
        loader.ReadRoutes();
        loader.ReadCalendars();
        loader.ReadCalendarDates();
        loader.ReadTrips();
        loader.ReadFrequencies();
        loader.ReadFeedInfo();
        var keep = new bool[loader.Trips.Count];
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = keepTrip is null || keepTrip(loader, loader.Trips[i]);
        }

        loader.ReadStopTimes(keep);
        loader.CheckTrips(keep);
        loader.CheckCalendars();
        loader.Problems.ThrowIfAny();
        return loader;
    }

    public GtfsFeed ToFeed()
    {
        var stopTimes = ImmutableArray.CreateBuilder<GtfsStopTime>();
        for (var t = 0; t < Trips.Count; t++)
        {
            foreach (var row in _stopTimesByTrip[t] ?? [])
            {
                stopTimes.Add(new GtfsStopTime(Trips[t].Id, row.Sequence, Stops[row.StopIndex].Id, ToTime(row.ArrivalSeconds), ToTime(row.DepartureSeconds)));
            }
        }

        return new GtfsFeed([.. Agencies], [.. Stops], [.. Routes], [.. Trips.Where((_, t) => _tripHasStopTimes[t])], stopTimes.ToImmutable(),
            [.. Calendars], [.. CalendarDates], [.. Frequencies], FeedInfo);
    }

    public GtfsServiceDay ToServiceDay(LocalDate date)
    {
        var trips = ImmutableArray.CreateBuilder<GtfsDayTrip>();
        var usedStops = new SortedSet<int>();
        foreach (var run in Runs())
        {
            var first = run.Rows[0];
            var last = run.Rows[^1];
            usedStops.Add(first.StopIndex);
            usedStops.Add(last.StopIndex);
            trips.Add(new GtfsDayTrip(run.Id, run.Trip.RouteId, run.Trip.BlockId, Stops[first.StopIndex].Id, new ServiceTime(run.Departure),
                Stops[last.StopIndex].Id, new ServiceTime(run.Arrival)));
        }

        var stops = usedStops.Select(i => Stops[i]).ToImmutableDictionary(s => s.Id, StringComparer.Ordinal);
        return new GtfsServiceDay(date, trips.ToImmutable(), stops);
    }

    /// <summary>
    /// The kept trips as a feed of their own for <paramref name="date"/>: one service running that
    /// date only, every frequency run written out as a trip, the routes, stops (with their parent
    /// stations) and agencies they use; shapes are left out.
    /// </summary>
    public GtfsFeed ToDayFeed(LocalDate date)
    {
        var service = "D" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var trips = ImmutableArray.CreateBuilder<GtfsTrip>();
        var stopTimes = ImmutableArray.CreateBuilder<GtfsStopTime>();
        var usedStops = new HashSet<string>(StringComparer.Ordinal);
        var usedRoutes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in Runs())
        {
            trips.Add(run.Trip with { Id = run.Id, ServiceId = service, ShapeId = null });
            usedRoutes.Add(run.Trip.RouteId);
            foreach (var row in run.Rows)
            {
                var stop = Stops[row.StopIndex];
                usedStops.Add(stop.Id);
                if (stop.ParentStation is not null)
                {
                    usedStops.Add(stop.ParentStation);
                }

                stopTimes.Add(new GtfsStopTime(run.Id, row.Sequence, stop.Id, Shift(row.ArrivalSeconds, run.Shift), Shift(row.DepartureSeconds, run.Shift)));
            }
        }

        var routes = Routes.Where(r => usedRoutes.Contains(r.Id)).ToList();
        var agencies = Agencies.Where(a => routes.Count == 0 || a.Id is null || routes.Any(r => r.AgencyId is null || r.AgencyId == a.Id)).ToList();
        return new GtfsFeed([.. agencies], [.. Stops.Where(s => usedStops.Contains(s.Id))], [.. routes], trips.ToImmutable(), stopTimes.ToImmutable(),
            [new GtfsCalendar(service, GtfsServiceCalendar.ToWeekdays(date.DayOfWeek), date, date)], [], [],
            FeedInfo is null ? null : FeedInfo with { StartDate = date, EndDate = date });
    }

    private static ServiceTime? Shift(int seconds, int shift) => seconds < 0 ? null : new ServiceTime(seconds + shift);

    /// <summary>
    /// Every run of the kept trips: a trip once, or a frequency-based trip once per departure
    /// (frequencies.txt: the pattern's times shifted so that it leaves at start, start + headway,
    /// … before end), with its id, its shift in seconds, and its first departure and last arrival.
    /// </summary>
    private IEnumerable<(GtfsTrip Trip, string Id, int Shift, List<CompactStopTime> Rows, int Departure, int Arrival)> Runs()
    {
        var frequencies = Frequencies.ToLookup(f => f.TripId, StringComparer.Ordinal);
        for (var t = 0; t < Trips.Count; t++)
        {
            var rows = _stopTimesByTrip[t];
            if (rows is null || rows.Count == 0 || _tripHasBadRow[t])
            {
                continue;
            }

            var trip = Trips[t];
            var departure = rows[0].DepartureSeconds >= 0 ? rows[0].DepartureSeconds : rows[0].ArrivalSeconds;
            var arrival = rows[^1].ArrivalSeconds >= 0 ? rows[^1].ArrivalSeconds : rows[^1].DepartureSeconds;
            var repeats = frequencies[trip.Id].ToList();
            if (repeats.Count == 0)
            {
                yield return (trip, trip.Id, 0, rows, departure, arrival);
                continue;
            }

            foreach (var repeat in repeats)
            {
                for (var start = repeat.Start.TotalSeconds; start < repeat.End.TotalSeconds; start += repeat.HeadwaySeconds)
                {
                    var shift = start - departure;
                    if (arrival + shift > ServiceTime.MaxSeconds || rows.Max(r => Math.Max(r.ArrivalSeconds, r.DepartureSeconds)) + shift > ServiceTime.MaxSeconds)
                    {
                        break;
                    }

                    yield return (trip, $"{trip.Id}@{new ServiceTime(start).ToGtfsString()}", shift, rows, start, arrival + shift);
                }
            }
        }
    }

    private static ServiceTime? ToTime(int seconds) => seconds < 0 ? null : new ServiceTime(seconds);

    private void CheckRequiredFiles()
    {
        foreach (var file in GtfsReader.RequiredFiles.Where(f => !_source.Has(f)))
        {
            Problems.Error(file, string.Empty, "The required file is missing from the feed.",
                $"Add {file}: every GTFS feed has agency, stops, routes, trips and stop_times.");
        }

        if (!_source.Has("calendar.txt") && !_source.Has("calendar_dates.txt"))
        {
            Problems.Error("calendar.txt", string.Empty, "The feed has neither calendar.txt nor calendar_dates.txt, so no trip runs on any date.",
                "Add calendar.txt (weekly pattern) or calendar_dates.txt (service dates), or both.");
        }
    }

    private GtfsTable? Open(string file, params string[] requiredColumns)
    {
        if (!_source.Has(file))
        {
            return null;
        }

        var table = new GtfsTable(_source, file, Problems);
        if (!table.RequireColumns(requiredColumns))
        {
            table.Dispose();
            return null;
        }

        return table;
    }

    private void ReadAgencies()
    {
        using var table = Open("agency.txt", "agency_name", "agency_url", "agency_timezone");
        while (table is not null && table.Read())
        {
            var name = table.Required("agency_name");
            var url = table.Required("agency_url");
            var zone = table.Required("agency_timezone");
            if (name is not null && url is not null && zone is not null)
            {
                Agencies.Add(new GtfsAgency(table.Optional("agency_id"), name, url, zone, table.Optional("agency_lang"), table.Optional("agency_phone")));
            }
        }
    }

    private void ReadStops()
    {
        using var table = Open("stops.txt", "stop_id");
        while (table is not null && table.Read())
        {
            var id = table.Required("stop_id");
            var locationType = table.OptionalInt("location_type", 0, 4) ?? 0;
            var latitude = table.OptionalDouble("stop_lat", -90, 90);
            var longitude = table.OptionalDouble("stop_lon", -180, 180);
            if (id is null || (locationType <= 2 && (latitude is null || longitude is null) && table.Optional("stop_lat") is not null && table.Optional("stop_lon") is not null))
            {
                continue;
            }

            if (locationType <= 2 && (table.Optional("stop_lat") is null || table.Optional("stop_lon") is null))
            {
                table.Error($"Stop '{id}' has no coordinates.", "Give stop_lat and stop_lon in WGS84 degrees (required for stops, stations and entrances).");
                continue;
            }

            if (!_stopIndex.TryAdd(id, Stops.Count))
            {
                table.Error($"Stop '{id}' appears twice.", "Give every stop its own stop_id.");
                continue;
            }

            Stops.Add(new GtfsStop(id, table.Optional("stop_name") ?? string.Empty, latitude, longitude,
                table.Optional("stop_code"), locationType, table.Optional("parent_station"), table.Optional("stop_desc")));
        }
    }

    private void ReadRoutes()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var table = Open("routes.txt", "route_id", "route_type");
        while (table is not null && table.Read())
        {
            var id = table.Required("route_id");
            var type = table.RequiredInt("route_type", 0, 1702);
            if (id is null || type is null)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                table.Error($"Route '{id}' appears twice.", "Give every route its own route_id.");
                continue;
            }

            Routes.Add(new GtfsRoute(id, table.Optional("agency_id"), table.Optional("route_short_name"), table.Optional("route_long_name"),
                type.Value, table.Optional("route_color"), table.Optional("route_text_color")));
        }
    }

    private static readonly (string Column, GtfsWeekdays Day)[] WeekdayColumns =
    [
        ("monday", GtfsWeekdays.Monday), ("tuesday", GtfsWeekdays.Tuesday), ("wednesday", GtfsWeekdays.Wednesday),
        ("thursday", GtfsWeekdays.Thursday), ("friday", GtfsWeekdays.Friday), ("saturday", GtfsWeekdays.Saturday),
        ("sunday", GtfsWeekdays.Sunday),
    ];

    private readonly List<string> _calendarLines = [];

    private void ReadCalendars()
    {
        using var table = Open("calendar.txt", ["service_id", .. WeekdayColumns.Select(w => w.Column), "start_date", "end_date"]);
        while (table is not null && table.Read())
        {
            var id = table.Required("service_id");
            var days = GtfsWeekdays.None;
            var daysOk = true;
            foreach (var (column, day) in WeekdayColumns)
            {
                var flag = table.RequiredInt(column, 0, 1);
                daysOk &= flag is not null;
                if (flag == 1)
                {
                    days |= day;
                }
            }

            var start = table.RequiredDate("start_date");
            var end = table.RequiredDate("end_date");
            if (id is null || !daysOk || start is null || end is null)
            {
                continue;
            }

            if (end < start)
            {
                table.Error($"Service '{id}' ends ({end:yyyyMMdd}) before it starts ({start:yyyyMMdd}).", "Swap start_date and end_date, or correct the wrong one.");
                continue;
            }

            Calendars.Add(new GtfsCalendar(id, days, start.Value, end.Value));
            _calendarLines.Add(table.Location);
        }
    }

    private void ReadCalendarDates()
    {
        using var table = Open("calendar_dates.txt", "service_id", "date", "exception_type");
        while (table is not null && table.Read())
        {
            var id = table.Required("service_id");
            var date = table.RequiredDate("date");
            var type = table.RequiredInt("exception_type", 1, 2);
            if (id is not null && date is not null && type is not null)
            {
                CalendarDates.Add(new GtfsCalendarDate(id, date.Value, (GtfsException)type.Value));
            }
        }
    }

    private void ReadTrips()
    {
        var routes = Routes.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var services = Calendars.Select(c => c.ServiceId).Concat(CalendarDates.Select(d => d.ServiceId)).ToHashSet(StringComparer.Ordinal);
        using var table = Open("trips.txt", "route_id", "service_id", "trip_id");
        while (table is not null && table.Read())
        {
            var routeId = table.Required("route_id");
            var serviceId = table.Required("service_id");
            var id = table.Required("trip_id");
            var direction = table.OptionalInt("direction_id", 0, 1);
            if (routeId is null || serviceId is null || id is null)
            {
                continue;
            }

            if (!routes.Contains(routeId))
            {
                table.Error($"Trip '{id}' names route '{routeId}', which routes.txt does not have.", "Add the route to routes.txt or correct route_id.");
                continue;
            }

            if (!services.Contains(serviceId))
            {
                table.Warning($"Trip '{id}' names service '{serviceId}', which neither calendar.txt nor calendar_dates.txt has, so it runs on no date; skipped.",
                    "Add the service to calendar.txt or calendar_dates.txt, or remove the trip.");
                continue;
            }

            if (!_tripIndex.TryAdd(id, Trips.Count))
            {
                table.Error($"Trip '{id}' appears twice.", "Give every trip its own trip_id.");
                continue;
            }

            Trips.Add(new GtfsTrip(id, routeId, serviceId, table.Optional("block_id"), table.Optional("trip_headsign"), direction, table.Optional("shape_id")));
        }
    }

    private readonly Dictionary<string, string> _frequencyLines = new(StringComparer.Ordinal);

    private void ReadFrequencies()
    {
        using var table = Open("frequencies.txt", "trip_id", "start_time", "end_time", "headway_secs");
        while (table is not null && table.Read())
        {
            var id = table.Required("trip_id");
            var start = table.OptionalTime("start_time", out var badStart);
            var end = table.OptionalTime("end_time", out var badEnd);
            var headway = table.RequiredInt("headway_secs", 1, ServiceTime.MaxSeconds);
            var exact = table.OptionalInt("exact_times", 0, 1) ?? 0;
            if (start is null && !badStart)
            {
                table.Error("start_time is empty.", "Give every frequency row a start_time.");
            }

            if (end is null && !badEnd)
            {
                table.Error("end_time is empty.", "Give every frequency row an end_time.");
            }

            if (id is null || start is null || end is null || headway is null)
            {
                continue;
            }

            if (!_tripIndex.ContainsKey(id))
            {
                table.Error($"Trip '{id}' is not in trips.txt.", "Add the trip to trips.txt or correct trip_id.");
                continue;
            }

            _frequencyLines.TryAdd(id, table.Location);
            Frequencies.Add(new GtfsFrequency(id, start.Value, end.Value, headway.Value, exact == 1));
        }
    }

    private void ReadFeedInfo()
    {
        using var table = Open("feed_info.txt", "feed_publisher_name", "feed_publisher_url", "feed_lang");
        if (table is not null && table.Read())
        {
            var name = table.Required("feed_publisher_name");
            var url = table.Required("feed_publisher_url");
            var language = table.Required("feed_lang");
            if (name is not null && url is not null && language is not null)
            {
                FeedInfo = new GtfsFeedInfo(name, url, language, table.OptionalDate("feed_start_date"), table.OptionalDate("feed_end_date"), table.Optional("feed_version"));
            }
        }
    }

    private void ReadStopTimes(bool[] keep)
    {
        _stopTimesByTrip = new List<CompactStopTime>?[Trips.Count];
        _tripHasStopTimes = new bool[Trips.Count];
        _tripHasBadRow = new bool[Trips.Count];
        using var table = Open("stop_times.txt", "trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence");
        while (table is not null && table.Read())
        {
            var errorsBefore = Problems.ErrorCount;
            var tripId = table.Required("trip_id");
            var stopId = table.Required("stop_id");
            var sequence = table.RequiredInt("stop_sequence", 0, int.MaxValue);
            var arrival = table.OptionalTime("arrival_time", out _);
            var departure = table.OptionalTime("departure_time", out _);
            if (tripId is not null && _tripIndex.TryGetValue(tripId, out var known))
            {
                // The trip's own checks would only repeat this row's problem in other words.
                _tripHasStopTimes[known] = true;
                _tripHasBadRow[known] |= Problems.ErrorCount > errorsBefore;
            }

            if (tripId is null || stopId is null || sequence is null)
            {
                continue;
            }

            if (!_tripIndex.TryGetValue(tripId, out var trip))
            {
                table.Error($"Trip '{tripId}' is not in trips.txt.", "Add the trip to trips.txt or remove its stop times.");
                continue;
            }

            if (!_stopIndex.TryGetValue(stopId, out var stop))
            {
                table.Error($"Stop '{stopId}' of trip '{tripId}' is not in stops.txt.", "Add the stop to stops.txt or correct stop_id.");
                _tripHasBadRow[trip] = true;
                continue;
            }

            if (keep[trip] && !_tripHasBadRow[trip])
            {
                (_stopTimesByTrip[trip] ??= []).Add(new CompactStopTime(sequence.Value, stop,
                    arrival?.TotalSeconds ?? -1, departure?.TotalSeconds ?? -1, table.LineNumber));
            }
        }
    }

    private void CheckTrips(bool[] keep)
    {
        for (var t = 0; t < Trips.Count; t++)
        {
            var id = Trips[t].Id;
            if (!_tripHasStopTimes[t])
            {
                if (_frequencyLines.TryGetValue(id, out var line))
                {
                    Problems.Error("frequencies.txt", line, $"Trip '{id}' repeats by frequency but has no stop times.",
                        "Give the trip its stop times (the pattern the frequency repeats), or remove the frequency.");
                }
                else
                {
                    Problems.Warning("trips.txt", string.Empty, $"Trip '{id}' has no stop times and nothing refers to it; skipped.",
                        "Give the trip its stop times in stop_times.txt, or remove it from trips.txt.");
                }

                continue;
            }

            var rows = _stopTimesByTrip[t];
            if (!keep[t] || rows is null || _tripHasBadRow[t])
            {
                continue;
            }

            rows.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            CheckTripTimes(id, rows);
        }
    }

    private void CheckTripTimes(string tripId, List<CompactStopTime> rows)
    {
        const string File = "stop_times.txt";
        if (rows.Count < 2)
        {
            Problems.Error(File, rows[0].Line, $"Trip '{tripId}' has only one stop time.", "A trip calls at two stops at least: add the others.");
            return;
        }

        if (rows[0].ArrivalSeconds < 0 && rows[0].DepartureSeconds < 0)
        {
            Problems.Error(File, rows[0].Line, $"The first stop of trip '{tripId}' has no time.", "Give the first and last stop of every trip an arrival_time and a departure_time.");
        }

        if (rows[^1].ArrivalSeconds < 0 && rows[^1].DepartureSeconds < 0)
        {
            Problems.Error(File, rows[^1].Line, $"The last stop of trip '{tripId}' has no time.", "Give the first and last stop of every trip an arrival_time and a departure_time.");
        }

        var previous = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (i > 0 && row.Sequence == rows[i - 1].Sequence)
            {
                Problems.Error(File, row.Line, $"Trip '{tripId}' has stop_sequence {row.Sequence} twice.", "Number the stops of a trip with increasing stop_sequence.");
            }

            foreach (var seconds in (ReadOnlySpan<int>)[row.ArrivalSeconds, row.DepartureSeconds])
            {
                if (seconds < 0)
                {
                    continue;
                }

                if (seconds < previous)
                {
                    Problems.Error(File, row.Line,
                        $"Trip '{tripId}' goes back in time at stop_sequence {row.Sequence} ({new ServiceTime(seconds).ToGtfsString()} after {new ServiceTime(previous).ToGtfsString()}).",
                        "Times along a trip never decrease: after midnight write 24:10:00, not 00:10:00.");
                    return;
                }

                previous = seconds;
            }
        }
    }

    private void CheckCalendars()
    {
        var added = CalendarDates.Where(d => d.Exception == GtfsException.Added).Select(d => d.ServiceId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Calendars.Count; i++)
        {
            var calendar = Calendars[i];
            if (calendar.Days == GtfsWeekdays.None && !added.Contains(calendar.ServiceId))
            {
                Problems.Warning("calendar.txt", _calendarLines[i],
                    $"Service '{calendar.ServiceId}' runs on no day of the week and calendar_dates.txt adds no date to it, so it never runs.",
                    "Set at least one of monday…sunday to 1, or add its dates to calendar_dates.txt with exception_type 1.");
            }
        }
    }

    /// <summary>One stop_times row of a kept trip: times in seconds of the service day, −1 when absent.</summary>
    private readonly record struct CompactStopTime(int Sequence, int StopIndex, int ArrivalSeconds, int DepartureSeconds, int LineNumber)
    {
        public string Line => $"line {LineNumber}";
    }
}
