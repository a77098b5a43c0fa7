using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>The blocks of a day of trips and what they cost.</summary>
/// <param name="Schedule">The blocks.</param>
/// <param name="Cost">Cost of the schedule in cost units (formula on <see cref="OperatingCosts"/>).</param>
/// <param name="LowerBound">No schedule costs less (cost units).</param>
/// <param name="FleetLowerBound">The deficit-function bound on vehicles (most trips in service at once, or Ceder's per-terminal sum when empty runs are forbidden).</param>
public sealed record TripSchedule(VehicleSchedule Schedule, decimal Cost, decimal LowerBound, int FleetLowerBound);

/// <summary>
/// Schedules vehicles for a day of trips given in domain terms: maps stops to place indices and
/// times to seconds, solves with <see cref="VspSolver"/>, and turns the result into blocks with
/// pull-out, trip, deadhead, layover and pull-in events. Reused by every command that schedules
/// (trips CSV, GTFS, the plan pipeline).
/// </summary>
public static class TripScheduler
{
    /// <summary>Schedules <paramref name="problem"/> within <paramref name="budget"/> (see <see cref="VspSolver"/> for the methods).</summary>
    /// <param name="problem">The day's trips, empty runs, depots and rules.</param>
    /// <param name="options">Workers and seed.</param>
    /// <param name="budget">The wall clock of this solve.</param>
    /// <param name="network">Which connection network to build.</param>
    public static SolveOutcome<TripSchedule> Solve(VehicleSchedulingProblem problem, SolveOptions options, WallClockBudget budget, NetworkKind network = NetworkKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var mapped = Map(problem);
        var fleetBound = FleetBound(problem);
        return VspSolver.Solve(mapped.Problem, options, budget, network).Map(solution => new TripSchedule(
            new VehicleSchedule([.. solution.Blocks.Select((b, i) => BuildBlock(problem, b, i, solution.Blocks.Length))]),
            solution.Cost, solution.LowerBound, fleetBound));
    }

    /// <summary>Schedules <paramref name="problem"/> within a budget of <paramref name="options"/>' time limit, started now.</summary>
    public static SolveOutcome<TripSchedule> Solve(VehicleSchedulingProblem problem, SolveOptions options, NetworkKind network = NetworkKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Solve(problem, options, options.StartBudget(), network);
    }

    /// <summary>
    /// <see cref="Solve(VehicleSchedulingProblem, SolveOptions, WallClockBudget, NetworkKind)"/>, then the independent <see cref="VehicleScheduleChecker"/> on the blocks
    /// (throws <see cref="SolutionCheckFailedException"/> when they fail it).
    /// </summary>
    /// <param name="problem">The day's trips, empty runs, depots and rules.</param>
    /// <param name="options">Workers and seed.</param>
    /// <param name="budget">The wall clock of this solve.</param>
    /// <param name="stage">What is scheduled, for the message (e.g. "the blocks of siping-liaoyuan").</param>
    /// <param name="network">Which connection network to build.</param>
    public static SolveOutcome<TripSchedule> SolveChecked(VehicleSchedulingProblem problem, SolveOptions options, WallClockBudget budget, string stage, NetworkKind network = NetworkKind.Auto) =>
        CheckedSolve.Run(() => Solve(problem, options, budget, network), s => VehicleScheduleChecker.Check(problem, s.Schedule, s.Cost).Violations, stage);

    /// <summary>The deficit-function fleet bound of the problem (see <see cref="FleetLowerBounds"/>).</summary>
    public static int FleetBound(VehicleSchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var layover = problem.Rules.MinLayoverSeconds;
        var noEmptyRuns = problem.Deadheads.Runs.All(r => r.FromStop == r.ToStop);
        return noEmptyRuns
            ? FleetLowerBounds.TerminalDeficitSum(problem.Trips, layover)
            : FleetLowerBounds.MostTripsInService(problem.Trips, layover);
    }

