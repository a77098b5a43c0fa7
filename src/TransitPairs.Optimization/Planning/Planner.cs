using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Planning;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Validation;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.Planning;

/// <summary>Which vehicle-block stage a plan uses.</summary>
public enum BlockStage
{
    /// <summary>Battery-aware blocks (state of charge, charging) when the fleet has battery buses, else plain blocks.</summary>
    Auto,

    /// <summary>
    /// Plain blocks (fewest vehicles, then least empty running) whatever the fleet: a quick screen
    /// for what-ifs; energy is then kWh/km × km and the KPIs say it was not checked.
    /// </summary>
    Plain,
}

/// <summary>Solver options of a whole plan: one wall-clock budget shared by the stages, workers and seed.</summary>
/// <param name="TimeLimitSeconds">Wall-clock budget of the whole plan, seconds (&gt; 0): the timetable may use up to
/// <see cref="Planner.TimetableShare"/> of it, the vehicle blocks get the rest (see <see cref="Planner"/>).</param>
/// <param name="Threads">Solver workers (1 = the same seed gives the same plan).</param>
/// <param name="Seed">Random seed (≥ 0).</param>
/// <param name="Blocks">Which block stage to use.</param>
/// <param name="Crew">Whether to build driver duties after the blocks (<see cref="CrewStage"/>).</param>
public sealed record PlanSolveOptions(double TimeLimitSeconds, int Threads, int Seed, BlockStage Blocks = BlockStage.Auto, CrewStage Crew = CrewStage.Solve)
{
    /// <summary>The scenario's own options, each replaced where a value is given.</summary>
    public static PlanSolveOptions From(Scenario scenario, double? timeLimitSeconds = null, int? threads = null, int? seed = null, BlockStage blocks = BlockStage.Auto)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new PlanSolveOptions(
            timeLimitSeconds ?? scenario.Options.TimeLimit.TotalSeconds,
            threads ?? scenario.Options.Threads,
            seed ?? scenario.Options.Seed,
            blocks);
    }
}

/// <summary>A plan with the stage results it came from (solver figures for those who want them).</summary>
/// <param name="Plan">The plan in domain terms: what every output is written from.</param>
/// <param name="Timetable">The timetable stage's result (trips, KPIs, policy check).</param>
/// <param name="Blocks">The vehicle-block stage's result (schedule, cost, bound).</param>
/// <param name="Problem">The vehicle scheduling problem the blocks solve (for the checker).</param>
/// <param name="Battery">The battery-aware stage's result when the fleet has battery buses (then <paramref name="Blocks"/> is null).</param>
public sealed record PlanResult(Plan Plan, ScenarioTimetable Timetable, SolveOutcome<TripSchedule>? Blocks, VehicleSchedulingProblem Problem, BatteryScheduleResult? Battery)
{
    /// <summary>The driver-duty stage's outcome, or null when it was skipped.</summary>
    public SolveOutcome<DutySolution>? Duties { get; init; }
}

/// <summary>
/// The pipeline of one service day: scenario → timetable (<see cref="ScenarioTimetabler"/>) →
/// vehicle blocks (<see cref="TripScheduler"/>, checked by <see cref="VehicleScheduleChecker"/>) →
/// KPIs (<see cref="PlanKpis"/>). Pure: the same scenario, options and seed with one thread give the
/// same plan when every solve ends before its limit. Never prints.
/// </summary>
/// <remarks>
/// Blocks: every depot of the scenario's corridors with vehicles is a depot of the problem holding
/// the fleet based there (one depot: exact min-cost flow, the same plan on every run; several:
/// column generation, whose wall-clock budget can pick another of several equally cheap block sets
/// on a busy machine); empty runs between every terminal, stop and depot come from the scenario's road
/// network (whole minutes rounded up); the least layover is the policy's; costs put the fleet first,
/// then empty kilometres (<see cref="OperatingCosts.FleetThenEmptyKm"/>). A block's vehicle type is
/// taken from its depot's fleet (types in id order, as many blocks as vehicles of each).
/// <para>Time: <see cref="PlanSolveOptions.TimeLimitSeconds"/> is a wall-clock budget for the
/// whole plan. The timetable's CP-SAT solve may use up to <see cref="TimetableShare"/> of it
/// (usually it proves its optimum in well under a second); the block stage gets whatever is left
/// and splits it among its own solves (the battery stage: the no-battery bound, fewest vehicles,
/// then least cost). A solve stopped by its limit reports status <c>feasible</c> with its bound and
/// gap, never <c>optimal</c>. With one worker, CP-SAT also caps deterministic time at the same
/// figure, so a plan whose solves all finish before their limits repeats exactly; one cut by the
/// wall clock depends on the machine's speed and load.</para>
/// </remarks>
public static class Planner
{
    /// <summary>Most of the plan's budget the timetable stage may use (0–1); the blocks get the rest.</summary>
    public const double TimetableShare = BudgetShares.PlanTimetable;

