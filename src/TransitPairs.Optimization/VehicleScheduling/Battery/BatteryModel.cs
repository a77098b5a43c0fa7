using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.Sat;
using TransitPairs.Optimization.Solving;
using TransitPairs.Places;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Time;
using TransitPairs.Vehicles;
using SatIntVar = Google.OrTools.Sat.IntVar;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>The exact CP-SAT model of one battery day and the mapping of its solution to blocks (days of at most 70 trips; see <see cref="BatteryScheduler"/>).</summary>
/// <remarks>
/// The model: a boolean per compatible pair of trips (the same bus runs j after i), a start
/// and an end boolean per trip and fleet slot (depot × vehicle type), the slot of each trip carried
/// along every link, the state of charge (Wh) at each trip's start and end, and on each link an
/// optional charging session at one charger site as an optional interval; per site
/// <c>AddCumulative</c> with its points. Charging follows <see cref="ChargingRules"/>' piecewise-linear
/// curve exactly (both pieces bound the energy; the curve is concave). It has no charge between the
/// last trip and the pull-in, which the column method allows. Objective: vehicles × 10⁸ + cost in
/// fen. Two stages: fewest vehicles (stopped at the bound), then least cost. A stage stopped by its
/// limit gives "feasible", never "optimal".
/// </remarks>
internal sealed class BatteryModel
{
    /// <summary>
    /// Links kept per trip on days of more than 40 trips: its 12 earliest possible successors. On a
    /// corridor with 15–60 minute headways that spans 3–12 hours, so a bus can still wait out the
    /// midday valley or charge for hours, and the model stays small enough for CP-SAT. A solve that
    /// dropped links never claims optimality: its status is "feasible".
    /// </summary>
    private const int MaxSuccessors = 12;

    /// <summary>Days of more trips than this keep only <see cref="MaxSuccessors"/> links per trip; smaller days keep every compatible pair.</summary>
    private const int PruneAboveTrips = 40;

    private readonly BatterySchedulingProblem problem;
    private readonly ImmutableArray<ScheduledTrip> trips;
    private readonly ImmutableArray<FleetSlot> slots;
    private readonly CpModel model = new();
    private readonly BoolVar?[,] slotOf;
    private readonly Dictionary<(int I, int J), Link> links = [];
    private readonly BoolVar?[,] starts;
    private readonly BoolVar?[,] ends;
    private readonly SatIntVar[] socStart;
    private readonly SatIntVar[] socEnd;
    private readonly long maxCeiling;

    /// <summary>Compatible links left out of the model (large days only); when above 0 the result is not proven optimal.</summary>
    public int PrunedLinks { get; private set; }
    private LinearExpr costObjective = LinearExpr.Constant(0);
    private LinearExpr vehicleCount = LinearExpr.Constant(0);

    /// <summary>The objective as literal × fen terms (so that a plan built outside CP-SAT can be priced the same way).</summary>
    private readonly List<(BoolVar Literal, long Fen)> objectiveTerms = [];

    /// <summary>The greedy plan's value of every variable it sets (see <see cref="HintGreedily"/>); null without one.</summary>
    private Dictionary<int, long>? greedyValues;

    public BatteryModel(BatterySchedulingProblem problem)
    {
        this.problem = problem;
        trips = [.. problem.Schedule.Trips.OrderBy(t => t.Departure).ThenBy(t => t.TripId, StringComparer.Ordinal)];
        slots = problem.Fleet;
        var n = trips.Length;
        var m = slots.Length;
        slotOf = new BoolVar?[n, m];
        starts = new BoolVar?[n, m];
        ends = new BoolVar?[n, m];
        socStart = new SatIntVar[n];
        socEnd = new SatIntVar[n];
        maxCeiling = Math.Max(1, slots.Where(s => s.VehicleType.Battery is not null).Select(s => s.VehicleType.Battery!.CeilingWh).DefaultIfEmpty(1).Max());
        Build();
    }

    private sealed record Link(BoolVar Used, BoolVar Direct, ImmutableArray<(ChargerSite Site, BoolVar Chosen)> Sessions, SatIntVar? Arrive, SatIntVar? Leave, SatIntVar? Start, SatIntVar? Length);

    private int Metres(string from, string to) => problem.Schedule.Deadheads.TryGet(from, to, out var r) ? r.DistanceMetres : -1;

    private int Seconds(string from, string to) => problem.Schedule.Deadheads.TryGet(from, to, out var r) ? r.DurationSeconds : -1;

    /// <summary>True when the empty run exists and one driver may drive it starting at <paramref name="start"/> (<see cref="BatterySchedulingProblem.EmptyRunAllowed"/>).</summary>
    private bool RunAllowed(string from, string to, int start) =>
        from == to || (Seconds(from, to) is var seconds and >= 0 && problem.EmptyRunAllowed(start, seconds));

    private VehicleType Type(int c) => slots[c].VehicleType;