    /// <summary>The integer core problem of a domain problem, with the stop names of the place indices.</summary>
    public static (VspProblem Problem, ImmutableArray<string> Places) Map(VehicleSchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var placeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int Place(string stop)
        {
            if (!placeOf.TryGetValue(stop, out var p))
            {
                p = placeOf.Count;
                placeOf.Add(stop, p);
            }

            return p;
        }

        var trips = problem.Trips.Select(t => new VspTrip(Place(t.FromStop), t.Departure.TotalSeconds, Place(t.ToStop), t.Arrival.TotalSeconds)).ToImmutableArray();
        var depots = problem.Depots.Select(d => new VspDepot(Place(d.Stop), d.VehicleLimit ?? problem.Trips.Length)).ToImmutableArray();
        foreach (var run in problem.Deadheads.Runs)
        {
            Place(run.FromStop);
            Place(run.ToStop);
        }

        var places = placeOf.OrderBy(p => p.Value).Select(p => p.Key).ToImmutableArray();
        IEmptyRunOracle oracle = problem.Deadheads.Runs.IsEmpty ? StayInPlace.Instance : new TableOracle(problem.Deadheads, places);
        var costs = new VspCosts(problem.Costs.VehicleCost, problem.Costs.CostPerKm, problem.Costs.IdleCostPerMinute);
        var core = new VspProblem(trips, oracle, depots, costs, problem.Rules.MinLayoverSeconds, problem.Rules.MaxIdleSeconds, problem.Rules.MaxBlockSeconds);
        return (core, places);
    }

    /// <summary>The events of one block: pull-out, then per trip the trip and the way to the next one, then pull-in.</summary>
    private static VehicleBlock BuildBlock(VehicleSchedulingProblem problem, VspBlock block, int index, int count)
    {
        var digits = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        var vehicleId = "V" + (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        var trips = block.Trips.Select(t => problem.Trips[t]).ToList();
        var depot = block.Depot >= 0 ? problem.Depots[block.Depot] : null;
        var events = ImmutableArray.CreateBuilder<BlockEvent>();
        var first = trips[0];
        var last = trips[^1];
        var outRun = Run(problem, depot?.Stop ?? first.FromStop, first.FromStop);
        events.Add(new BlockEvent(BlockEventKind.PullOut, null, depot?.Stop ?? first.FromStop, first.FromStop,
            new ServiceTime(Math.Max(0, first.Departure.TotalSeconds - outRun.DurationSeconds)), first.Departure, outRun.DistanceMetres));
        for (var k = 0; k < trips.Count; k++)
        {
            var trip = trips[k];
            events.Add(new BlockEvent(BlockEventKind.Trip, trip.TripId, trip.FromStop, trip.ToStop, trip.Departure, trip.Arrival, 0));
            if (k + 1 == trips.Count)
            {
                break;
            }

            var next = trips[k + 1];
            var at = trip.Arrival;
            var stop = trip.ToStop;
            if (stop != next.FromStop)
            {
                // Drive empty at once, then wait at the next trip's first stop.
                var run = Run(problem, stop, next.FromStop);
                var reached = at.AddSeconds(run.DurationSeconds);
                events.Add(new BlockEvent(BlockEventKind.Deadhead, null, stop, next.FromStop, at, reached, run.DistanceMetres));
                at = reached;
                stop = next.FromStop;
            }

            if (at < next.Departure)
            {
                events.Add(new BlockEvent(BlockEventKind.Layover, null, stop, stop, at, next.Departure, 0));
            }
        }

        var inRun = Run(problem, last.ToStop, depot?.Stop ?? last.ToStop);
        events.Add(new BlockEvent(BlockEventKind.PullIn, null, last.ToStop, depot?.Stop ?? last.ToStop,
            last.Arrival, last.Arrival.AddSeconds(inRun.DurationSeconds), inRun.DistanceMetres));
        return new VehicleBlock(vehicleId, depot?.DepotId, events.ToImmutable());
    }

    private static Deadhead Run(VehicleSchedulingProblem problem, string from, string to) =>
        problem.Deadheads.TryGet(from, to, out var run)
            ? run
            : throw new InvalidOperationException($"The solver used an empty run {from} → {to} that the table does not have.");

    /// <summary>The deadhead table seen through place indices.</summary>
    private sealed class TableOracle(DeadheadTable table, ImmutableArray<string> places) : IEmptyRunOracle
    {
        public bool TryGet(int fromPlace, int toPlace, out EmptyRun run)
        {
            if (table.TryGet(places[fromPlace], places[toPlace], out var deadhead))
            {
                run = new EmptyRun(deadhead.DurationSeconds, deadhead.DistanceMetres);
                return true;
            }

            run = default;
            return false;
        }
    }
}
