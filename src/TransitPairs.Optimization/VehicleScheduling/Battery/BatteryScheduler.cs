using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Time;
using TransitPairs.Timetables;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The battery stage: vehicle blocks for a fleet with battery buses (docs/battery.md). In order:
/// the no-battery fleet bound (<see cref="TripScheduler"/>); proofs of infeasibility by relaxation
/// (a trip longer than any pack, <see cref="EnergyRelaxation"/>); the column method
/// (<see cref="BlockColumnGeneration"/>: constructive plans, column generation with its own LP fleet
/// bound, diving, CP-SAT over the columns); on corridor days (≤ 70 trips) the exact CP-SAT model
/// (<see cref="BatteryModel"/>) with what is left, kept when it saves a vehicle or proves optimality.
/// </summary>
public static class BatteryScheduler
{
    /// <summary>
    /// Schedules the day within <paramref name="budget"/>: the contract's entry point. The outcome's
    /// objective and bound are the battery objective (vehicles × 10⁸ + operating cost in fen); the
    /// solution carries the blocks, fleet bounds, KPIs and method. Without a plan the outcome is
    /// infeasible only where a relaxation proved it, with the explanation and typed remedies.
    /// </summary>
    /// <param name="problem">The day: trips, depots and fleet, chargers, season.</param>
    /// <param name="options">Workers and seed.</param>
    /// <param name="budget">The wall clock of the whole stage (its parts share it as <see cref="BudgetShares"/> says).</param>
    public static SolveOutcome<BatteryScheduleResult> Solve(BatterySchedulingProblem problem, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var result = Solve(problem, new BatterySolveOptions(budget.Left().TotalSeconds, options.Workers, options.Seed));
        return new SolveOutcome<BatteryScheduleResult>(result.Status, result.HasPlan ? result : null,
            result.HasPlan ? result.Objective : double.NaN, result.HasPlan || result.Bound > 0 ? result.Bound : double.NaN, result.Elapsed,
            string.IsNullOrEmpty(result.Method) ? "battery blocks" : result.Method)
        {
            Explanation = result.Explanation,
            Remedies = result.Remedies.IsDefault ? [] : result.Remedies,
        };
    }

    /// <summary>
    /// <see cref="Solve(BatterySchedulingProblem, SolveOptions, WallClockBudget)"/>, then the independent
    /// <see cref="BatteryScheduleChecker"/> on the blocks (throws <see cref="SolutionCheckFailedException"/> when they fail it).
    /// </summary>
    /// <param name="problem">The day.</param>
    /// <param name="options">Workers and seed.</param>
    /// <param name="budget">The wall clock of the stage.</param>
    /// <param name="stage">What is scheduled, for the message.</param>
    public static SolveOutcome<BatteryScheduleResult> SolveChecked(BatterySchedulingProblem problem, SolveOptions options, WallClockBudget budget, string stage) =>
        CheckedSolve.Run(() => Solve(problem, options, budget), r => BatteryScheduleChecker.Check(problem, r.Schedule).Violations, stage);

    /// <summary>Builds the day from a scenario and its timetable, then solves it (see <see cref="Solve(BatterySchedulingProblem, BatterySolveOptions)"/>).</summary>
    internal static BatteryScheduleResult Solve(Scenario scenario, Timetable timetable, BatterySolveOptions options) =>
        Solve(BatterySchedulingProblem.FromScenario(scenario, timetable), options);