    /// <summary>The stop where slot <paramref name="c"/>'s depot lets buses out and in.</summary>
    private string DepotStop(int c) => problem.Schedule.Depots.First(d => d.DepotId == slots[c].Depot).Stop;

    private long Ceiling(int c) => Type(c).Battery?.CeilingWh ?? maxCeiling;

    private long Floor(int c) => Type(c).Battery?.FloorWh ?? 0;

    private long Run(int c, string from, string to) => BatteryScheduler.DrivingWh(problem, Type(c), Metres(from, to), Seconds(from, to));

    private long TripWh(int i, int c) =>
        BatteryScheduler.DrivingWh(problem, Type(c), problem.TripDistanceMetres[trips[i].TripId], trips[i].Arrival.TotalSeconds - trips[i].Departure.TotalSeconds);

    /// <summary>Fen per metre × 1,000 → fen for a run of <paramref name="metres"/> on slot <paramref name="c"/>.</summary>
    private long RunCostFen(int c, int metres) => (long)Math.Round(metres * Type(c).CostPerKmYuan / 10);

    /// <summary>Σ over slots of the slot's coefficient × the trip's slot literal.</summary>
    private LinearExpr BySlot(int i, Func<int, long> coefficient)
    {
        var terms = new List<LinearExpr>();
        for (var c = 0; c < slots.Length; c++)
        {
            if (slotOf[i, c] is { } z && coefficient(c) != 0)
            {
                terms.Add(z * coefficient(c));
            }
        }

        return terms.Count == 0 ? LinearExpr.Constant(0) : LinearExpr.Sum(terms);
    }

    private bool SlotCanRun(int i, int c)
    {
        var type = Type(c);
        if (type.Battery is null)
        {
            return true;
        }

        return TripWh(i, c) <= type.Battery.CeilingWh - type.Battery.FloorWh;
    }

    private void Build()
    {
        var n = trips.Length;
        var m = slots.Length;
        var rules = problem.Schedule.Rules;
        var plug = problem.Charging.MinPlugInSeconds;
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < m; c++)
            {
                if (SlotCanRun(i, c))
                {
                    slotOf[i, c] = model.NewBoolVar($"z{i}_{c}");
                    objectiveTerms.Add((slotOf[i, c]!, RunCostFen(c, problem.TripDistanceMetres[trips[i].TripId])));
                }
            }