    /// <summary>
    /// Plans <paramref name="scenario"/>. Throws <see cref="NoFeasiblePlanException"/> when no
    /// timetable satisfies the policy or no blocks cover the trips with the fleet.
    /// <paramref name="progress"/>, when given, hears each stage as it starts and its objective and
    /// bound as it ends; it changes nothing in the plan.
    /// </summary>
    public static PlanResult Plan(Scenario scenario, PlanSolveOptions options, IProgress<SolveProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var budget = new WallClockBudget(TimeSpan.FromSeconds(options.TimeLimitSeconds));
        progress?.Report(new SolveProgress("timetable"));
        var timetableOutcome = ScenarioTimetabler.Solve(scenario, TimetableObjective.EvenHeadway,
            new SolveOptions(TimeSpan.FromSeconds(options.TimeLimitSeconds), options.Threads, options.Seed), budget.Share(TimetableShare));
        if (timetableOutcome.Solution is not { } timetable)
        {
            throw new NoPlanException($"{scenario.Name}: no timetable satisfies the policy: {timetableOutcome.Explanation}", timetableOutcome.Remedies, scenario);
        }

        if (timetable.PolicyViolations.Length > 0)
        {
            throw new InvalidOperationException($"The timetable of {scenario.Name} failed the policy check: {string.Join(" ", timetable.PolicyViolations.Take(3))}");
        }

        var timetableSeconds = budget.Elapsed.TotalSeconds;
        progress?.Report(new SolveProgress("timetable", timetable.Solve.Objective, timetable.Solve.Bound, "s of deviation"));
        progress?.Report(new SolveProgress("vehicle blocks"));
        var blockOptions = options with { TimeLimitSeconds = budget.Left(PlanCrew.BlockShare(scenario, options)).TotalSeconds };
        var blocks = options.Blocks == BlockStage.Auto && HasBatteryBuses(scenario)
            ? BatteryBlocks(scenario, timetable, blockOptions)
            : PlainBlocks(scenario, timetable, blockOptions);
        var types = VehicleTypes(scenario, blocks.Schedule);
        var loads = Loads(timetable);
        progress?.Report(new SolveProgress("vehicle blocks", blocks.Schedule.Blocks.Length, blocks.FleetLowerBound, "vehicles"));
        var kpis = Kpis(scenario, timetable, blocks, types, timetableSeconds + blocks.Seconds);
        var plan = new Plan(scenario, timetable.Timetable, blocks.Schedule, types, loads, kpis, Notes(timetable, blocks, kpis));
        return PlanCrew.Add(new PlanResult(plan, timetable, blocks.Plain, blocks.Problem, blocks.Battery), options, budget);
    }

    /// <summary>True when any vehicle of the fleet runs on a battery: then the blocks come from the battery-aware stage.</summary>
    public static bool HasBatteryBuses(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Fleet.Allocations.Any(a => a.Count > 0 && scenario.VehicleType(a.VehicleType).Energy == EnergySource.Battery);
    }

    /// <summary>The blocks of either stage, with what the KPIs and notes need.</summary>
    private sealed record Blocks(
        VehicleSchedule Schedule,
        VehicleSchedulingProblem Problem,
        string Status,
        int FleetLowerBound,
        double Seconds,
        string Description,
        bool EnergyChecked,
        SolveOutcome<TripSchedule>? Plain,
        BatteryScheduleResult? Battery);

