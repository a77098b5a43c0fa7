using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Corridors;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scenarios;
using TransitPairs.Time;
using TransitPairs.Timetables;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>The policy that applied to one direction of a corridor, as the timetable used it.</summary>
/// <param name="Corridor">Corridor id.</param>
/// <param name="Direction">Direction.</param>
/// <param name="DirectionId">The direction's id inside the timetabling core (<c>corridor/outbound</c>).</param>
/// <param name="MinHeadwayMinutes">Minimum headway, minutes.</param>
/// <param name="MaxHeadwayMinutes">Maximum headway, minutes.</param>
/// <param name="FirstDeparture">First departure from the origin terminal.</param>
/// <param name="LastDeparture">Last departure from the origin terminal.</param>
/// <param name="CapacityByPattern">Passengers per bus on each pattern (seats only where seated-only).</param>
/// <param name="DesiredOccupancy">d₀ per pattern, passengers per bus.</param>
public sealed record AppliedDirectionPolicy(
    string Corridor,
    Direction Direction,
    string DirectionId,
    int MinHeadwayMinutes,
    int MaxHeadwayMinutes,
    ServiceTime FirstDeparture,
    ServiceTime LastDeparture,
    ImmutableDictionary<string, int> CapacityByPattern,
    ImmutableDictionary<string, int> DesiredOccupancy);

/// <summary>A scenario's timetable: the domain trips, the solver's figures, the plan, the KPIs and the policy check.</summary>
/// <param name="Timetable">The trips of the service day.</param>
/// <param name="Solve">The departure-time solve (<see cref="DepartureTimeSolver"/>): status, objective, bound and gap, and the core trips (the shifted ones after a fleet-aware retiming).</param>
/// <param name="Plans">Hourly frequencies per direction.</param>
/// <param name="Policies">The policy as applied per direction.</param>
/// <param name="Kpis">KPIs measured on the trips.</param>
/// <param name="PolicyViolations">What the independent checker found (empty when the policy holds).</param>
/// <param name="Fleet">The fleet-aware retiming, when asked for (with a solution, <paramref name="Timetable"/> and the KPIs are of the shifted trips).</param>
public sealed record ScenarioTimetable(
    Timetable Timetable,
    SolveOutcome<TimetableSolution> Solve,
    ImmutableArray<DirectionFrequencyPlan> Plans,
    ImmutableArray<AppliedDirectionPolicy> Policies,
    TimetableKpiReport Kpis,
    ImmutableArray<string> PolicyViolations,
    SolveOutcome<FleetRetiming>? Fleet = null);

