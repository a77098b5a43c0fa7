using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Demand;
using TransitPairs.Duties;
using TransitPairs.Network;
using TransitPairs.Places;
using TransitPairs.Policy;
using TransitPairs.Scenarios;
using TransitPairs.Time;
using TransitPairs.Validation;
using TransitPairs.Vehicles;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Turns a composed scenario tree into domain objects, field by field, recording every problem
/// with its path. Each domain constructor still validates its own arguments; its complaint is
/// placed at the field the argument came from.
/// </summary>
internal sealed class ScenarioReader(ScenarioDocument document)
{
    private readonly ProblemSink problems = document.Problems;

    public Scenario? Read()
    {
        var root = new JsonScope(document.Root!, "$", problems);
        var name = root.String("name", required: false) ?? Path.GetFileNameWithoutExtension(document.MainFile);
        var description = root.String("description", required: false) ?? string.Empty;

        var corridorScopes = root.Object("corridors")?.Entries() ?? [];
        var corridors = corridorScopes.Select(c => ReadCorridor(c.Key, c.Scope)).ToList();
        var allCorridorsRead = corridorScopes.Count > 0 && corridors.All(c => c is not null);
        var builtCorridors = corridors.OfType<Corridor>().ToImmutableArray();

        var vehicleTypes = (root.Object("vehicleTypes")?.Entries() ?? []).Select(v => ReadVehicleType(v.Key, v.Scope)).ToList();

        var serviceDate = root.Date("serviceDate");
        var calendarPath = root.String("calendar", required: false);
        ServiceCalendar? calendar = null;
        if (calendarPath is not null)
        {
            var calendarProblems = new List<InputProblem>();
            calendar = CalendarLoader.Read(calendarPath, calendarProblems);
            calendarProblems.ForEach(problems.Add);
        }

        var dayType = root.Enum<DayType>("dayType", required: calendarPath is null);
        var season = root.Enum<Season>("season", required: calendarPath is null);
        if (calendar is not null && serviceDate is { } date && (dayType is null || season is null))
        {
            if (!calendar.Covers(date))
            {
                problems.At(root.PathOf("serviceDate"), $"{date:yyyy-MM-dd} lies outside the calendar ({calendar.Validity.First:yyyy-MM-dd} to {calendar.Validity.Last:yyyy-MM-dd}).",
                    "Pick a date the calendar covers, or give 'dayType' and 'season' explicitly.");
            }
            else
            {
                dayType ??= calendar.DayTypeOf(date);
                season ??= calendar.SeasonOf(date);
            }
        }

        var demand = root.Object("demand") is { } demandScope ? ReadDemand(demandScope, builtCorridors) : null;
        var policy = root.Object("policy") is { } policyScope ? ReadPolicy(policyScope) : null;
        var fleet = root.Object("fleet") is { } fleetScope ? ReadFleet(fleetScope) : null;
        var chargers = ReadChargers(root, corridorScopes);
        var railEvents = (root.Objects("railEvents", required: false) ?? []).Select(ReadRailEvent).ToList();
        var options = root.Object("options", required: false) is { } optionsScope ? ReadOptions(optionsScope) : SolverOptions.Default;
        root.RejectUnknown();

        if (!allCorridorsRead || demand is null || policy is null || fleet is null || options is null
            || vehicleTypes.Any(v => v is null) || chargers.Any(c => c is null) || railEvents.Any(r => r is null))
        {
            return null;
        }

        var types = vehicleTypes.OfType<VehicleType>().ToImmutableArray();
        var sites = chargers.OfType<ChargerSite>().ToImmutableArray();
        var rail = railEvents.OfType<RailEvent>().ToImmutableArray();
        var issues = Scenario.FindIssues(builtCorridors, demand, policy, types, fleet, sites, rail).ToList();
        foreach (var issue in issues)
        {
            problems.At("$." + issue.Path, issue.Problem, issue.Fix);
        }

        if (problems.Any || serviceDate is null || dayType is null || season is null)
        {
            return null;
        }

        return root.Build(() => new Scenario(name, description, builtCorridors, serviceDate.Value, dayType.Value, season.Value, demand, policy, types, fleet, sites, rail, options));
    }

    private static PlaceName? ReadName(JsonScope s) =>
        s.String("zh") is { } zh && s.String("pinyin") is { } pinyin ? s.Build(() => new PlaceName(zh, pinyin)) : null;

