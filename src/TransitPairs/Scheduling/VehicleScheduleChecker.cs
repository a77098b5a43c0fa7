using System.Collections.Immutable;

namespace TransitPairs.Scheduling;

/// <summary>The verdict of an independent check: empty <see cref="Violations"/> means the schedule is valid.</summary>
public sealed record ScheduleCheck(ImmutableArray<string> Violations, decimal RecomputedCost)
{
    public bool IsValid => Violations.IsEmpty;
}

/// <summary>
/// Checks a vehicle schedule against its problem without using any solver code: every trip run
/// exactly once and as timetabled; events contiguous in place and time; each connection between
/// trips feasible (<c>arrival + layover + empty run ≤ next departure</c>, the empty run listed);
/// blocks leave from and return to their own depot; depot limits; idle and block-length limits;
/// and the cost recomputed from the trips and the deadhead table (formula on <see cref="OperatingCosts"/>).
/// </summary>
public static class VehicleScheduleChecker
{
    /// <summary>Checks <paramref name="schedule"/>; when <paramref name="reportedCost"/> is given it must equal the recomputed cost.</summary>
    public static ScheduleCheck Check(VehicleSchedulingProblem problem, VehicleSchedule schedule, decimal? reportedCost = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(schedule);
        var violations = new List<string>();
        var trips = problem.Trips.ToDictionary(t => t.TripId, StringComparer.Ordinal);
        var depots = problem.Depots.ToDictionary(d => d.DepotId, StringComparer.Ordinal);
        var timesRun = new Dictionary<string, int>(StringComparer.Ordinal);
        var blocksPerDepot = new Dictionary<string, int>(StringComparer.Ordinal);
        var vehicleIds = new HashSet<string>(StringComparer.Ordinal);
        decimal cost = 0;

        foreach (var block in schedule.Blocks)
        {
            var where = $"vehicle {block.VehicleId}";
            if (!vehicleIds.Add(block.VehicleId))
            {
                violations.Add($"{where}: the vehicle id is used by two blocks.");
            }

            cost += problem.Costs.VehicleCost;
            var events = block.Events;
            for (var e = 1; e < events.Length; e++)
            {
                if (!string.Equals(events[e].FromStop, events[e - 1].ToStop, StringComparison.Ordinal))
                {
                    violations.Add($"{where}: event {e + 1} starts at {events[e].FromStop} but the vehicle is at {events[e - 1].ToStop}.");
                }

                if (events[e].Start < events[e - 1].End)
                {
                    violations.Add($"{where}: event {e + 1} starts at {events[e].Start}, before event {e} ends at {events[e - 1].End}.");
                }
            }

            var blockTrips = new List<ScheduledTrip>();
            foreach (var ev in events)
            {
                if (ev.Kind != BlockEventKind.Trip)
                {
                    continue;
                }

                if (!trips.TryGetValue(ev.TripId!, out var trip))
                {
                    violations.Add($"{where}: trip {ev.TripId} is not in the timetable.");
                    continue;
                }

                timesRun[trip.TripId] = timesRun.GetValueOrDefault(trip.TripId) + 1;
                if (ev.FromStop != trip.FromStop || ev.ToStop != trip.ToStop || ev.Start != trip.Departure || ev.End != trip.Arrival)
                {
                    violations.Add($"{where}: trip {trip.TripId} is run as {ev.FromStop} {ev.Start} → {ev.ToStop} {ev.End}, not as timetabled ({trip}).");
                }

                blockTrips.Add(trip);
            }

            if (blockTrips.Count == 0)
            {
                violations.Add($"{where}: the block runs no trip.");
                continue;
            }

            // Connections between consecutive trips, judged from the timetable and the deadhead table only.
            for (var k = 1; k < blockTrips.Count; k++)
            {
                var (before, after) = (blockTrips[k - 1], blockTrips[k]);
                if (!problem.Deadheads.TryGet(before.ToStop, after.FromStop, out var run))
                {
                    violations.Add($"{where}: no empty run is allowed from {before.ToStop} to {after.FromStop} (after trip {before.TripId}, before {after.TripId}).");
                    continue;
                }

                var gap = after.Departure.TotalSeconds - before.Arrival.TotalSeconds;
                if (gap < problem.Rules.MinLayoverSeconds + run.DurationSeconds)
                {
                    violations.Add($"{where}: trip {after.TripId} leaves {gap / 60.0:0.#} min after trip {before.TripId} arrives; layover {problem.Rules.MinLayoverSeconds / 60.0:0.#} min plus empty run {run.DurationSeconds / 60.0:0.#} min do not fit.");
                }

                var idle = gap - run.DurationSeconds;
                if (problem.Rules.MaxIdleSeconds is { } maxIdle && idle > maxIdle)
                {
                    violations.Add($"{where}: waits {idle / 60.0:0.#} min between {before.TripId} and {after.TripId}, more than {maxIdle / 60.0:0.#} min.");
                }

                cost += RunCost(run.DistanceMetres, problem.Costs) + (idle * (decimal)problem.Costs.IdleCostPerMinute / 60m);
            }

            var first = blockTrips[0];
            var last = blockTrips[^1];
            var dayStart = first.Departure.TotalSeconds;
            var dayEnd = last.Arrival.TotalSeconds;
            if (problem.Depots.IsEmpty)
            {
                if (block.DepotId is not null)
                {
                    violations.Add($"{where}: names depot {block.DepotId}, but the day has no depots.");
                }
            }
            else if (block.DepotId is null || !depots.TryGetValue(block.DepotId, out var depot))
            {
                violations.Add($"{where}: names no known depot ({block.DepotId ?? "none"}).");
            }
            else
            {
                blocksPerDepot[depot.DepotId] = blocksPerDepot.GetValueOrDefault(depot.DepotId) + 1;
                if (events[0].Kind != BlockEventKind.PullOut || events[0].FromStop != depot.Stop)
                {
                    violations.Add($"{where}: does not start with a pull-out from depot {depot.DepotId} at {depot.Stop}.");
                }

                if (events[^1].Kind != BlockEventKind.PullIn || events[^1].ToStop != depot.Stop)
                {
                    violations.Add($"{where}: does not end with a pull-in to its own depot {depot.DepotId} at {depot.Stop}.");
                }

                if (problem.Deadheads.TryGet(depot.Stop, first.FromStop, out var pullOut))
                {
                    cost += RunCost(pullOut.DistanceMetres, problem.Costs);
                    dayStart -= pullOut.DurationSeconds;
                }
                else
                {
                    violations.Add($"{where}: no empty run from depot {depot.DepotId} ({depot.Stop}) to {first.FromStop}.");
                }

                if (problem.Deadheads.TryGet(last.ToStop, depot.Stop, out var pullIn))
                {
                    cost += RunCost(pullIn.DistanceMetres, problem.Costs);
                    dayEnd += pullIn.DurationSeconds;
                }
                else
                {
                    violations.Add($"{where}: no empty run from {last.ToStop} back to depot {depot.DepotId} ({depot.Stop}).");
                }
            }

            if (problem.Rules.MaxBlockSeconds is { } maxBlock && dayEnd - dayStart > maxBlock)
            {
                violations.Add($"{where}: lasts {(dayEnd - dayStart) / 60.0:0.#} min, more than {maxBlock / 60.0:0.#} min.");
            }
        }

        foreach (var trip in problem.Trips)
        {
            var n = timesRun.GetValueOrDefault(trip.TripId);
            if (n != 1)
            {
                violations.Add($"trip {trip.TripId} is run {n} times, not once.");
            }
        }

        foreach (var depot in problem.Depots)
        {
            var used = blocksPerDepot.GetValueOrDefault(depot.DepotId);
            if (depot.VehicleLimit is { } limit && used > limit)
            {
                violations.Add($"depot {depot.DepotId} sends out {used} vehicles, more than its {limit}.");
            }
        }

        if (reportedCost is { } reported && reported != cost)
        {
            violations.Add($"the reported cost {reported} differs from the recomputed cost {cost}.");
        }

        return new ScheduleCheck([.. violations], cost);
    }

    private static decimal RunCost(int distanceMetres, OperatingCosts costs) =>
        Math.Round(distanceMetres * (decimal)costs.CostPerKm / 1000m, MidpointRounding.AwayFromZero);
}