/// <summary>
/// Maps a domain <see cref="Scenario"/> into the integer timetabling core and the result back to
/// domain <see cref="Trip"/>s.
/// </summary>
/// <remarks>
/// <para>Per corridor and direction: the span, headway bounds and clock-face setting of the
/// policy; the corridor's hourly demand at the max-load point (scaled by the scenario and its day
/// type, rounded to whole passengers) sizes the primary pattern (the first express pattern, else
/// the first). A pattern with segment loads in the demand files gets them as its own load profile
/// (Ceder's load-profile method). The other patterns may substitute for any departure at a cost
/// of 5 minutes plus their extra running minutes each, so they run where they meet a train.</para>
/// <para>Capacity: the smallest bus of the fleet (seats only on seated-only patterns); d₀ = the
/// policy's desired occupancy × capacity, at most the capacity. A fixed trip count in the policy
/// (today's service) replaces the demand-sized frequency. The fleet based at the corridor's depots
/// caps departures per hour at fleet × 60 / cycle (two peak trips of the primary pattern plus two
/// minimum layovers).</para>
/// <para>Run times: the corridor's time band at the start of each hour (the first departure for
/// the first hour) and the season's run-time factor, rounded to whole minutes.</para>
/// </remarks>
public static class ScenarioTimetabler
{
    /// <summary>Builds and solves the timetable of every corridor of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="objective">Ceder's timetable type.</param>
    /// <param name="options">Workers and seed (each CP-SAT call gets them).</param>
    /// <param name="budget">The wall clock of the stage: the departure times may use all that is left
    /// (<see cref="BudgetShares.TimetableBeforeRetiming"/> of it when a retiming follows), the retiming the rest.</param>
    /// <param name="fleetToleranceMinutes">When set (1–60), departures then move by at most this
    /// many minutes to save vehicles (<see cref="FleetAwareRetimer"/>); trips meeting trains stay.</param>
    /// <returns>The departure-time solve's status, objective, bound and explanation around the scenario's timetable.</returns>
    public static SolveOutcome<ScenarioTimetable> Solve(Scenario scenario, TimetableObjective objective, SolveOptions options, WallClockBudget budget, int? fleetToleranceMinutes = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var started = budget.Elapsed;
        var directions = new List<DirectionTimetableInput>();
        var policies = new List<AppliedDirectionPolicy>();
        foreach (var corridor in scenario.Corridors)
        {
            foreach (var direction in Enum.GetValues<Direction>())
            {
                var (input, policy) = MapDirection(scenario, corridor, direction);
                directions.Add(input);
                policies.Add(policy);
            }
        }

        var railEvents = scenario.RailEvents.SelectMany(MapRailEvent).ToImmutableArray();
        var problem = new TimetableProblem([.. directions], railEvents,
            new TimetablePreferences(objective, scenario.Policy.ClockFace));
        var departures = DepartureTimeSolver.Solve(problem, options,
            budget.Share(fleetToleranceMinutes is null ? 1 : BudgetShares.TimetableBeforeRetiming));
        SolveOutcome<ScenarioTimetable> Around(ScenarioTimetable? timetable) =>
            new(departures.Status, timetable, departures.Objective, departures.Bound, budget.Elapsed - started, departures.Method)
            {
                Explanation = departures.Explanation,
                Remedies = departures.Remedies,
            };

        if (departures.Solution is not { } solution)
        {
            return Around(null);
        }

        var demands = directions.Select(d => d.Plan.Direction).ToArray();
        var coreTrips = solution.Trips;
        SolveOutcome<FleetRetiming>? fleet = null;
        if (fleetToleranceMinutes is { } tolerance)
        {
            var meetingTrains = TimetableKpis.Compute(demands, coreTrips, railEvents).Transfers.Where(t => t.Met).Select(t => t.TripId).ToHashSet(StringComparer.Ordinal);
            fleet = FleetAwareRetimer.Retime(demands, coreTrips, tolerance, (int)scenario.Policy.MinLayover.TotalMinutes, meetingTrains, options, budget);
            coreTrips = fleet.Solution?.Trips ?? coreTrips;
        }

        var trips = coreTrips.Select(t => ToDomainTrip(t, policies)).ToList();
        var timetable = new ScenarioTimetable(
            new Timetable(scenario.ServiceDate, trips),
            departures.Map(s => s with { Trips = coreTrips }),
            [.. directions.Select(d => d.Plan)],
            [.. policies],
            TimetableKpis.Compute(demands, coreTrips, railEvents),
            TimetablePolicyChecker.Check(demands, coreTrips),
            fleet);
        return Around(timetable);
    }

    /// <summary>The core's direction id for a corridor direction, e.g. <c>siping-liaoyuan/outbound</c>.</summary>
    public static string DirectionId(string corridor, Direction direction) =>
        $"{corridor}/{direction.ToString().ToLowerInvariant()}";