    private static GeoPoint? ReadLocation(JsonScope s) =>
        s.Number("lat", example: "43.1668") is { } lat && s.Number("lon", example: "124.3506") is { } lon
            ? s.BuildValue(() => new GeoPoint(lat, lon))
            : null;

    private Corridor? ReadCorridor(string id, JsonScope s)
    {
        if (s.String("id", required: false) is { } declared && declared != id)
        {
            problems.At(s.PathOf("id"), $"The corridor file says its id is '{declared}', but the scenario names it '{id}'.", $"Name it \"{declared}\" under 'corridors', or drop 'id' from the file.");
        }

        var name = s.Object("name") is { } n ? ReadName(n) : null;
        var terminalA = s.String("terminalA", example: "\"siping-terminal\"");
        var terminalB = s.String("terminalB", example: "\"liaoyuan-terminal\"");

        var stops = (s.Object("stops")?.Entries() ?? []).Select(e =>
        {
            var stopName = ReadName(e.Scope);
            var location = ReadLocation(e.Scope);
            var kind = e.Scope.Enum<StopKind>("kind");
            e.Scope.RejectUnknown();
            return stopName is not null && location is not null && kind is not null
                ? e.Scope.Build(() => new Stop(e.Key, stopName, location.Value, kind.Value), ("id", string.Empty))
                : null;
        }).ToList();

        var depots = (s.Object("depots")?.Entries() ?? []).Select(e =>
        {
            var depotName = ReadName(e.Scope);
            var location = ReadLocation(e.Scope);
            var capacity = e.Scope.Int("parkingCapacity", example: "40");
            e.Scope.RejectUnknown();
            return depotName is not null && location is not null && capacity is not null
                ? e.Scope.Build(() => new Depot(e.Key, depotName, location.Value, capacity.Value), ("id", string.Empty))
                : null;
        }).ToList();

        var junctions = (s.Object("junctions", required: false)?.Entries() ?? []).Select(e =>
        {
            var junctionName = e.Scope.String("name");
            var location = ReadLocation(e.Scope);
            e.Scope.RejectUnknown();
            return junctionName is not null && location is not null
                ? e.Scope.Build(() => new Junction(e.Key, junctionName, location.Value), ("id", string.Empty))
                : null;
        }).ToList();

        var stopIds = (s.Node["stops"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var allPlaceIds = stopIds.Concat((s.Node["depots"] as JsonObject)?.Select(p => p.Key) ?? [])
            .Concat((s.Node["junctions"] as JsonObject)?.Select(p => p.Key) ?? []).ToHashSet(StringComparer.Ordinal);

        foreach (var (key, terminal) in new[] { ("terminalA", terminalA), ("terminalB", terminalB) })
        {
            if (terminal is not null && !stopIds.Contains(terminal))
            {
                problems.At(s.PathOf(key), $"The terminal '{terminal}' is not among the corridor's stops.", "Add it to 'stops' (kind \"terminal\") or correct the id.");
            }
        }

        var links = (s.Objects("roadLinks") ?? []).Select(l =>
        {
            var from = l.String("from");
            var to = l.String("to");
            var km = l.Kilometres("km", example: "12.5");
            var minutes = l.Minutes("minutes");
            l.RejectUnknown();
            var known = true;
            foreach (var (key, place) in new[] { ("from", from), ("to", to) })
            {
                if (place is not null && !allPlaceIds.Contains(place))
                {
                    problems.At(l.PathOf(key), $"The road link names '{place}', which is no stop, depot or junction of this corridor.",
                        "Use an id from 'stops', 'depots' or 'junctions', or declare the place under 'junctions'.");
                    known = false;
                }
            }

            return from is not null && to is not null && km is not null && minutes is not null && known
                ? l.Build(() => new RoadLink(from, to, km.Value, minutes.Value), ("minutes", "minutes"))
                : null;
        }).ToList();

        var bands = (s.Objects("timeBands", required: false) ?? []).Select(b =>
        {
            var band = b.Enum<TimeBand>("band");
            var from = b.Time("from");
            var to = b.Time("to");
            b.RejectUnknown();
            return band is not null && from is not null && to is not null ? b.BuildValue(() => new TimeBandPeriod(band.Value, from.Value, to.Value)) : null;
        }).ToList();

        var winterFactor = s.Number("winterRunTimeFactor", example: "1.15");
        var patterns = (s.Object("patterns")?.Entries() ?? []).Select(e => ReadPattern(e.Key, e.Scope, stopIds)).ToList();
        s.Raw("chargers");
        s.RejectUnknown();

        if (name is null || terminalA is null || terminalB is null || winterFactor is null
            || stops.Any(x => x is null) || depots.Any(x => x is null) || junctions.Any(x => x is null)
            || links.Any(x => x is null) || bands.Any(x => x is null) || patterns.Any(x => x is null))
        {
            return null;
        }

        return s.Build(
            () => new Corridor(id, name, terminalA, terminalB, stops!, depots!, patterns!, bands.Select(b => b!.Value), winterFactor.Value, junctions!, links!),
            ("id", string.Empty));
    }

    private Pattern? ReadPattern(string id, JsonScope s, HashSet<string> stopIds)
    {
        var kind = s.Enum<PatternKind>("kind");
        var expressway = s.Bool("expressway", required: false) ?? kind == PatternKind.Express;
        var stops = (s.Objects("stops") ?? []).Select((p, i) =>
        {
            var stop = p.String("stop");
            if (stop is not null && !stopIds.Contains(stop))
            {
                problems.At(p.PathOf("stop"), $"Pattern '{id}' stops at '{stop}', which is not among the corridor's stops.",
                    stopIds.Count == 0 ? "Declare the corridor's stops under 'stops'." : $"Use one of: {string.Join(", ", stopIds.Order(StringComparer.Ordinal))}.");
                stop = null;
            }

            var km = p.Kilometres("km", required: i > 0, example: "32.5") ?? 0;
            var minutes = ReadBandMinutes(p, required: i > 0);
            var dwell = p.Minutes("dwellMinutes", required: false) ?? Duration.Zero;
            p.RejectUnknown();
            return stop is not null && minutes is not null
                ? p.Build(() => new PatternStop(stop, km, minutes.Value, dwell), ("dwell", "dwellMinutes"))
                : null;
        }).ToList();
        s.RejectUnknown();
        return kind is not null && stops.All(x => x is not null)
            ? s.Build(() => new Pattern(id, kind.Value, expressway, stops!), ("id", string.Empty))
            : null;
    }

    /// <summary><c>"minutes": 30</c> (every band) or <c>"minutes": {"peak": 34, "offPeak": 30, "night": 28}</c>.</summary>
    private static BandRunTimes? ReadBandMinutes(JsonScope p, bool required)
    {
        var raw = p.Raw("minutes");
        if (raw is null)
        {
            if (required)
            {
                p.Problems.At(p.PathOf("minutes"), "'minutes' is missing.", "Add \"minutes\": {\"peak\": 34, \"offPeak\": 30, \"night\": 28} (run time from the previous stop).");
                return null;
            }

            return default(BandRunTimes);
        }

        if (raw is JsonObject)
        {
            var m = p.Object("minutes")!;
            var peak = m.Minutes("peak");
            var offPeak = m.Minutes("offPeak");
            var night = m.Minutes("night");
            m.RejectUnknown();
            return peak is not null && offPeak is not null && night is not null ? m.BuildValue(() => new BandRunTimes(peak.Value, offPeak.Value, night.Value)) : null;
        }

        var uniform = p.Minutes("minutes");
        return uniform is null ? null : p.BuildValue(() => BandRunTimes.Uniform(uniform.Value), ("runTime", "minutes"), ("peak", "minutes"));
    }

    private static VehicleType? ReadVehicleType(string id, JsonScope s)
    {
        var name = s.String("name");
        var seats = s.Int("seats", example: "39");
        var standing = s.Int("standingPlaces", example: "31");
        var energy = s.Enum<EnergySource>("energy");
        BatterySpec? battery = null;
        var batteryOk = true;
        if (s.Object("battery", required: energy == EnergySource.Battery) is { } b)
        {
            var pack = b.Number("packKwh", example: "350");
            var floor = b.Number("usableFloorPercent", example: "10");
            var ceiling = b.Number("usableCeilingPercent", example: "90");
            var power = b.Number("maxChargingPowerKw", example: "150");
            b.RejectUnknown();
            battery = pack is not null && floor is not null && ceiling is not null && power is not null
                ? b.Build(() => new BatterySpec(pack.Value, floor.Value, ceiling.Value, power.Value))
                : null;
            batteryOk = battery is not null;
        }

        var consumptionKey = energy == EnergySource.Diesel ? "litresPerKm" : "kwhPerKm";
        SeasonalRate? consumption = null;
        if (s.Object(consumptionKey) is { } c)
        {
            var summer = c.Number("summer");
            var winter = c.Number("winter");
            var shoulder = c.Number("shoulder", required: false);
            c.RejectUnknown();
            consumption = summer is not null && winter is not null ? c.BuildValue(() => new SeasonalRate(summer.Value, winter.Value, shoulder)) : null;
        }

        var costKm = s.Number("costPerKmYuan", example: "0.9");
        var costDay = s.Number("costPerVehicleDayYuan", example: "1200");
        var purchase = s.Number("purchaseCostYuan", example: "1800000");
        s.RejectUnknown();
        if (name is null || seats is null || standing is null || energy is null || !batteryOk || consumption is null || costKm is null || costDay is null || purchase is null)
        {
            return null;
        }

        return s.Build(
            () => new VehicleType(id, name, seats.Value, standing.Value, energy.Value, battery, consumption.Value, costKm.Value, costDay.Value, purchase.Value),
            ("id", string.Empty),
            ("consumption", consumptionKey));
    }

    private DemandModel? ReadDemand(JsonScope s, ImmutableArray<Corridor> corridors)
    {
        var scale = s.Number("scale", required: false, example: "1.3") ?? 1.0;
        var factors = ImmutableDictionary.CreateBuilder<DayType, double>();
        var factorsOk = true;
        var factorScope = s.Object("dayTypeFactors", required: false);
        foreach (var dayType in Enum.GetValues<DayType>())
        {
            var key = char.ToLowerInvariant(dayType.ToString()[0]) + dayType.ToString()[1..];
            var f = factorScope is null ? 1.0 : factorScope.Number(key, required: false) ?? 1.0;
            if (f < 0 || !double.IsFinite(f))
            {
                problems.At(factorScope!.PathOf(key), $"The demand factor for {key} is {f}; it cannot be negative.", "Set it to 0 or more (1.0 = as counted).");
                factorsOk = false;
            }

            factors[dayType] = f;
        }

        factorScope?.RejectUnknown();
        var profiles = new List<CorridorDemand?>();
        foreach (var (corridorId, p) in s.Object("profiles")?.Entries() ?? [])
        {
            var files = p.Strings("files");
            var segmentFiles = p.Strings("segmentFiles", required: false) ?? [];
            p.RejectUnknown();
            var csvProblems = new List<InputProblem>();
            var hourly = new List<HourlyDemand>();
            var seen = new Dictionary<(int, Direction), string>();
            foreach (var file in files ?? [])
            {
                foreach (var (h, line) in DemandCsv.ReadHourly(file, csvProblems))
                {
                    if (seen.TryGetValue((h.Hour, h.Direction), out var first))
                    {
                        csvProblems.Add(new InputProblem(ScenarioDocument.Display(file), $"line {line}",
                            $"Hour {h.Hour} {h.Direction.ToString().ToLowerInvariant()} is counted again (first in {first}).", "Give one count per hour and direction across the files."));
                        continue;
                    }

                    seen[(h.Hour, h.Direction)] = $"{ScenarioDocument.Display(file)} line {line}";
                    hourly.Add(h);
                }
            }

            var corridor = corridors.FirstOrDefault(c => c.Id == corridorId);
            var segments = new List<SegmentLoad>();
            foreach (var file in segmentFiles)
            {
                foreach (var (load, line) in DemandCsv.ReadSegments(file, csvProblems))
                {
                    var problem = corridor is null ? null : SegmentProblem(corridor, load);
                    if (problem is not null)
                    {
                        csvProblems.Add(new InputProblem(ScenarioDocument.Display(file), $"line {line}", problem, "Name a pattern of the corridor and two consecutive stops of it in the row's direction."));
                    }
                    else
                    {
                        segments.Add(load);
                    }
                }
            }

            csvProblems.ForEach(problems.Add);
            profiles.Add(files is null || csvProblems.Count > 0 ? null : p.Build(() => new CorridorDemand(corridorId, hourly, segments), ("hourly", "files"), ("segmentLoads", "segmentFiles"), ("corridor", string.Empty)));
        }

        s.RejectUnknown();
        return factorsOk && profiles.All(x => x is not null)
            ? s.Build(() => new DemandModel(scale, factors.ToImmutable(), profiles!), ("corridors", "profiles"))
            : null;
    }

    private static string? SegmentProblem(Corridor corridor, SegmentLoad load)
    {
        var pattern = corridor.Patterns.FirstOrDefault(p => p.Id == load.Pattern);
        if (pattern is null)
        {
            return $"'{load.Pattern}' is no pattern of corridor '{corridor.Id}'.";
        }

        var ids = pattern.StopIds(load.Direction);
        var i = ids.IndexOf(load.FromStop);
        return i < 0 || i + 1 >= ids.Length || ids[i + 1] != load.ToStop
            ? $"'{load.FromStop}' → '{load.ToStop}' is no segment of pattern '{pattern.Id}' going {load.Direction.ToString().ToLowerInvariant()}."
            : null;
    }

    private static ServicePolicy? ReadPolicy(JsonScope s)
    {
        ServiceSpan? Span(string key)
        {
            if (s.Object(key) is not { } span)
            {
                return null;
            }

            var first = span.Time("firstDeparture");
            var last = span.Time("lastDeparture");
            span.RejectUnknown();
            return first is not null && last is not null ? span.BuildValue(() => new ServiceSpan(first.Value, last.Value)) : null;
        }

        var outbound = Span("outbound");
        var inbound = Span("inbound");
        var minHeadway = s.Minutes("minHeadwayMinutes");
        var maxHeadway = s.Minutes("maxHeadwayMinutes");
        var occupancy = s.Number("desiredOccupancy", example: "0.8");
        var clockFace = s.Bool("clockFace", required: false) ?? true;
        var layover = s.Minutes("minLayoverMinutes");

        var seatedOnly = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        if (s.Object("seatedOnly", required: false) is { } seated)
        {
            foreach (var key in seated.Node.Select(p => p.Key).ToList())
            {
                if (seated.Bool(key) is { } on)
                {
                    seatedOnly[key] = on;
                }
            }
        }

        var rules = DriverRules.Standard;
        var rulesOk = true;
        if (s.Object("driverRules", required: false) is { } d)
        {
            var continuous = d.Minutes("maxContinuousDrivingMinutes", required: false) ?? DriverRules.Standard.MaxContinuousDriving;
            var rest = d.Minutes("minRestMinutes", required: false) ?? DriverRules.Standard.MinRest;
            var daily = d.Minutes("maxDrivingPerDayMinutes", required: false) ?? DriverRules.Standard.MaxDrivingPerDay;
            var enforced = d.Bool("enforced", required: false) ?? true;
            var duties = DutyRulesOf(d);
            d.RejectUnknown();
            var built = d.Build(
                () => new DriverRules(continuous, rest, daily, enforced),
                ("maxContinuousDriving", "maxContinuousDrivingMinutes"),
                ("minRest", "minRestMinutes"),
                ("maxDrivingPerDay", "maxDrivingPerDayMinutes"));
            rulesOk = built is not null && duties is not null;
            rules = built is not null && duties is not null ? built with { Duties = duties } : rules;
        }

        TripTarget? target = null;
        var targetOk = true;
        if (s.Object("tripTarget", required: false) is { } t)
        {
            var trips = t.Int("tripsPerDay", example: "24");
            var counting = t.Enum<TripCounting>("counting");
            t.RejectUnknown();
            target = trips is not null && counting is not null ? t.BuildValue(() => new TripTarget(trips.Value, counting.Value)) : null;
            targetOk = target is not null;
        }

        s.RejectUnknown();
        if (outbound is null || inbound is null || minHeadway is null || maxHeadway is null || occupancy is null || layover is null || !rulesOk || !targetOk)
        {
            return null;
        }

        return s.Build(
            () => new ServicePolicy(outbound.Value, inbound.Value, minHeadway.Value, maxHeadway.Value, occupancy.Value, clockFace, layover.Value, seatedOnly.ToImmutable(), rules, target),
            ("outboundSpan", "outbound"),
            ("inboundSpan", "inbound"),
            ("minHeadway", "minHeadwayMinutes"),
            ("maxHeadway", "maxHeadwayMinutes"),
            ("minLayover", "minLayoverMinutes"));
    }

    private static Fleet? ReadFleet(JsonScope s)
    {
        var allocations = new List<FleetAllocation?>();
        foreach (var (depot, types) in s.Entries())
        {
            foreach (var type in types.Node.Select(p => p.Key).ToList())
            {
                var count = types.Int(type, example: "10");
                allocations.Add(count is null ? null : types.Build(() => new FleetAllocation(type, depot, count.Value), ("count", type), ("vehicleType", type), ("depot", string.Empty)));
            }
        }

        return allocations.All(a => a is not null) ? s.Build(() => new Fleet(allocations!)) : null;
    }

    /// <summary>
    /// Charger sites of the corridors, with the scenario's <c>chargers</c> merged over them by id
    /// (a what-if adds a site or changes one; <c>"points": 0</c> removes a site).
    /// </summary>
    private static List<ChargerSite?> ReadChargers(JsonScope root, List<(string Key, JsonScope Scope)> corridors)
    {
        var scenarioChargers = root.Object("chargers", required: false);
        var overridden = scenarioChargers?.Node.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var result = new List<ChargerSite?>();
        foreach (var (_, corridor) in corridors)
        {
            if (corridor.Object("chargers", required: false) is not { } chargers)
            {
                continue;
            }

            foreach (var (id, site) in chargers.Entries())
            {
                if (overridden.Contains(id))
                {
                    // Read once, merged, at the scenario's path below.
                    scenarioChargers!.Node[id] = JsonMerge.Merge(site.Node, scenarioChargers.Node[id]);
                    continue;
                }

                if (ReadCharger(id, site) is var (charger, removed) && !removed)
                {
                    result.Add(charger);
                }
            }
        }

        foreach (var (id, site) in scenarioChargers?.Entries() ?? [])
        {
            if (ReadCharger(id, site) is var (charger, removed) && !removed)
            {
                result.Add(charger);
            }
        }

        return result;
    }

    /// <summary>The site, or null when it has a problem; <c>Removed</c> when it has 0 points.</summary>
    private static (ChargerSite? Site, bool Removed) ReadCharger(string id, JsonScope s)
    {
        var place = s.String("place", example: "\"siping-depot\"");
        var power = s.Number("powerKw", example: "120");
        var points = s.Int("points", example: "4");
        s.RejectUnknown();
        if (place is null || power is null || points is null)
        {
            return (null, false);
        }

        return points == 0 ? (null, true) : (s.Build(() => new ChargerSite(id, place, power.Value, points.Value), ("id", string.Empty)), false);
    }

    private static RailEvent? ReadRailEvent(JsonScope s)
    {
        var stop = s.String("stop");
        var train = s.String("trainId", example: "\"G8071\"");
        var arrival = s.Time("arrival", required: false);
        var departure = s.Time("departure", required: false);
        var minTransfer = s.Minutes("minTransferMinutes");
        var maxTransfer = s.Minutes("maxTransferMinutes");
        var passengers = s.Int("expectedPassengers", example: "30");
        s.RejectUnknown();
        return stop is not null && train is not null && minTransfer is not null && maxTransfer is not null && passengers is not null
            ? s.Build(
                () => new RailEvent(stop, train, arrival, departure, minTransfer.Value, maxTransfer.Value, passengers.Value),
                ("minTransfer", "minTransferMinutes"),
                ("maxTransfer", "maxTransferMinutes"))
            : null;
    }

    private static SolverOptions? ReadOptions(JsonScope s)
    {
        var seconds = s.Seconds("timeLimitSeconds", SolverOptions.LargestTimeLimit.TotalSeconds, required: false) ?? SolverOptions.Default.TimeLimit.TotalSeconds;
        var threads = s.Int("threads", required: false) ?? SolverOptions.Default.Threads;
        var seed = s.Int("seed", required: false) ?? SolverOptions.Default.Seed;
        s.RejectUnknown();
        return s.Build(() => new SolverOptions(Duration.FromSeconds(seconds), threads, seed), ("timeLimit", "timeLimitSeconds"));
    }

    /// <summary>Reads <c>data/calendar.json</c>.</summary>
    internal sealed class CalendarReader(JsonScope root)
    {
        public ServiceCalendar? Read()
        {
            DateRange? Range(JsonScope s, string firstKey, string lastKey)
            {
                var first = s.Date(firstKey);
                var last = s.Date(lastKey);
                return first is not null && last is not null ? s.BuildValue(() => new DateRange(first.Value, last.Value), ("last", lastKey), ("first", firstKey)) : null;
            }

            List<CalendarPeriod?> Periods(string key) => (root.Objects(key) ?? []).Select(p =>
            {
                var name = p.String("name");
                var range = Range(p, "first", "last");
                p.RejectUnknown();
                return name is not null && range is not null ? p.Build(() => new CalendarPeriod(name, range.Value)) : null;
            }).ToList();

            AnnualDay? Annual(JsonScope s, string key)
            {
                var text = s.String(key, example: "\"11-01\"");
                if (text is null)
                {
                    return null;
                }

                var parts = text.Split('-');
                if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
                    && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d))
                {
                    return s.BuildValue(() => new AnnualDay(m, d), ("month", key), ("day", key));
                }

                s.Problems.At(s.PathOf(key), $"'{text}' is not a month and day.", "Write MM-DD, e.g. \"11-01\".");
                return null;
            }

            var validity = root.Object("validity") is { } v ? Range(v, "first", "last") : null;
            var holidays = Periods("holidays");
            var peaks = Periods("springFestivalPeaks");
            var working = new List<LocalDate>();
            var workingOk = true;
            foreach (var (text, i) in (root.Strings("workingWeekendDays", required: false) ?? []).Select((t, i) => (t, i)))
            {
                var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
                if (parsed.Success)
                {
                    working.Add(parsed.Value);
                }
                else
                {
                    root.Problems.At($"$.workingWeekendDays[{i}]", $"'{text}' is not a date.", "Write YYYY-MM-DD.");
                    workingOk = false;
                }
            }

            AnnualDay? winterStart = null, winterEnd = null, summerStart = null, summerEnd = null;
            if (root.Object("seasons") is { } seasons)
            {
                winterStart = Annual(seasons, "winterStart");
                winterEnd = Annual(seasons, "winterEnd");
                summerStart = Annual(seasons, "summerStart");
                summerEnd = Annual(seasons, "summerEnd");
                seasons.RejectUnknown();
            }

            root.RejectUnknown();
            if (validity is null || holidays.Any(h => h is null) || peaks.Any(p => p is null) || !workingOk
                || winterStart is null || winterEnd is null || summerStart is null || summerEnd is null)
            {
                return null;
            }

            return root.Build(() => new ServiceCalendar(validity.Value, holidays!, working, peaks!, winterStart.Value, winterEnd.Value, summerStart.Value, summerEnd.Value));
        }
    }