    private static Blocks PlainBlocks(Scenario scenario, ScenarioTimetable timetable, PlanSolveOptions options)
    {
        var problem = SchedulingProblem(scenario, timetable.Timetable);
        var limit = TimeSpan.FromSeconds(options.TimeLimitSeconds);
        var blocks = TripScheduler.SolveChecked(problem, new SolveOptions(limit, options.Threads, options.Seed), new WallClockBudget(limit), $"the blocks of {scenario.Name}");
        var fleetBound = TripScheduler.FleetBound(problem);
        if (blocks.Solution is not { } solution)
        {
            Remedy[] remedies = blocks.Status == SolveStatus.NoSolutionFound
                ? [new MoreTime(limit * 2 < SolveOptions.MaxTimeLimit ? limit * 2 : SolveOptions.MaxTimeLimit)]
                : fleetBound > scenario.Fleet.Total ? [new MoreVehicles(fleetBound - scenario.Fleet.Total)] : [];
            throw new NoPlanException(
                $"{scenario.Name}: no vehicle blocks cover the {problem.Trips.Length} trips with the fleet of {scenario.Fleet.Total} (at least {fleetBound} vehicles are needed at once){(blocks.Status == SolveStatus.NoSolutionFound ? " within the time limit" : string.Empty)}.",
                [.. remedies], scenario);
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Vehicle blocks: {blocks.Method} {blocks.Status.Word()}, {solution.Schedule.Vehicles} vehicles against a lower bound of {fleetBound} (most trips in service at once), cost gap {(double.IsFinite(blocks.Gap) ? blocks.Gap : 0):P2}.");
        return new Blocks(solution.Schedule, problem, blocks.Status.Word(), fleetBound, blocks.Elapsed.TotalSeconds, description, false, blocks, null);
    }

    private static Blocks BatteryBlocks(Scenario scenario, ScenarioTimetable timetable, PlanSolveOptions options)
    {
        var problem = BatterySchedulingProblem.FromScenario(scenario, timetable.Timetable);
        var limit = TimeSpan.FromSeconds(options.TimeLimitSeconds);
        var outcome = BatteryScheduler.SolveChecked(problem, new SolveOptions(limit, options.Threads, options.Seed), new WallClockBudget(limit), $"the battery blocks of {scenario.Name}");
        if (outcome.Solution is not { } result)
        {
            throw new NoPlanException($"{scenario.Name}: no battery-feasible vehicle blocks: {(outcome.Explanation ?? "no plan").TrimEnd('.')}.", outcome.Remedies, scenario);
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Vehicle blocks: battery-aware, {result.Method} {result.Status.Word()}, {result.Vehicles} vehicles against lower bounds of {result.NoBatteryFleetBound} (the same day without battery limits) and {result.BatteryFleetBound} (the block master's LP), objective gap {result.Gap:P2}; {result.Kpis.ChargingSessions} charging sessions, {result.Kpis.ChargedKwh:0} kWh charged during the day, lowest state of charge {(result.Kpis.MinSocPercent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + " %" : "–")}.");
        return new Blocks(result.Schedule, problem.Schedule, result.Status.Word(), result.FleetBound, result.Elapsed.TotalSeconds, description, true, null, result);
    }

    /// <summary>The vehicle scheduling problem of a scenario's timetable (see the remarks of <see cref="Planner"/>).</summary>
    public static VehicleSchedulingProblem SchedulingProblem(Scenario scenario, TransitPairs.Timetables.Timetable timetable)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(timetable);
        var trips = timetable.Trips.Select(t => new ScheduledTrip(t.Id, t.Origin, t.Departure, t.Destination, t.Arrival)).ToImmutableArray();
        // Depots without vehicles are no pull-out places (as in the battery stage's problem).
        var depots = scenario.Depots.Where(d => scenario.Fleet.AtDepot(d.Id) > 0).Select(d => new VehicleDepot(d.Id, d.Id, scenario.Fleet.AtDepot(d.Id))).ToImmutableArray();
        var places = trips.SelectMany(t => new[] { t.FromStop, t.ToStop }).Concat(depots.Select(d => d.Stop)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var runs = new List<Deadhead>();
        foreach (var from in places)
        {
            foreach (var to in places.Where(p => p != from && scenario.Network.Connects(from, p)))
            {
                var run = scenario.Network.EmptyRun(from, to);
                runs.Add(new Deadhead(from, to, run.Minutes * 60, run.DistanceMetres));
            }
        }

        return new VehicleSchedulingProblem(trips, new DeadheadTable(runs), depots,
            new SchedulingRules((int)scenario.Policy.MinLayover.TotalSeconds), OperatingCosts.FleetThenEmptyKm);
    }

    private static ImmutableDictionary<string, string> VehicleTypes(Scenario scenario, VehicleSchedule schedule)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var atDepot in schedule.Blocks.GroupBy(b => b.DepotId ?? string.Empty))
        {
            var slots = scenario.Fleet.Allocations.Where(a => a.Depot == atDepot.Key && a.Count > 0)
                .OrderBy(a => a.VehicleType, StringComparer.Ordinal)
                .SelectMany(a => Enumerable.Repeat(a.VehicleType, a.Count)).ToList();
            var fallback = slots.FirstOrDefault() ?? scenario.Fleet.Allocations.OrderBy(a => a.VehicleType, StringComparer.Ordinal).First().VehicleType;
            var k = 0;
            foreach (var block in atDepot)
            {
                result[block.VehicleId] = block.VehicleTypeId ?? (k < slots.Count ? slots[k] : fallback);
                k++;
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<HourlyLoad> Loads(ScenarioTimetable timetable) =>
        [.. timetable.Kpis.Directions.SelectMany(d =>
        {
            var policy = timetable.Policies.First(p => p.DirectionId == d.DirectionId);
            return d.Hours.Select(h => new HourlyLoad(policy.Corridor, policy.Direction, h.Hour, h.DemandPassengers, h.CapacityPassengers));
        })];

    /// <remarks>
    /// Battery energy: the battery stage's energy per event where it gives one (driving, heating
    /// included); otherwise the season's kWh/km × km. Charge events put energy in and are not counted.
    /// </remarks>
    private static PlanKpis Kpis(Scenario scenario, ScenarioTimetable timetable, Blocks blocks, ImmutableDictionary<string, string> types, double seconds)
    {
        var tripMetres = timetable.Timetable.Trips.ToDictionary(t => t.Id, t => scenario.Corridor(t.Corridor).Pattern(t.Pattern).DistanceMetres, StringComparer.Ordinal);
        double serviceKm = 0, emptyKm = 0, hours = 0, energyKwh = 0, litres = 0, cost = 0;
        foreach (var block in blocks.Schedule.Blocks)
        {
            var type = scenario.VehicleType(types[block.VehicleId]);
            var service = block.TripIds.Sum(t => tripMetres[t]);
            var empty = block.Events.Where(e => e.Kind is not BlockEventKind.Trip).Sum(e => e.DistanceMetres);
            var km = (service + empty) / 1000.0;
            serviceKm += service / 1000.0;
            emptyKm += empty / 1000.0;
            hours += (block.Events[^1].End.TotalSeconds - block.Events[0].Start.TotalSeconds) / 3600.0;
            if (type.Energy == EnergySource.Battery)
            {
                var driving = block.Events.Where(e => e.Kind != BlockEventKind.Charge).ToList();
                energyKwh += driving.All(e => e.EnergyWh is not null)
                    ? driving.Sum(e => e.EnergyWh!.Value) / 1000.0
                    : type.EnergyWh(service + empty, scenario.Season) / 1000.0;
            }
            else
            {
                litres += km * type.Consumption.In(scenario.Season);
            }

            cost += type.DayCostYuan(km);
        }

        var directions = timetable.Kpis.Directions;
        var weights = directions.Select(d => (double)d.Hours.Sum(h => h.DemandPassengers)).ToArray();
        var wait = weights.Sum() > 0
            ? directions.Select((d, i) => d.ExpectedWaitMinutes * weights[i]).Sum() / weights.Sum()
            : directions.Select(d => d.ExpectedWaitMinutes).DefaultIfEmpty(0).Average();
        return new PlanKpis
        {
            Departures = timetable.Timetable.Trips.Length,
            Vehicles = blocks.Schedule.Vehicles,
            VehicleLowerBound = blocks.FleetLowerBound,
            ServiceKm = serviceKm,
            EmptyKm = emptyKm,
            VehicleHours = hours,
            EnergyKwh = energyKwh,
            DieselLitres = litres,
            VehicleCostYuan = cost,
            ExpectedWaitMinutes = wait,
            PeakOccupancy = directions.Select(d => d.PeakOccupancy).DefaultIfEmpty(0).Max(),
            PassengersLeftBehind = directions.Sum(d => d.LeftBehindPassengers),
            TransfersMet = timetable.Kpis.TransfersMet,
            Transfers = timetable.Kpis.Transfers.Length,
            EnergyChecked = blocks.EnergyChecked,
            TimetableStatus = timetable.Solve.Status.Word(),
            BlocksStatus = blocks.Status,
            SolverSeconds = seconds,
        };
    }

    private static ImmutableArray<string> Notes(ScenarioTimetable timetable, Blocks blocks, PlanKpis kpis)
    {
        var inv = CultureInfo.InvariantCulture;
        var notes = ImmutableArray.CreateBuilder<string>();
        notes.Add(string.Create(inv, $"Timetable: CP-SAT {timetable.Solve.Status.Word()}, objective {timetable.Solve.Objective:0}, bound {timetable.Solve.Bound:0}, gap {timetable.Solve.Gap:P1}."));
        notes.Add(blocks.Description);
        notes.Add("Operating cost = vehicle cost + driver cost. Vehicle cost = Σ vehicles × cost per vehicle-day (drivers apart) + Σ km driven (service and empty) × cost per km, both of the vehicle type (data/vehicle-types.json); the same per km in every season.");
        if (kpis.EnergyKwh > 0 && !kpis.EnergyChecked)
        {
            notes.Add("Battery energy is kWh/km of the season × km; these blocks were not checked for state of charge.");
        }

        return notes.ToImmutable();
    }
}