    private static (DirectionTimetableInput Input, AppliedDirectionPolicy Policy) MapDirection(Scenario scenario, Corridor corridor, Direction direction)
    {
        var policy = scenario.Policy;
        var span = policy.Span(direction);
        var first = span.FirstDeparture.TotalMinutes;
        var last = span.LastDeparture.TotalMinutes;
        var bounds = new HeadwayBounds((int)policy.MinHeadway.TotalMinutes, (int)policy.MaxHeadway.TotalMinutes);
        var bus = SmallestBus(scenario, corridor);
        var primary = corridor.Patterns.FirstOrDefault(p => p.Kind == PatternKind.Express) ?? corridor.Patterns[0];
        var runTimeFactor = corridor.RunTimeFactor(scenario.Season);
        var id = DirectionId(corridor.Id, direction);

        var capacity = corridor.Patterns.ToImmutableDictionary(p => p.Id, p => bus.Capacity(policy.IsSeatedOnly(p)));
        var occupancy = capacity.ToImmutableDictionary(kv => kv.Key, kv => Math.Clamp((int)Math.Round(policy.DesiredOccupancy * kv.Value), 1, kv.Value));
        var segmentLoads = scenario.Demand.For(corridor.Id)?.SegmentLoads.Where(l => l.Direction == direction).ToArray() ?? [];

        var patterns = ImmutableArray.CreateBuilder<PatternDemand>();
        var substitutes = ImmutableArray.CreateBuilder<PatternSubstitute>();
        var primaryMinutes = TripMinutes(corridor, primary, TimeBand.OffPeak, runTimeFactor);
        foreach (var pattern in corridor.Patterns.OrderBy(p => p == primary ? 0 : 1))
        {
            var stops = pattern.StopIds(direction);
            var own = segmentLoads.Where(l => l.Pattern == pattern.Id).ToArray();
            var lengths = own.Length > 0 ? SegmentLengths(pattern, direction) : [pattern.DistanceMetres];
            ImmutableArray<PatternHourLoad> hours;
            if (own.Length > 0)
            {
                hours = [.. own.GroupBy(l => l.Hour).OrderBy(g => g.Key).Select(g => new PatternHourLoad(g.Key,
                    [.. Enumerable.Range(0, stops.Length - 1).Select(i => Scaled(scenario, g.Where(l => l.FromStop == stops[i] && l.ToStop == stops[i + 1]).Sum(l => l.Passengers)))]))];
            }
            else if (pattern == primary)
            {
                // Only the count at the max-load point is known: one segment of the whole length,
                // so that the max-load-point method sizes it.
                lengths = [pattern.DistanceMetres];
                hours = [.. Enumerable.Range(0, 48)
                    .Select(h => (Hour: h, Passengers: (int)Math.Round(scenario.PassengersPerHour(corridor.Id, h, direction))))
                    .Where(h => h.Passengers > 0)
                    .Select(h => new PatternHourLoad(h.Hour, [h.Passengers]))];
            }
            else
            {
                hours = [];
            }

            patterns.Add(new PatternDemand(pattern.Id, capacity[pattern.Id], occupancy[pattern.Id], lengths, hours));
            if (pattern != primary && own.Length == 0)
            {
                var extra = Math.Max(0, TripMinutes(corridor, pattern, TimeBand.OffPeak, runTimeFactor) - primaryMinutes);
                substitutes.Add(new PatternSubstitute(pattern.Id, 60 * (5 + extra)));
            }
        }

        var fleet = corridor.Depots.Sum(d => scenario.Fleet.AtDepot(d.Id));
        var cycleMinutes = (2 * TripMinutes(corridor, primary, TimeBand.Peak, runTimeFactor)) + (2 * (int)policy.MinLayover.TotalMinutes);
        int? fleetPerHour = fleet > 0 ? Math.Max(1, fleet * 60 / Math.Max(1, cycleMinutes)) : null;
        var demand = new DirectionDemand(id, first, last, bounds, patterns.ToImmutable(), fleetPerHour,
            policy.TripTarget?.DeparturesIn(direction) is { } fixedCount ? Math.Max(fixedCount, first == last ? 1 : 2) : null);

        var services = corridor.Patterns.Select(p => Service(corridor, p, direction, first, last, runTimeFactor)).ToImmutableArray();
        var plan = FrequencyPlanner.Plan(demand);
        var applied = new AppliedDirectionPolicy(corridor.Id, direction, id, bounds.MinMinutes, bounds.MaxMinutes,
            span.FirstDeparture, span.LastDeparture, capacity, occupancy);
        return (new DirectionTimetableInput(plan, services, substitutes.ToImmutable()), applied);
    }