    /// <summary>The duty rules inside <c>policy.driverRules</c> (each optional; defaults in <see cref="DutyRules.Default"/>).</summary>
    private static DutyRules? DutyRulesOf(JsonScope d)
    {
        var x = DutyRules.Default;
        var night = d.Minutes("maxContinuousNightDrivingMinutes", required: false) ?? x.MaxContinuousNightDriving;
        var nightStart = d.Time("nightStart", required: false) ?? x.NightStart;
        var nightEnd = d.Time("nightEnd", required: false) ?? x.NightEnd;
        var span = d.Minutes("maxSpanMinutes", required: false) ?? x.MaxSpan;
        var signOn = d.Minutes("signOnMinutes", required: false) ?? x.SignOn;
        var signOff = d.Minutes("signOffMinutes", required: false) ?? x.SignOff;
        var changeover = d.Minutes("minChangeoverMinutes", required: false) ?? x.MinChangeover;
        var split = d.Bool("splitDuties", required: false) ?? x.SplitDuties;
        var splitBreak = d.Minutes("minSplitBreakMinutes", required: false) ?? x.MinSplitBreak;
        var weight = d.Int("driverWeightMinutes", required: false) ?? x.DriverWeightMinutes;
        var wage = d.Number("wageYuanPerPaidHour", required: false) ?? x.WageYuanPerPaidHour;
        var relief = d.Strings("reliefStops", required: false) ?? [];
        return d.Build(
            () => new DutyRules(night, nightStart, nightEnd, span, signOn, signOff, changeover, split, splitBreak, weight, wage, [.. relief]),
            ("maxContinuousNightDriving", "maxContinuousNightDrivingMinutes"),
            ("maxSpan", "maxSpanMinutes"),
            ("signOn", "signOnMinutes"),
            ("signOff", "signOffMinutes"),
            ("minChangeover", "minChangeoverMinutes"),
            ("minSplitBreak", "minSplitBreakMinutes"),
            ("reliefStops", "reliefStops"));
    }
}