    /// <summary>
    /// Schedules the day. When no plan exists the result carries an explanation and, where they can
    /// be computed, remedies (more vehicles, a bigger pack, diesel buses, a terminal charger);
    /// callers raise <c>NoFeasiblePlanException</c> with them.
    /// </summary>
    internal static BatteryScheduleResult Solve(BatterySchedulingProblem problem, BatterySolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var solveOptions = new SolveOptions(TimeSpan.FromSeconds(options.TimeLimitSeconds), options.Workers, options.Seed);
        var budget = solveOptions.StartBudget();
        // The no-battery bound (a min-cost flow, or column generation with several depots: seconds on
        // city days) runs beside the battery method, which does not need it until the end.
        var boundLimit = budget.Left(BoundShare).TotalSeconds;
        var noBattery = Task.Run(() =>
        {
            var plan = NoBatteryPlan(problem, options with { TimeLimitSeconds = boundLimit });
            // Its LP and MIP are freed but would stay in this thread's C heap arena for the rest of the solve.
            _ = NativeHeap.Trim();
            return plan;
        });
        var tooLong = TripsNoVehicleCanRun(problem);
        if (tooLong.Count > 0)
        {
            var b = FleetBound(noBattery.GetAwaiter().GetResult());
            return Failed(problem, SolveStatus.Infeasible, b, string.Join(" ", tooLong), RemediesForLongTrips(problem, b), budget.Elapsed);
        }

        var energy = EnergyRelaxation.Shortfall(problem);
        if (energy is { } shortfall)
        {
            return Failed(problem, SolveStatus.Infeasible, FleetBound(noBattery.GetAwaiter().GetResult()), shortfall.Why, shortfall.Remedies, budget.Elapsed);
        }

        var day = new EnergyDay(problem);
        var columns = BlockColumnGeneration.Solve(day, solveOptions,
            problem.Schedule.Trips.Length <= ExactModelTrips ? budget.Share(BudgetShares.BatteryColumnsBeforeExactModel) : budget);
        var plain = noBattery.GetAwaiter().GetResult();
        var bound = FleetBound(plain);
        var have = problem.Fleet.Sum(f => f.Count);
        if (columns.Infeasible)
        {
            return Failed(problem, SolveStatus.Infeasible, Math.Max(bound, columns.FleetBound),
                string.Create(CultureInfo.InvariantCulture, $"even the LP relaxation of the day (charger points relaxed) cannot cover the {day.TripCount} trips with the {have} vehicles the depots hold"),
                MoreVehiclesWhereNeeded(day, columns), budget.Elapsed) with { BatteryFleetBound = columns.FleetBound };
        }

        VehicleSchedule? schedule = null;
        var vehicles = 0;
        var fleetBound = Math.Max(bound, columns.FleetBound);
        long objective = 0;

        // A choice among generated columns proves nothing about the day: the plan is "feasible" unless the exact model proves it.
        var status = SolveStatus.Feasible;
        var method = "battery column generation";
        if (columns.Blocks is { } blocks)
        {
            var digits = Math.Max(3, blocks.Length.ToString(CultureInfo.InvariantCulture).Length);
            schedule = new VehicleSchedule([.. blocks
                .OrderBy(b => day.Departure[b.Trips[0]]).ThenBy(b => b.Trips[0])
                .Select((b, k) => BlockEnergy.ToVehicleBlock(day, b, "V" + (k + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')))]);
            vehicles = schedule.Vehicles;
            objective = (vehicles * BlockSelection.VehicleWeight) + BlockColumnGeneration.Cost(day, blocks);
        }

        if (problem.Schedule.Trips.Length <= ExactModelTrips && !budget.IsSpent && (plain.Solution?.Schedule ?? schedule) is { } guide)
        {
            // Corridor days: the exact CP-SAT model (started, as before, from a greedy plan guided by the
            // no-battery blocks) proves the column plan or saves a vehicle or cost, or finds a plan where
            // the column method found none in its share; the better plan is kept.
            var solved = SolveModel(problem, options with { TimeLimitSeconds = budget.Left().TotalSeconds }, budget, guide, fleetBound);
            if (solved.Status is SolveStatus.Optimal or SolveStatus.Feasible
                && (schedule is null || solved.Schedule.Vehicles < vehicles || (solved.Schedule.Vehicles == vehicles && solved.Status == SolveStatus.Optimal)))
            {
                schedule = solved.Schedule;
                vehicles = schedule.Vehicles;
                objective = solved.Objective;
                status = solved.Status;
                method = "battery CP-SAT (exact model)";
                fleetBound = solved.Status == SolveStatus.Optimal ? vehicles : fleetBound;
            }
        }

        if (schedule is null)
        {
            var uncovered = columns.Uncovered.Select(i => day.Trips[i].TripId).ToImmutableArray();
            return Failed(problem, SolveStatus.NoSolutionFound, Math.Max(bound, columns.FleetBound),
                string.Create(CultureInfo.InvariantCulture, $"no plan was found within {options.TimeLimitSeconds:0.#} s (nothing proves that none exists); the best partial plan leaves {uncovered.Length} trips to no vehicle: {string.Join(", ", uncovered.Take(10))}{(uncovered.Length > 10 ? ", …" : string.Empty)}"),
                [.. MoreVehiclesWhereNeeded(day, columns), new MoreTime(2 * solveOptions.TimeLimit)], budget.Elapsed)
                with { BatteryFleetBound = columns.FleetBound, NetworkFleetBound = columns.NetworkBound, UncoveredTrips = uncovered };
        }

        var objectiveBound = fleetBound * BlockSelection.VehicleWeight;
        return new BatteryScheduleResult(
            schedule, status, vehicles, bound,
            vehicles == 0 ? 0 : (double)(vehicles - fleetBound) / vehicles,
            objective, status == SolveStatus.Optimal ? objective : objectiveBound,
            Kpis(problem, schedule), null, [], budget.Elapsed)
        {
            BatteryFleetBound = columns.FleetBound,
            NetworkFleetBound = columns.NetworkBound,
            Method = method,
            Columns = columns.Columns,
        };
    }

    /// <summary>
    /// More vehicles where the constructive plan with unlimited vehicles used more than a slot has
    /// (depot and type); one remedy per slot, or none when it needed no more than the fleet.
    /// </summary>
    private static ImmutableArray<Remedy> MoreVehiclesWhereNeeded(EnergyDay day, BlockColumnGeneration.Outcome columns) =>
        [.. columns.MoreBySlot.Select((more, c) => (more, c)).Where(x => x.more > 0)
            .Select(x => (Remedy)new MoreVehicles(x.more, day.Slots[x.c].Depot, day.Slots[x.c].VehicleType.Id))];

    /// <summary>Days of at most this many trips also run the exact CP-SAT model, hinted with the column plan: it proves the plan or improves it.</summary>
    private const int ExactModelTrips = 70;

    /// <summary>
    /// Share of the stage's budget for the no-battery bound: one depot is an exact min-cost flow
    /// (milliseconds); several are column generation, which stops at its limit.
    /// </summary>
    private const double BoundShare = BudgetShares.BatteryNoBatteryBound;

    /// <summary>
    /// Fewest vehicles without battery limits (same depots and vehicle limits), a lower bound on
    /// the battery fleet; 0 when even that is infeasible. When the solve stops at its wall-clock
    /// limit (<paramref name="options"/>' time limit) before proving its fleet, the deficit-function
    /// bound (most trips in service at once) is returned instead: still a bound, if a weaker one.
    /// </summary>
    internal static int NoBatteryBound(BatterySchedulingProblem problem, BatterySolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return FleetBound(NoBatteryPlan(problem, options));
    }

    private static SolveOutcome<TripSchedule> NoBatteryPlan(BatterySchedulingProblem problem, BatterySolveOptions options)
    {
        var limit = TimeSpan.FromSeconds(options.TimeLimitSeconds);
        return TripScheduler.Solve(problem.Schedule, new SolveOptions(limit, 1, options.Seed), new WallClockBudget(limit));
    }

    private static int FleetBound(SolveOutcome<TripSchedule> plain) =>
        plain.Status switch
        {
            SolveStatus.Optimal => plain.Solution!.Schedule.Vehicles,
            SolveStatus.Feasible => plain.Solution!.FleetLowerBound,
            _ => 0,
        };

    /// <summary>Energy a vehicle type uses over a distance and a driving time in the problem's season, Wh (0 for diesel).</summary>
    internal static long DrivingWh(BatterySchedulingProblem problem, VehicleType type, int metres, int seconds)
    {
        if (type.Energy != EnergySource.Battery)
        {
            return 0;
        }

        var heating = problem.Season == Season.Winter ? (long)problem.Charging.HeatingWattsWhileDriving * seconds / 3600 : 0;
        return type.EnergyWh(metres, problem.Season) + heating;
    }

    private static BatteryScheduleResult Failed(BatterySchedulingProblem problem, SolveStatus status, int bound, string why, ImmutableArray<Remedy> remedies, TimeSpan elapsed) =>
        new(new VehicleSchedule([]), status, 0, bound, double.PositiveInfinity, 0, 0,
            Kpis(problem, new VehicleSchedule([])), why, remedies, elapsed);

    private static string Kwh(long wh) => (wh / 1000.0).ToString("0", CultureInfo.InvariantCulture);

    private static string Describe(ScheduledTrip t) => $"{t.TripId} {t.FromStop} {t.Departure} → {t.ToStop} {t.Arrival}";

    /// <summary>Trips that no vehicle type of the fleet can run even with a full pack: one sentence each.</summary>
    private static List<string> TripsNoVehicleCanRun(BatterySchedulingProblem problem)
    {
        var sentences = new List<string>();
        var types = problem.Fleet.Select(f => f.VehicleType).DistinctBy(t => t.Id).ToList();
        if (types.Any(t => t.Energy != EnergySource.Battery))
        {
            return sentences;
        }

        // One sentence per trip length (a corridor has a few patterns), naming the first such trip.
        foreach (var group in problem.Schedule.Trips.GroupBy(t => problem.TripDistanceMetres[t.TripId]).OrderByDescending(g => g.Key))
        {
            var trip = group.OrderBy(t => t.Departure).First();
            var metres = group.Key;
            var seconds = trip.Arrival.TotalSeconds - trip.Departure.TotalSeconds;
            if (types.All(t => DrivingWh(problem, t, metres, seconds) > t.Battery!.CeilingWh - t.Battery.FloorWh))
            {
                var largest = types.MaxBy(t => t.Battery!.CeilingWh - t.Battery.FloorWh)!;
                var need = DrivingWh(problem, largest, metres, seconds);
                var others = group.Count() > 1 ? $" (and {group.Count() - 1} more trips of that length)" : string.Empty;
                sentences.Add(string.Create(CultureInfo.InvariantCulture,
                    $"trip {Describe(trip)}{others} is {metres / 1000.0:0} km and needs {Kwh(need)} kWh in {problem.Season.ToString().ToLowerInvariant()} on a {largest.Id} ({largest.Consumption.In(problem.Season):0.##} kWh/km); the largest usable pack is {Kwh(largest.Battery!.CeilingWh - largest.Battery.FloorWh)} kWh ({largest.Id}, {largest.Battery.UsableFloorPercent:0}–{largest.Battery.UsableCeilingPercent:0} % of {largest.Battery.PackKwh:0} kWh)."));
            }
        }

        return sentences;
    }

    private static ImmutableArray<Remedy> RemediesForLongTrips(BatterySchedulingProblem problem, int noBatteryFleet)
    {
        var remedies = new List<Remedy>();
        var depotStops = problem.Schedule.Depots.Select(d => d.Stop).ToList();
        int Nearest(Func<string, int> metres) => depotStops.Select(metres).Where(m => m >= 0).DefaultIfEmpty(0).Min();
        int Run(string from, string to) => problem.Schedule.Deadheads.TryGet(from, to, out var r) ? r.DistanceMetres : -1;

        // A bus must also reach the trip from its depot and get back with its reserve: size the pack for the whole one-trip day.
        var longest = problem.Schedule.Trips.Max(t => problem.TripDistanceMetres[t.TripId]
            + Nearest(d => Run(d, t.FromStop)) + Nearest(d => Run(t.ToStop, d)));
        foreach (var type in problem.Fleet.Select(f => f.VehicleType).DistinctBy(t => t.Id).Where(t => t.Battery is not null))
        {
            var b = type.Battery!;
            var usable = longest / 1000.0 * type.Consumption.In(problem.Season);
            var pack = Math.Ceiling(usable / ((b.UsableCeilingPercent - b.UsableFloorPercent) / 100) / 10) * 10;
            remedies.Add(new BiggerPack(type.Id, Math.Ceiling(usable), pack));
        }

        // A mixed fleet: the scheduler gives the diesel buses what batteries cannot run; the no-battery fleet runs the whole day.
        _ = noBatteryFleet;
        remedies.Add(new SwitchToDiesel());
        return [.. remedies];
    }

    /// <summary>
    /// The exact CP-SAT model alone on the whole day (the stage's method before column generation),
    /// for benchmarks: the fleet of its plan, or 0 when it has none within the limit.
    /// </summary>
    internal static int ExactModelFleet(BatterySchedulingProblem problem, BatterySolveOptions options)
    {
        var budget = new WallClockBudget(TimeSpan.FromSeconds(options.TimeLimitSeconds));
        var plain = NoBatteryPlan(problem, options with { TimeLimitSeconds = budget.Left(BoundShare).TotalSeconds });
        var solved = SolveModel(problem, options with { TimeLimitSeconds = budget.Left().TotalSeconds }, budget,
            plain.Solution?.Schedule, FleetBound(plain));
        return solved.Status is SolveStatus.Optimal or SolveStatus.Feasible ? solved.Schedule.Vehicles : 0;
    }

    /// <summary>Builds and solves the model; <paramref name="fleetLowerBound"/> (0: none) ends the fleet stage when reached.</summary>
    private static BatteryModelSolution SolveModel(BatterySchedulingProblem problem, BatterySolveOptions options, WallClockBudget budget, VehicleSchedule? hint = null, int fleetLowerBound = 0)
    {
        var model = new BatteryModel(problem);
        if (!model.HintGreedily(hint) && hint is not null)
        {
            model.Hint(hint);
        }

        return model.Solve(options, budget, fleetLowerBound);
    }

    /// <summary>KPIs read from the blocks' events.</summary>
    private static BatteryKpis Kpis(BatterySchedulingProblem problem, VehicleSchedule schedule)
    {
        var events = schedule.Blocks.SelectMany(b => b.Events).ToList();
        var charges = events.Where(e => e.Kind == BlockEventKind.Charge).ToList();
        var peak = problem.Chargers.ToImmutableSortedDictionary(c => c.Id, c => PeakInUse(charges.Where(e => e.ChargerSite == c.Id)), StringComparer.Ordinal);
        var packs = schedule.Blocks.Where(b => b.VehicleTypeId is not null)
            .Select(b => (Block: b, Type: problem.Fleet.First(f => f.VehicleType.Id == b.VehicleTypeId).VehicleType))
            .Where(x => x.Type.Battery is not null)
            .Select(x => (Min: x.Block.Events.Where(e => e.SocEndWh is not null).Min(e => e.SocEndWh!.Value), x.Type.Battery!.PackWh))
            .ToList();
        return new BatteryKpis(
            Math.Round(events.Where(e => e.Kind != BlockEventKind.Charge && e.EnergyWh is > 0).Sum(e => e.EnergyWh!.Value) / 1000.0, 1),
            Math.Round(charges.Sum(e => -(e.EnergyWh ?? 0)) / 1000.0, 1),
            charges.Count,
            peak,
            packs.Count == 0 ? null : Math.Round(packs.Min(p => p.Min) / 1000.0, 1),
            packs.Count == 0 ? null : Math.Round(packs.Min(p => 100.0 * p.Min / p.PackWh), 1),
            schedule.Blocks.GroupBy(b => b.VehicleTypeId ?? "-").ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Math.Round(events.Where(e => e.Kind is BlockEventKind.PullOut or BlockEventKind.PullIn or BlockEventKind.Deadhead).Sum(e => e.DistanceMetres) / 1000.0, 1));
    }

    private static int PeakInUse(IEnumerable<BlockEvent> sessions)
    {
        var changes = sessions.SelectMany(e => new[] { (e.Start.TotalSeconds, 1), (e.End.TotalSeconds, -1) })
            .OrderBy(c => c.Item1).ThenBy(c => c.Item2);
        int current = 0, peak = 0;
        foreach (var (_, delta) in changes)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }
}
