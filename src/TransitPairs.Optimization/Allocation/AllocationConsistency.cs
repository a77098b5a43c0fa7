using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Corridors;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Planning;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// The allocation's buses for one corridor next to what the vehicle-block solver needs on the
/// timetable the allocation implies.
/// </summary>
/// <param name="CorridorId">The corridor.</param>
/// <param name="AllocatedBuses">Buses the allocation gives it.</param>
/// <param name="Trips">Trips of the implied timetable (both directions).</param>
/// <param name="BlockVehicles">Vehicles of the block solver's schedule (checked independently).</param>
/// <param name="FleetLowerBound">Deficit-function bound of the implied timetable (most trips in service at once).</param>
/// <param name="BlockStatus">The block solver's status.</param>
/// <param name="Explanation">Why the counts differ, or that they agree.</param>
public sealed record CorridorConsistency(
    string CorridorId,
    int AllocatedBuses,
    int Trips,
    int BlockVehicles,
    int FleetLowerBound,
    string BlockStatus,
    string Explanation)
{
    /// <summary>True when the detailed plan needs no more buses than allocated.</summary>
    public bool Consistent => BlockVehicles <= AllocatedBuses;

    /// <summary>The driver duties of the implied blocks (the same figures as a plan's driver KPIs).</summary>
    public CorridorDrivers Drivers { get; init; } = CorridorDrivers.Skipped;

    /// <summary>What the implied blocks' vehicles cost in the day, drivers apart: Σ blocks of the vehicle type's cost of a day driving the block's km (service and empty), yuan; as a plan's vehicle cost.</summary>
    public double VehicleCostYuan { get; init; }

    /// <summary>Vehicle cost + driver cost, yuan: a plan's operating cost for the implied day (drivers left out when their duties were not built).</summary>
    public double OperatingCostYuan => VehicleCostYuan + Drivers.DriverCostYuan;
}

/// <summary>
/// Driver duties of a corridor's implied blocks under its scenario's driver rules (<see cref="DutyScheduler"/>):
/// the figures a plan's driver KPIs give, so that <c>allocate</c> prices drivers as <c>plan</c> does.
/// </summary>
/// <param name="Drivers">Drivers of the duties (0 without duties).</param>
/// <param name="DriverLowerBound">No duties under the rules need fewer drivers (0 without a solve).</param>
/// <param name="PaidHours">Σ paid time of the duties, hours.</param>
/// <param name="DrivingHours">Σ driving time of the duties, hours.</param>
/// <param name="DriverCostYuan">Paid hours × the scenario's wage per paid hour, yuan (0 without duties).</param>
/// <param name="Status">The duty solve's status word, or "skipped" (not asked, the rules not enforced, or no blocks).</param>
public sealed record CorridorDrivers(int Drivers, int DriverLowerBound, double PaidHours, double DrivingHours, double DriverCostYuan, string Status)
{
    /// <summary>No duties were built.</summary>
    public static CorridorDrivers Skipped { get; } = new(0, 0, 0, 0, 0, "skipped");
}

/// <summary>
/// Checks an allocation against the detailed plan: builds the timetable it implies and runs the
/// vehicle-block solver (<see cref="TripScheduler"/>) on it, corridor by corridor.
/// </summary>
/// <remarks>
/// The implied timetable: in every band, outbound departures from terminal A every headway from
/// the band's start, and inbound departures from terminal B at the same headway, offset by
/// (trip time + standing time at B) mod headway so that a bus arriving at B leaves on the next
/// inbound departure, which is the timing behind ⌈cycle / headway⌉; in each direction the first
/// departure of a band comes no sooner than one headway after the previous band's last. The last band also departs at the
/// end of the service span. Trip times are the pattern's in the band of departure;
/// empty runs come from the corridor's road network; the minimum layover is the longer standing
/// time of the two terminals (layover or charging). Band changes are where the block solver may
/// need more buses than any single band: buses finishing a long-cycle band are still out when the
/// next band's departures start.
/// </remarks>
public static class AllocationConsistency
{
    /// <param name="built">The allocation problem with where each corridor came from.</param>
    /// <param name="result">The allocation.</param>
    /// <param name="options">Solver options of the block and duty solves.</param>
    /// <param name="budget">Shared evenly by the corridors still to check.</param>
    /// <param name="crew"><see cref="CrewStage.Solve"/>: driver duties of each corridor's implied blocks too (where its scenario's rules are enforced).</param>
    public static ImmutableArray<CorridorConsistency> Check(ScenarioAllocationProblem built, AllocationResult result, SolveOptions options, WallClockBudget budget, CrewStage crew = CrewStage.Solve)
    {
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var checks = ImmutableArray.CreateBuilder<CorridorConsistency>(result.Corridors.Length);
        for (var c = 0; c < result.Corridors.Length; c++)
        {
            var source = built.Sources[c];
            var allocation = result.Corridors[c];
            var problem = ImpliedProblem(source, allocation);
            var corridorBudget = budget.Share(1.0 / (result.Corridors.Length - c));
            var withDuties = crew == CrewStage.Solve && source.Scenario.Policy.DriverRules.Enforced;
            var outcome = TripScheduler.SolveChecked(problem, options, corridorBudget.Share(withDuties ? 1 - BudgetShares.AllocationDuties : 1), $"the implied blocks of {allocation.CorridorId}");
            var fleetBound = TripScheduler.FleetBound(problem);
            var vehicles = outcome.Solution?.Schedule.Vehicles ?? 0;
            checks.Add(new CorridorConsistency(
                allocation.CorridorId,
                allocation.Buses,
                problem.Trips.Length,
                vehicles,
                fleetBound,
                outcome.Status.ToString(),
                Explain(allocation, vehicles, fleetBound))
            {
                Drivers = withDuties && outcome.Solution is { } blocks ? Duties(source.Scenario, blocks.Schedule, options, corridorBudget) : CorridorDrivers.Skipped,
                VehicleCostYuan = outcome.Solution?.Schedule.Blocks.Sum(b => source.VehicleType.DayCostYuan(Km(b, source.Pattern))) ?? 0,
            });
        }

        return checks.MoveToImmutable();
    }