    private static int Scaled(Scenario scenario, int passengers) =>
        (int)Math.Round(passengers * scenario.Demand.Scale * scenario.Demand.DayTypeFactors[scenario.DayType]);

    private static VehicleType SmallestBus(Scenario scenario, Corridor corridor)
    {
        var depots = corridor.Depots.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var types = scenario.Fleet.Allocations.Where(a => depots.Contains(a.Depot) && a.Count > 0).Select(a => scenario.VehicleType(a.VehicleType)).ToList();
        if (types.Count == 0)
        {
            types = [.. scenario.VehicleTypes];
        }

        return types.OrderBy(t => t.Seats).ThenBy(t => t.Id, StringComparer.Ordinal).First();
    }

    /// <summary>Segment lengths in metres in the order of <paramref name="direction"/>.</summary>
    private static ImmutableArray<int> SegmentLengths(Pattern pattern, Direction direction)
    {
        // A segment's length is stored on the later stop of the outbound order.
        var outbound = pattern.Stops.Skip(1).Select(s => s.DistanceMetres);
        return [.. direction == Direction.Outbound ? outbound : outbound.Reverse()];
    }

    private static int TripMinutes(Corridor corridor, Pattern pattern, TimeBand band, double runTimeFactor) =>
        (int)Math.Round(pattern.TripTime(band, runTimeFactor).TotalMinutes);

    private static PatternService Service(Corridor corridor, Pattern pattern, Direction direction, int first, int last, double runTimeFactor)
    {
        var bands = ImmutableArray.CreateBuilder<PatternRunTimes>();
        for (var hour = first / 60; hour <= last / 60; hour++)
        {
            var band = corridor.BandAt(ServiceTime.FromMinutes(Math.Max(first, hour * 60)));
            var offsets = pattern.StopTimes(direction, new ServiceTime(0), band, runTimeFactor)
                .Select(s => new StopOffset(s.Stop, RoundMinutes(s.Arrival.TotalSeconds), RoundMinutes(s.Departure.TotalSeconds)))
                .ToImmutableArray();
            if (bands.Count == 0 || !bands[^1].Stops.SequenceEqual(offsets))
            {
                bands.Add(new PatternRunTimes(hour, offsets));
            }
        }

        return new PatternService(pattern.Id, bands.ToImmutable());
    }

    private static int RoundMinutes(int seconds) => (int)Math.Round(seconds / 60.0, MidpointRounding.AwayFromZero);

    /// <summary>A train's arrival and departure become one event each, both with its expected passengers.</summary>
    private static IEnumerable<TransferEvent> MapRailEvent(RailEvent train)
    {
        var minMinutes = (int)train.MinTransfer.TotalMinutes;
        var maxMinutes = (int)train.MaxTransfer.TotalMinutes;
        if (train.Arrival is { } arrival)
        {
            yield return new TransferEvent($"{train.TrainId} arr {train.Stop} {arrival}", train.Stop, TransferEventKind.TrainArrival, arrival.TotalMinutes, minMinutes, maxMinutes, train.ExpectedPassengers);
        }

        if (train.Departure is { } departure)
        {
            yield return new TransferEvent($"{train.TrainId} dep {train.Stop} {departure}", train.Stop, TransferEventKind.TrainDeparture, departure.TotalMinutes, minMinutes, maxMinutes, train.ExpectedPassengers);
        }
    }

    private static Trip ToDomainTrip(TimetableTrip trip, List<AppliedDirectionPolicy> policies)
    {
        var policy = policies.First(p => p.DirectionId == trip.DirectionId);
        var id = string.Create(CultureInfo.InvariantCulture,
            $"{policy.Corridor}-{(policy.Direction == Direction.Outbound ? "out" : "in")}-{trip.Sequence + 1:000}");
        return new Trip(id, policy.Corridor, trip.PatternId, policy.Direction,
            trip.Calls.Select(c => new StopTime(c.StopId, ServiceTime.FromMinutes(c.ArrivalMinute), ServiceTime.FromMinutes(c.DepartureMinute))));
    }
}