            model.AddExactlyOne(Enumerable.Range(0, m).Where(c => slotOf[i, c] is not null).Select(c => slotOf[i, c]!));
            socStart[i] = model.NewIntVar(0, maxCeiling, $"socS{i}");
            socEnd[i] = model.NewIntVar(0, maxCeiling, $"socE{i}");
            model.Add(socEnd[i] == socStart[i] - BySlot(i, c => TripWh(i, c)));
            model.Add(socStart[i] <= BySlot(i, Ceiling));
            model.Add(socEnd[i] >= BySlot(i, Floor));
        }

        // Pull-outs and pull-ins: a bus leaves its depot full and must get back above its floor.
        var perSlotStarts = Enumerable.Range(0, m).Select(_ => new List<BoolVar>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < m; c++)
            {
                if (slotOf[i, c] is not { } z)
                {
                    continue;
                }

                var depot = DepotStop(c);
                if (RunAllowed(depot, trips[i].FromStop, trips[i].Departure.TotalSeconds - Seconds(depot, trips[i].FromStop)))
                {
                    var s = model.NewBoolVar($"s{i}_{c}");
                    model.AddImplication(s, z);
                    model.Add(socStart[i] == Ceiling(c) - Run(c, depot, trips[i].FromStop)).OnlyEnforceIf(s);
                    starts[i, c] = s;
                    perSlotStarts[c].Add(s);
                    objectiveTerms.Add((s, BlockSelection.VehicleWeight + (long)Math.Round(Type(c).CostPerVehicleDayYuan * 100) + RunCostFen(c, Metres(depot, trips[i].FromStop))));
                }

                if (RunAllowed(trips[i].ToStop, depot, trips[i].Arrival.TotalSeconds))
                {
                    var e = model.NewBoolVar($"e{i}_{c}");
                    model.AddImplication(e, z);
                    model.Add(socEnd[i] - Run(c, trips[i].ToStop, depot) >= Floor(c)).OnlyEnforceIf(e);
                    ends[i, c] = e;
                    objectiveTerms.Add((e, RunCostFen(c, Metres(trips[i].ToStop, depot))));
                }
            }
        }

        for (var c = 0; c < m; c++)
        {
            model.Add(LinearExpr.Sum(perSlotStarts[c]) <= slots[c].Count);
        }

        var sessionsAt = problem.Chargers.ToDictionary(s => s.Id, _ => new List<IntervalVar>(), StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var a = trips[i];
            var successors = Enumerable.Range(0, n).Where(j =>
            {
                var direct = Seconds(a.ToStop, trips[j].FromStop);
                return j != i && RunAllowed(a.ToStop, trips[j].FromStop, a.Arrival.TotalSeconds) && a.Arrival.TotalSeconds + rules.MinLayoverSeconds + direct <= trips[j].Departure.TotalSeconds
                    && (rules.MaxIdleSeconds is not { } maxIdle || trips[j].Departure.TotalSeconds - a.Arrival.TotalSeconds - direct <= maxIdle);
            }).OrderBy(j => trips[j].Departure).ThenBy(j => j).ToList();
            if (n > PruneAboveTrips && successors.Count > MaxSuccessors)
            {
                PrunedLinks += successors.Count - MaxSuccessors;
                successors = successors.Take(MaxSuccessors).ToList();
            }

            foreach (var j in successors)
            {
                var b = trips[j];

                var shared = Enumerable.Range(0, m).Where(c => slotOf[i, c] is not null && slotOf[j, c] is not null).ToList();
                if (shared.Count == 0)
                {
                    continue;
                }

                var used = model.NewBoolVar($"x{i}_{j}");
                for (var c = 0; c < m; c++)
                {
                    if (slotOf[i, c] is { } zi && slotOf[j, c] is { } zj)
                    {
                        model.Add(zi == zj).OnlyEnforceIf(used);
                    }
                    else if (slotOf[i, c] is { } only)
                    {
                        model.Add(only == 0).OnlyEnforceIf(used);
                    }
                    else if (slotOf[j, c] is { } onlyJ)
                    {
                        model.Add(onlyJ == 0).OnlyEnforceIf(used);
                    }
                }

                var straight = model.NewBoolVar($"d{i}_{j}");
                model.Add(socStart[j] == socEnd[i] - BySlot(j, c => Run(c, a.ToStop, b.FromStop))).OnlyEnforceIf(straight);
                objectiveTerms.Add((straight, (long)Math.Round(Metres(a.ToStop, b.FromStop) * 0.1)));

                var battery = shared.Where(c => Type(c).Battery is not null).ToList();
                var sessions = new List<(ChargerSite, BoolVar)>();
                SatIntVar? arrive = null, leave = null, start = null, length = null, finish = null;
                foreach (var site in battery.Count == 0 ? [] : problem.Chargers)
                {
                    var toSite = Seconds(a.ToStop, site.Place);
                    var fromSite = Seconds(site.Place, b.FromStop);
                    if (toSite < 0 || fromSite < 0
                        || Metres(a.ToStop, site.Place) + Metres(site.Place, b.FromStop) - Metres(a.ToStop, b.FromStop) > EnergyDay.MaxChargingDetourMetres)
                    {
                        continue;
                    }

                    var open = a.Arrival.TotalSeconds + toSite;
                    var close = b.Departure.TotalSeconds - fromSite;
                    if (close - open < Math.Max(plug, 1) || !RunAllowed(a.ToStop, site.Place, a.Arrival.TotalSeconds) || !RunAllowed(site.Place, b.FromStop, close))
                    {
                        continue;
                    }

                    arrive ??= model.NewIntVar(0, maxCeiling, $"a{i}_{j}");
                    leave ??= model.NewIntVar(0, maxCeiling, $"q{i}_{j}");
                    start ??= model.NewIntVar(a.Arrival.TotalSeconds, b.Departure.TotalSeconds, $"t{i}_{j}");
                    if (length is null)
                    {
                        length = model.NewIntVar(0, b.Departure.TotalSeconds - a.Arrival.TotalSeconds, $"l{i}_{j}");
                        finish = model.NewIntVar(a.Arrival.TotalSeconds, b.Departure.TotalSeconds, $"f{i}_{j}");
                        model.Add(finish == start + length);
                    }

                    var chosen = model.NewBoolVar($"c{i}_{j}_{site.Id}");
                    model.Add(LinearExpr.Sum(battery.Select(c => slotOf[i, c]!)) >= 1).OnlyEnforceIf(chosen);
                    model.Add(arrive == socEnd[i] - BySlot(i, c => Run(c, a.ToStop, site.Place))).OnlyEnforceIf(chosen);
                    model.Add(socStart[j] == leave - BySlot(j, c => Run(c, site.Place, b.FromStop))).OnlyEnforceIf(chosen);
                    model.Add(start >= open).OnlyEnforceIf(chosen);
                    model.Add(start + length <= close).OnlyEnforceIf(chosen);
                    model.Add(length >= plug).OnlyEnforceIf(chosen);
                    model.Add(arrive >= BySlot(i, Floor)).OnlyEnforceIf(chosen);
                    foreach (var c in battery)
                    {
                        // Full power up to the taper threshold, reduced power above it: both pieces bound the charge (concave curve).
                        var pack = Type(c).Battery!;
                        var watts = (long)Math.Round(Math.Min(site.PowerKw, pack.MaxChargingPowerKw) * 1000);
                        var taper = problem.Charging.TaperPowerPercent;
                        var threshold = pack.PackWh * problem.Charging.TaperStartPercent / 100;
                        BoolVar[] when = [chosen, slotOf[i, c]!];
                        model.Add((3600 * leave) - (3600 * arrive) <= watts * length).OnlyEnforceIf(when);
                        model.Add((360_000 * leave) - (3600L * taper * arrive) - (3600L * (100 - taper) * threshold) <= taper * watts * length).OnlyEnforceIf(when);
                    }

                    var interval = model.NewOptionalIntervalVar(start, length, finish!, chosen, $"iv{i}_{j}_{site.Id}");
                    sessionsAt[site.Id].Add(interval);
                    sessions.Add((site, chosen));
                    objectiveTerms.Add((chosen, BlockEnergy.SessionCostFen + (long)Math.Round((Metres(a.ToStop, site.Place) + Metres(site.Place, b.FromStop)) * 0.1)));
                }

                if (leave is not null)
                {
                    model.Add(leave >= arrive!);
                    model.Add(leave <= BySlot(i, Ceiling));
                }

                model.Add(LinearExpr.Sum(sessions.Select(s => s.Item2).Append(straight)) == used);
                links[(i, j)] = new Link(used, straight, [.. sessions], arrive, leave, start, length);
            }
        }

        foreach (var site in problem.Chargers)
        {
            var intervals = sessionsAt[site.Id];
            if (intervals.Count > site.Points)
            {
                model.AddCumulative(site.Points).AddDemands(intervals, Enumerable.Repeat(1L, intervals.Count));
            }
        }

        for (var j = 0; j < n; j++)
        {
            var into = links.Where(l => l.Key.J == j).Select(l => l.Value.Used)
                .Concat(Enumerable.Range(0, m).Where(c => starts[j, c] is not null).Select(c => starts[j, c]!));
            model.AddExactlyOne(into);
        }

        for (var i = 0; i < n; i++)
        {
            var outOf = links.Where(l => l.Key.I == i).Select(l => l.Value.Used)
                .Concat(Enumerable.Range(0, m).Where(c => ends[i, c] is not null).Select(c => ends[i, c]!));
            model.AddExactlyOne(outOf);
        }

        costObjective = LinearExpr.Sum(objectiveTerms.Where(t => t.Fen != 0).Select(t => t.Literal * t.Fen));
        vehicleCount = LinearExpr.Sum(perSlotStarts.SelectMany(x => x));
    }

    /// <summary>
    /// Two stages within <paramref name="budget"/>: the fewest vehicles (CP-SAT proves that bound
    /// far sooner than the weighted sum's), then, with the fleet fixed and the first plan as a
    /// hint, the least cost with whatever is left. The first stage stops as soon as its plan
    /// needs no more than <paramref name="fleetLowerBound"/> vehicles (0: no bound known), or
    /// once half of what was left has passed and it has a plan; without a plan it may use all.
    /// </summary>
    public BatteryModelSolution Solve(BatterySolveOptions options, WallClockBudget budget, int fleetLowerBound)
    {
        model.Minimize(vehicleCount);
        var fleetSolver = NewSolver(options with { TimeLimitSeconds = budget.Left().TotalSeconds });
        using var gate = new FleetStageGate(fleetSolver, fleetLowerBound, budget, budget.Elapsed + budget.Left(BudgetShares.BatteryFleetStage));
        CpSolverStatus fleetStatus;
        using (gate.Arm())
        {
            fleetStatus = fleetSolver.Solve(model, gate);
        }

        switch (fleetStatus)
        {
            case CpSolverStatus.Optimal:
            case CpSolverStatus.Feasible:
                break;
            case CpSolverStatus.Infeasible:
                return new BatteryModelSolution(new VehicleSchedule([]), SolveStatus.Infeasible, 0, 0);
            case CpSolverStatus.ModelInvalid:
                throw new InvalidOperationException("The battery scheduling model is invalid: " + model.Validate());
            default:
                // No plan before the limit (a starved machine: presolve alone can take seconds): the greedy plan, when there is one.
                return greedyValues is { } greedy
                    ? new BatteryModelSolution(Read(v => greedy.GetValueOrDefault(v.GetIndex())), SolveStatus.Feasible, objectiveTerms.Sum(t => greedy.GetValueOrDefault(t.Literal.GetIndex()) * t.Fen), 0)
                    : new BatteryModelSolution(new VehicleSchedule([]), SolveStatus.NoSolutionFound, 0, (long)fleetSolver.BestObjectiveBound * BlockSelection.VehicleWeight);
        }

        var fleet = (long)Math.Round(fleetSolver.ObjectiveValue);
        var fleetBound = (long)Math.Round(fleetSolver.BestObjectiveBound);
        var values = fleetSolver.Response!.Solution;
        var hint = new PartialVariableAssignment();
        for (var v = 0; v < values.Count; v++)
        {
            hint.Vars.Add(v);
            hint.Values.Add(values[v]);
        }

        model.Model.SolutionHint = hint;
        model.Add(vehicleCount <= fleet);
        model.Minimize(costObjective);
        var costSolver = NewSolver(options with { TimeLimitSeconds = budget.Left().TotalSeconds });
        var costStatus = costSolver.Solve(model);
        // At the no-battery fleet the fleet is proven minimal whatever CP-SAT's own bound says.
        var provenFleet = fleetStatus == CpSolverStatus.Optimal || (fleetLowerBound > 0 && fleet <= fleetLowerBound);
        if (costStatus is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // The hint is feasible, so this happens only when the second stage ran out of time before reading it.
            return new BatteryModelSolution(Read(fleetSolver), SolveStatus.Feasible, fleet * BlockSelection.VehicleWeight, PrunedLinks > 0 ? 0 : fleetBound * BlockSelection.VehicleWeight);
        }

        var objective = (long)Math.Round(costSolver.ObjectiveValue);
        // A pruned model's bounds hold for that model only: the caller falls back on the no-battery fleet.
        var bound = PrunedLinks > 0 ? 0 : provenFleet ? (long)Math.Round(costSolver.BestObjectiveBound) : fleetBound * BlockSelection.VehicleWeight;
        var optimal = provenFleet && costStatus == CpSolverStatus.Optimal && PrunedLinks == 0;
        return new BatteryModelSolution(Read(costSolver), optimal ? SolveStatus.Optimal : SolveStatus.Feasible, objective, bound);
    }

    /// <summary>A bus of the greedy plan: its slot, last trip, state of charge after it (Wh).</summary>
    private sealed class GreedyBus(int slot, int lastTrip, long socEndWh)
    {
        public int Slot { get; } = slot;

        public int LastTrip { get; set; } = lastTrip;

        public long SocEndWh { get; set; } = socEndWh;
    }

    /// <summary>What the greedy plan does on a link: a charging session (site index, point, start, length, arrive and leave Wh) or none.</summary>
    private readonly record struct GreedyLink(int I, int J, int Session, int Point, long Start, long Length, long ArriveWh, long LeaveWh, long SocStartWh);

    /// <summary>
    /// Builds a complete battery-feasible plan greedily and hints it, so that CP-SAT holds a plan
    /// from its first moment (on 50+ trips it otherwise needs seconds of search for the first;
    /// a starved machine then ends with none). Trips in departure order; each goes to the bus
    /// that ran its predecessor in <paramref name="plain"/> (the no-battery blocks) when that
    /// bus can, else to the bus that waits least, charging in every layover where a point is free
    /// for the longest free stretch; a bus takes a trip only if it can still get home above its
    /// floor after it. Returns false (nothing hinted) when the greedy needs more vehicles than
    /// the fleet has; CP-SAT checks every hinted value, so a wrong hint costs time, never a plan.
    /// </summary>
    public bool HintGreedily(VehicleSchedule? plain)
    {
        var n = trips.Length;
        var index = Enumerable.Range(0, n).ToDictionary(i => trips[i].TripId, StringComparer.Ordinal);
        var plainPrevious = new Dictionary<int, int>();
        foreach (var block in plain?.Blocks ?? [])
        {
            var chain = block.TripIds.Select(t => index[t]).ToList();
            for (var k = 1; k < chain.Count; k++)
            {
                plainPrevious[chain[k]] = chain[k - 1];
            }
        }

        var sites = problem.Chargers;
        var booked = sites.Select(site => Enumerable.Range(0, site.Points).Select(_ => new List<(long From, long To)>()).ToArray()).ToArray();
        var left = slots.Select(s => s.Count).ToArray();
        var buses = new List<GreedyBus>();
        var busOf = new int[n];
        var socStartOf = new long[n];
        var socEndOf = new long[n];
        var chosen = new Dictionary<(int, int), GreedyLink>();
        for (var j = 0; j < n; j++)
        {
            var b = trips[j];
            GreedyLink? best = null;
            var bestBus = -1;
            foreach (var (bus, k) in buses.Select((x, k) => (x, k)))
            {
                if (!links.TryGetValue((bus.LastTrip, j), out var link) || slotOf[j, bus.Slot] is null || ends[j, bus.Slot] is null)
                {
                    continue;
                }

                var option = BestLinkOption(bus, j, link, booked);
                if (option is not { } o)
                {
                    continue;
                }

                var preferred = plainPrevious.TryGetValue(j, out var p) && p == bus.LastTrip;
                var wait = b.Departure.TotalSeconds - trips[bus.LastTrip].Arrival.TotalSeconds;
                var current = best is { } x ? b.Departure.TotalSeconds - trips[x.I].Arrival.TotalSeconds : int.MaxValue;
                var currentPreferred = best is { } y && plainPrevious.TryGetValue(j, out var q) && q == y.I;
                if (best is null || (preferred && !currentPreferred) || (preferred == currentPreferred && wait < current))
                {
                    best = o;
                    bestBus = k;
                }
            }

            if (best is { } chosenLink)
            {
                var bus = buses[bestBus];
                if (chosenLink.Session >= 0)
                {
                    booked[chosenLink.Session][chosenLink.Point].Add((chosenLink.Start, chosenLink.Start + chosenLink.Length));
                }

                chosen[(chosenLink.I, j)] = chosenLink;
                socStartOf[j] = chosenLink.SocStartWh;
                socEndOf[j] = chosenLink.SocStartWh - TripWh(j, bus.Slot);
                bus.LastTrip = j;
                bus.SocEndWh = socEndOf[j];
                busOf[j] = bestBus;
                continue;
            }

            // A new bus from the first slot with vehicles left that can run the trip and get home.
            var slot = Enumerable.Range(0, slots.Length).FirstOrDefault(c =>
                left[c] > 0 && starts[j, c] is not null && ends[j, c] is not null
                && Ceiling(c) - Run(c, DepotStop(c), b.FromStop) - TripWh(j, c) - Run(c, b.ToStop, DepotStop(c)) >= Floor(c), -1);
            if (slot < 0)
            {
                return false;
            }

            left[slot]--;
            socStartOf[j] = Ceiling(slot) - Run(slot, DepotStop(slot), b.FromStop);
            socEndOf[j] = socStartOf[j] - TripWh(j, slot);
            busOf[j] = buses.Count;
            buses.Add(new GreedyBus(slot, j, socEndOf[j]));
        }

        var hint = new PartialVariableAssignment();
        void Set(SatIntVar? v, long value)
        {
            if (v is not null)
            {
                hint.Vars.Add(v.GetIndex());
                hint.Values.Add(value);
            }
        }

        var firsts = Enumerable.Range(0, n).Where(j => !chosen.Keys.Any(key => key.Item2 == j)).ToHashSet();
        var lasts = buses.Select(x => x.LastTrip).ToHashSet();
        for (var i = 0; i < n; i++)
        {
            var c = buses[busOf[i]].Slot;
            for (var k = 0; k < slots.Length; k++)
            {
                Set(slotOf[i, k], k == c ? 1 : 0);
                Set(starts[i, k], k == c && firsts.Contains(i) ? 1 : 0);
                Set(ends[i, k], k == c && lasts.Contains(i) ? 1 : 0);
            }

            Set(socStart[i], socStartOf[i]);
            Set(socEnd[i], socEndOf[i]);
        }

        foreach (var (key, link) in links)
        {
            var on = chosen.TryGetValue(key, out var g);
            Set(link.Used, on ? 1 : 0);
            Set(link.Direct, on && g.Session < 0 ? 1 : 0);
            foreach (var (site, flag) in link.Sessions)
            {
                Set(flag, on && g.Session >= 0 && sites[g.Session].Id == site.Id ? 1 : 0);
            }

            if (on && g.Session >= 0)
            {
                Set(link.Arrive, g.ArriveWh);
                Set(link.Leave, g.LeaveWh);
                Set(link.Start, g.Start);
                Set(link.Length, g.Length);
            }
        }

        model.Model.SolutionHint = hint;
        greedyValues = Enumerable.Range(0, hint.Vars.Count).ToDictionary(k => hint.Vars[k], k => hint.Values[k]);
        return true;
    }

    /// <summary>
    /// The best way for <paramref name="bus"/> to run trip <paramref name="j"/> next: straight
    /// or through a free charging point (the most charge), provided the bus still gets home above
    /// its floor after the trip; null when it cannot.
    /// </summary>
    private GreedyLink? BestLinkOption(GreedyBus bus, int j, Link link, List<(long From, long To)>[][] booked)
    {
        var c = bus.Slot;
        var i = bus.LastTrip;
        var a = trips[i];
        var b = trips[j];
        var home = TripWh(j, c) + Run(c, b.ToStop, DepotStop(c)) + Floor(c);
        GreedyLink? best = null;
        var straight = bus.SocEndWh - Run(c, a.ToStop, b.FromStop);
        if (straight >= home && straight <= Ceiling(c))
        {
            best = new GreedyLink(i, j, -1, -1, 0, 0, 0, 0, straight);
        }

        var pack = Type(c).Battery;
        if (pack is null)
        {
            return best;
        }

        foreach (var (site, _) in link.Sessions)
        {
            var s = problem.Chargers.IndexOf(site);
            var open = (long)a.Arrival.TotalSeconds + Seconds(a.ToStop, site.Place);
            var close = (long)b.Departure.TotalSeconds - Seconds(site.Place, b.FromStop);
            var arrive = bus.SocEndWh - Run(c, a.ToStop, site.Place);
            if (arrive < Floor(c))
            {
                continue;
            }

            for (var point = 0; point < booked[s].Length; point++)
            {
                // The longest free stretch of this point inside [open, close].
                var edges = booked[s][point].Where(x => x.To > open && x.From < close).OrderBy(x => x.From).ToList();
                var (from, length) = (0L, -1L);
                var cursor = open;
                foreach (var (busyFrom, busyTo) in edges.Append((close, close)))
                {
                    if (busyFrom - cursor > length)
                    {
                        (from, length) = (cursor, busyFrom - cursor);
                    }

                    cursor = Math.Max(cursor, busyTo);
                }

                if (length < Math.Max(problem.Charging.MinPlugInSeconds, 1))
                {
                    continue;
                }

                var watts = (long)Math.Round(Math.Min(site.PowerKw, pack.MaxChargingPowerKw) * 1000);
                var taper = problem.Charging.TaperPowerPercent;
                var threshold = pack.PackWh * problem.Charging.TaperStartPercent / 100;
                var leave = Math.Min(Ceiling(c), Math.Min(
                    arrive + (watts * length / 3600),
                    ((taper * watts * length) + (3600L * taper * arrive) + (3600L * (100 - taper) * threshold)) / 360_000));
                leave = Math.Max(leave, arrive);
                var socStart = leave - Run(c, site.Place, b.FromStop);
                if (socStart >= home && (best is not { } x || socStart > x.SocStartWh))
                {
                    best = new GreedyLink(i, j, s, point, from, length, arrive, leave, socStart);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Hints the first stage with blocks that ignore the batteries (the no-battery plan): which
    /// trip follows which and the depot of each block. CP-SAT starts its search there and
    /// repairs it (charging, state of charge, extra vehicles) instead of starting from nothing,
    /// which on 50+ trips finds a fleet at the bound in seconds rather than minutes.
    /// </summary>
    public void Hint(VehicleSchedule blocks)
    {
        var index = Enumerable.Range(0, trips.Length).ToDictionary(i => trips[i].TripId, StringComparer.Ordinal);
        var follows = new HashSet<(int, int)>();
        var slotOfTrip = new Dictionary<int, int>();
        var first = new HashSet<int>();
        var last = new HashSet<int>();
        foreach (var block in blocks.Blocks)
        {
            var chain = block.TripIds.Select(t => index[t]).ToList();
            if (chain.Count == 0)
            {
                continue;
            }

            var c = Enumerable.Range(0, slots.Length).FirstOrDefault(k => slots[k].Depot == block.DepotId && chain.All(i => slotOf[i, k] is not null), -1);
            first.Add(chain[0]);
            last.Add(chain[^1]);
            for (var k = 0; k < chain.Count; k++)
            {
                if (c >= 0)
                {
                    slotOfTrip[chain[k]] = c;
                }

                if (k > 0)
                {
                    follows.Add((chain[k - 1], chain[k]));
                }
            }
        }

        var hint = new PartialVariableAssignment();
        void Set(BoolVar? v, bool value)
        {
            if (v is not null)
            {
                hint.Vars.Add(v.GetIndex());
                hint.Values.Add(value ? 1 : 0);
            }
        }

        foreach (var ((i, j), link) in links)
        {
            Set(link.Used, follows.Contains((i, j)));
        }

        foreach (var (i, c) in slotOfTrip)
        {
            for (var k = 0; k < slots.Length; k++)
            {
                Set(slotOf[i, k], k == c);
                Set(starts[i, k], k == c && first.Contains(i));
                Set(ends[i, k], k == c && last.Contains(i));
            }
        }

        model.Model.SolutionHint = hint;
    }

    private static CpSolver NewSolver(BatterySolveOptions options) => new()
    {
        // A wall-clock limit, with one worker also deterministic time (see CpSatParameters).
        StringParameters = CpSatParameters.For(new SolveOptions(TimeSpan.FromSeconds(options.TimeLimitSeconds), options.Workers, options.Seed), TimeSpan.FromSeconds(options.TimeLimitSeconds)),
    };

    private VehicleSchedule Read(CpSolver solver) => Read(v => solver.Value(v));

    /// <summary>The blocks of an assignment given as the value of each variable (a CP-SAT solution or the greedy plan).</summary>
    private VehicleSchedule Read(Func<SatIntVar, long> value)
    {
        var n = trips.Length;
        var next = new int[n];
        Array.Fill(next, -1);
        var hasPrevious = new bool[n];
        foreach (var ((i, j), link) in links)
        {
            if (value(link.Used) != 0)
            {
                next[i] = j;
                hasPrevious[j] = true;
            }
        }

        var blocks = new List<VehicleBlock>();
        var firsts = Enumerable.Range(0, n).Where(i => !hasPrevious[i]).OrderBy(i => trips[i].Departure).ThenBy(i => i).ToList();
        var digits = Math.Max(3, firsts.Count.ToString(CultureInfo.InvariantCulture).Length);
        foreach (var first in firsts)
        {
            var c = Enumerable.Range(0, slots.Length).First(s => slotOf[first, s] is { } z && value(z) != 0);
            var chain = new List<int>();
            for (var i = first; i >= 0; i = next[i])
            {
                chain.Add(i);
            }

            var id = "V" + (blocks.Count + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            blocks.Add(BuildBlock(value, id, c, chain));
        }

        return new VehicleSchedule([.. blocks]);
    }

    private VehicleBlock BuildBlock(Func<SatIntVar, long> value, string vehicleId, int c, List<int> chain)
    {
        var type = Type(c);
        var electric = type.Battery is not null;
        var depot = DepotStop(c);
        var events = ImmutableArray.CreateBuilder<BlockEvent>();
        long soc = type.Battery?.CeilingWh ?? 0;

        void Drive(BlockEventKind kind, string? tripId, string from, string to, ServiceTime start, ServiceTime end, int metres)
        {
            var used = BatteryScheduler.DrivingWh(problem, type, metres, end.TotalSeconds - start.TotalSeconds);
            var ev = new BlockEvent(kind, tripId, from, to, start, end, metres);
            events.Add(electric ? ev with { EnergyWh = used, SocStartWh = soc, SocEndWh = soc - used } : ev);
            soc -= used;
        }

        void Wait(string at, ServiceTime from, ServiceTime to)
        {
            if (from < to)
            {
                var ev = new BlockEvent(BlockEventKind.Layover, null, at, at, from, to, 0);
                events.Add(electric ? ev with { EnergyWh = 0, SocStartWh = soc, SocEndWh = soc } : ev);
            }
        }

        var firstTrip = trips[chain[0]];
        var outSeconds = Seconds(depot, firstTrip.FromStop);
        Drive(BlockEventKind.PullOut, null, depot, firstTrip.FromStop, new ServiceTime(Math.Max(0, firstTrip.Departure.TotalSeconds - outSeconds)), firstTrip.Departure, Metres(depot, firstTrip.FromStop));
        for (var k = 0; k < chain.Count; k++)
        {
            var trip = trips[chain[k]];
            Drive(BlockEventKind.Trip, trip.TripId, trip.FromStop, trip.ToStop, trip.Departure, trip.Arrival, problem.TripDistanceMetres[trip.TripId]);
            if (k + 1 == chain.Count)
            {
                break;
            }

            var after = trips[chain[k + 1]];
            var link = links[(chain[k], chain[k + 1])];
            var session = link.Sessions.FirstOrDefault(s => value(s.Chosen) != 0);
            if (session.Site is { } site)
            {
                var start = (int)value(link.Start!);
                var length = (int)value(link.Length!);
                var toSite = Seconds(trip.ToStop, site.Place);
                var reached = trip.Arrival.AddSeconds(toSite);
                if (trip.ToStop != site.Place)
                {
                    Drive(BlockEventKind.Deadhead, null, trip.ToStop, site.Place, trip.Arrival, reached, Metres(trip.ToStop, site.Place));
                }

                Wait(site.Place, reached, new ServiceTime(start));
                var charged = value(link.Leave!) - soc;
                events.Add(new BlockEvent(BlockEventKind.Charge, null, site.Place, site.Place, new ServiceTime(start), new ServiceTime(start + length), 0)
                {
                    EnergyWh = -charged,
                    SocStartWh = soc,
                    SocEndWh = soc + charged,
                    ChargerSite = site.Id,
                });
                soc += charged;
                var leaveAt = after.Departure.AddSeconds(-Seconds(site.Place, after.FromStop));
                Wait(site.Place, new ServiceTime(start + length), leaveAt);
                if (site.Place != after.FromStop)
                {
                    Drive(BlockEventKind.Deadhead, null, site.Place, after.FromStop, leaveAt, after.Departure, Metres(site.Place, after.FromStop));
                }
            }
            else
            {
                var at = trip.Arrival;
                if (trip.ToStop != after.FromStop)
                {
                    var reached = at.AddSeconds(Seconds(trip.ToStop, after.FromStop));
                    Drive(BlockEventKind.Deadhead, null, trip.ToStop, after.FromStop, at, reached, Metres(trip.ToStop, after.FromStop));
                    at = reached;
                }

                Wait(after.FromStop, at, after.Departure);
            }
        }

        var lastTrip = trips[chain[^1]];
        Drive(BlockEventKind.PullIn, null, lastTrip.ToStop, depot, lastTrip.Arrival, lastTrip.Arrival.AddSeconds(Seconds(lastTrip.ToStop, depot)), Metres(lastTrip.ToStop, depot));
        return new VehicleBlock(vehicleId, slots[c].Depot, events.ToImmutable()) { VehicleTypeId = type.Id };
    }
}