    /// <summary>Kilometres a block drives: its trips at the pattern's length, and its empty runs.</summary>
    private static double Km(VehicleBlock block, Pattern pattern) =>
        (block.TripIds.Count() * pattern.Km) + (block.Events.Where(e => e.Kind != BlockEventKind.Trip).Sum(e => e.DistanceMetres) / 1000.0);

    /// <summary>Driver duties of the implied blocks under the scenario's rules, priced with its wage (as a plan's crew stage does).</summary>
    private static CorridorDrivers Duties(Scenario scenario, VehicleSchedule blocks, SolveOptions options, WallClockBudget budget)
    {
        var crew = ScenarioDuties.Of(scenario, blocks, options.Workers, options.Seed, budget);
        var outcome = crew.Outcome;
        return outcome.Solution is { } duties
            ? new CorridorDrivers(duties.Drivers, duties.DriverLowerBound, duties.PaidHours, duties.DrivingHours, crew.DriverCostYuan, outcome.Status.Word())
            : CorridorDrivers.Skipped with { Status = outcome.Status.Word() };
    }

    /// <summary>The trips, empty runs, depots and layover rule of the timetable the allocation implies for one corridor.</summary>
    public static VehicleSchedulingProblem ImpliedProblem(AllocationSource source, CorridorAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(allocation);
        var corridor = source.Corridor;
        var factor = corridor.RunTimeFactor(source.Scenario.Season);
        int TripSeconds(int departureMinute) =>
            (int)Math.Ceiling(source.Pattern.TripTime(corridor.BandAt(ServiceTime.FromMinutes(departureMinute)), factor).TotalSeconds);

        var trips = ImmutableArray.CreateBuilder<ScheduledTrip>();
        void Add(Direction direction, int departureMinute)
        {
            var from = corridor.Origin(direction);
            var to = corridor.Destination(direction);
            var id = string.Create(CultureInfo.InvariantCulture, $"{corridor.Id}-{(direction == Direction.Outbound ? "out" : "in")}-{ServiceTime.FromMinutes(departureMinute)}");
            var departure = ServiceTime.FromMinutes(departureMinute);
            trips.Add(new ScheduledTrip(id, from, departure, to, departure.AddSeconds(TripSeconds(departureMinute))));
        }

        var lastOutbound = int.MinValue / 2;
        var lastInbound = int.MinValue / 2;
        for (var b = 0; b < allocation.Bands.Length; b++)
        {
            var band = allocation.Bands[b];
            var start = band.StartMinute;
            var end = band.StartMinute + band.DurationMinutes;
            var last = b == allocation.Bands.Length - 1;
            var h = band.HeadwayMinutes;
            var offset = ((TripSeconds(start) / 60) + source.StandMinutesAtB) % h;
            // Never closer to the previous band's last departure than this band's headway.
            for (var t = Math.Max(start, lastOutbound + h); t < end || (last && t == end); t += h)
            {
                Add(Direction.Outbound, t);
                lastOutbound = t;
            }

            var first = Math.Max(start + offset, lastInbound + h);
            for (var t = first; t < end || (last && t == end); t += h)
            {
                Add(Direction.Inbound, t);
                lastInbound = t;
            }
        }

        var places = new[] { corridor.TerminalA, corridor.TerminalB }.Concat(corridor.Depots.Select(d => d.Id)).Distinct().ToList();
        var runs = places.SelectMany(a => places.Where(b => b != a).Select(b => (a, b)))
            .Select(p => (p.a, p.b, Run: source.Scenario.Network.EmptyRun(p.a, p.b)))
            .Select(p => new Deadhead(p.a, p.b, p.Run.Minutes * 60, p.Run.DistanceMetres));
        var depots = corridor.Depots.Select(d => new VehicleDepot(d.Id, d.Id, null)).ToImmutableArray();
        var layoverSeconds = Math.Max(source.StandMinutesAtA, source.StandMinutesAtB) * 60;
        return new VehicleSchedulingProblem(trips.ToImmutable(), new DeadheadTable(runs), depots, new SchedulingRules(layoverSeconds), OperatingCosts.FleetThenEmptyKm);
    }

    private static string Explain(CorridorAllocation allocation, int vehicles, int bound)
    {
        if (vehicles == allocation.Buses)
        {
            return "The block solver needs exactly the allocated buses.";
        }

        if (vehicles < allocation.Buses)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The block solver needs {allocation.Buses - vehicles} fewer: ceil(cycle / headway) assumes buses cycling all band long, while at the edges of the service day and of short bands buses start from or return to depots and never run a full cycle (most trips in service at once: {bound}).");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"The block solver needs {vehicles - allocation.Buses} more: at a band change buses of the previous band are still out when the next band's departures start (most trips in service at once: {bound}); allocate {vehicles} or shift departures at the band change.");
    }
}
