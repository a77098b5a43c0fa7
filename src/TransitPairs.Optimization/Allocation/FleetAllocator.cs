using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.Sat;
using TransitPairs.Optimization.Solving;
using TransitPairs.Time;
using CpBoolVar = Google.OrTools.Sat.BoolVar;
using CpIntVar = Google.OrTools.Sat.IntVar;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// Allocates a fleet (or a purchase budget) across corridors and picks a headway per corridor and
/// band (Furth &amp; Wilson 1981), minimising passenger waiting plus a penalty per unserved
/// passenger, then the purchase value of the buses used.
/// </summary>
/// <remarks>
/// <para>Model: one boolean per (corridor, band, allowed headway), exactly one per band; the
/// corridor's buses are at least ⌈cycle / headway⌉ in every band; the buses sum to at most the
/// fleet, or the buses bought beyond those owned cost at most the budget; at each charger site the
/// corridors charging there occupy at most <c>points × 3600</c> charger-seconds per hour in every
/// stretch of the day (see <see cref="CorridorCharging"/>). Every consequence of a headway
/// (buses, waiting, unserved passengers, charger time) is a constant per boolean, so the model is
/// a multiple-choice knapsack with a max per corridor; no products of variables.</para>
/// <para>Why CP-SAT (measured, <c>docs/fleet-allocation.md</c>): the same model in SCIP through
/// the linear-solver wrapper (<see cref="MipFleetAllocator"/>, the benchmark's baseline and a
/// second solver in the tests) and in CP-SAT, one worker, 10 s. Both prove the optimum of every
/// instance up to 10 corridors × 6 bands in about a second or two (the bundled three corridors in
/// milliseconds). CP-SAT needs <c>linearization_level:2</c>: with the default it stopped at a
/// 57 % gap where SCIP proved the optimum. Beyond that neither proves optimality in 10 s and
/// neither dominates (10 × 18 bands: CP-SAT 1.51–1.54 M against SCIP 1.59 M passenger-minutes;
/// 30 × 18: SCIP 6.60 M against CP-SAT 6.24 M in one run and no improvement on the fallback in
/// another). CP-SAT is kept because its integer model needs no tolerance, the lexicographic
/// second stage is a hinted re-solve, it never prints to stdout (HiGHS does), and one worker
/// with a seed gives the same answer every run.</para>
/// <para>Lexicographic objective: the first solve minimises passenger-seconds; the second keeps
/// that value and minimises Σ buses × (price + 1 yuan), so that among plans with the same waiting
/// the cheaper fleet wins; it runs only when the first stage proved its optimum.</para>
/// <para>Time: one wall-clock budget for everything. With marginal values the allocation's two
/// stages share <see cref="BudgetShares.AllocationMain"/> of it and the marginal solves split the
/// rest evenly (each solve what is left divided by the solves still to come); without, the
/// allocation has it all. If the clock stops a solve before it finds a plan, the answer is the
/// longest-headway plan (feasible whenever any plan is) with the solver's bound.</para>
/// </remarks>
public static class FleetAllocator
{
    /// <summary>CP-SAT needs the full linear relaxation on this model (see the remarks).</summary>
    private const string Linearization = "linearization_level:2";

    /// <summary>The method, as outcomes name it.</summary>
    public const string Method = "CP-SAT headway choice";

    /// <summary>
    /// Solves the allocation; with <paramref name="withMarginal"/> also the objective with one bus
    /// more and one fewer per corridor (2 more solves per corridor). Objective and bound of the
    /// outcome: the passenger objective, passenger-minutes (waiting + penalty × unserved).
    /// </summary>
    /// <param name="problem">The corridors, bands, fleet or budget, and chargers.</param>
    /// <param name="options">Workers and seed.</param>
    /// <param name="budget">The wall clock of every solve together (see the remarks).</param>
    /// <param name="withMarginal">Also the marginal value of one bus per corridor.</param>
    /// <returns><see cref="SolveStatus.Infeasible"/>, with the reason in plain words, when even the
    /// longest allowed headways need more buses, money or charger time than there is.</returns>
    public static SolveOutcome<AllocationResult> Solve(AllocationProblem problem, SolveOptions options, WallClockBudget budget, bool withMarginal = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var started = budget.Elapsed;
        var table = new HeadwayChoiceTable(problem);
        var reasons = InfeasibilityReasons(table);
        if (reasons.Count > 0)
        {
            return new SolveOutcome<AllocationResult>(SolveStatus.Infeasible, null, double.NaN, double.NaN, budget.Elapsed - started, Method)
            {
                Explanation = string.Join(" ", reasons),
            };
        }

        var longest = table.LongestHeadways();
        var solution = SolveModel(table, options, withMarginal ? budget.Share(BudgetShares.AllocationMain) : budget, busCaps: null, longest);
        var result = ToResult(table, solution);
        if (withMarginal)
        {
            var n = problem.Corridors.Length;
            var marginal = ImmutableArray.CreateBuilder<MarginalValue>(n);
            for (var c = 0; c < n; c++)
            {
                // At most two solves for this corridor and every later one: each gets its even share of what is left.
                var solvesToCome = 2 * (n - c);
                var caps = solution.Buses.ToArray();
                caps[c]++;
                var plus = SolveModel(table, options, budget.Share(1.0 / solvesToCome), caps, solution.Choice);
                caps[c] -= 2;
                var minus = caps[c] >= table.MinBuses(c) ? SolveModel(table, options, budget.Share(1.0 / (solvesToCome - 1)), caps, longest) : null;
                marginal.Add(new MarginalValue(
                    problem.Corridors[c].Id,
                    solution.Buses[c],
                    ToMinutes(plus.ObjectivePassengerSeconds),
                    minus is null ? null : ToMinutes(minus.ObjectivePassengerSeconds),
                    ToMinutes(solution.ObjectivePassengerSeconds))
                {
                    ProvenOptimal = plus.Optimal && (minus is null || minus.Optimal),
                });
            }

            result = new AllocationResult(result.Corridors, problem.FleetSize, problem.BudgetYuan, problem.Weights)
            {
                ChargerUse = result.ChargerUse,
                Marginal = marginal.MoveToImmutable(),
            };
        }

        return new SolveOutcome<AllocationResult>(
            solution.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible,
            result,
            ToMinutes(solution.ObjectivePassengerSeconds),
            ToMinutes(solution.BoundPassengerSeconds),
            budget.Elapsed - started,
            Method);
    }

    /// <summary>
    /// Why no plan exists, in a planner's words; empty when one does. Exact: the longest allowed
    /// headways need the fewest buses, the least money and the least charger time at once, so
    /// the problem is feasible iff they fit.
    /// </summary>
    internal static List<string> InfeasibilityReasons(HeadwayChoiceTable table)
    {
        var problem = table.Problem;
        var reasons = new List<string>();
        var needs = Enumerable.Range(0, problem.Corridors.Length).Select(table.MinBuses).ToArray();
        string Needs(int c)
        {
            var corridor = problem.Corridors[c];
            var busiest = Enumerable.Range(0, corridor.Bands.Length)
                .MaxBy(b => table.Choices[c][b].Min(choice => choice.BusesNeeded));
            var band = corridor.Bands[busiest];
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{corridor.Id} needs {needs[c]} (band {band.Name}: cycle {band.CycleMinutes} min at the longest allowed headway {band.AllowedHeadwaysMinutes.Max()} min)");
        }

        if (problem.FleetSize is { } fleet && needs.Sum() > fleet)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"A fleet of {fleet} buses is below the {needs.Sum()} the corridors need at their longest allowed headways: {string.Join("; ", Enumerable.Range(0, needs.Length).Select(Needs))}. Raise the fleet to at least {needs.Sum()} or allow longer headways."));
        }

        if (problem.BudgetYuan is { } budget)
        {
            var spend = Enumerable.Range(0, needs.Length)
                .Sum(c => Math.Max(0, needs[c] - problem.Corridors[c].OwnedBuses) * problem.Corridors[c].PurchaseCostYuan);
            if (spend > budget)
            {
                var buys = Enumerable.Range(0, needs.Length)
                    .Where(c => needs[c] > problem.Corridors[c].OwnedBuses)
                    .Select(c => string.Create(
                        CultureInfo.InvariantCulture,
                        $"{problem.Corridors[c].Id} owns {problem.Corridors[c].OwnedBuses} and needs {needs[c]}, {needs[c] - problem.Corridors[c].OwnedBuses} × {problem.Corridors[c].PurchaseCostYuan} yuan"));
                reasons.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"A budget of {budget} yuan is below the {spend} yuan needed to buy the buses the corridors need at their longest allowed headways ({string.Join("; ", buys)}). Raise the budget to at least {spend} yuan or allow longer headways."));
            }
        }

        var longest = table.LongestHeadways();
        foreach (var overbooked in table.ChargerSegments()
            .Select(segment => (Segment: segment, Used: segment.SecondsPerHour(table, (c, b) => longest[c][b])))
            .Where(x => x.Used > 3600L * problem.ChargerSites[x.Segment.Site].Points)
            .GroupBy(x => x.Segment.Site))
        {
            var site = problem.ChargerSites[overbooked.Key];
            var worst = overbooked.Max(x => x.Used);
            var times = string.Join(", ", overbooked.Select(x => $"{ServiceTime.FromMinutes(x.Segment.StartMinute)}–{ServiceTime.FromMinutes(x.Segment.EndMinute)}"));
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Charger site {site.Id} ({site.Points} charging point{(site.Points == 1 ? string.Empty : "s")}) is overbooked even at the longest allowed headways ({times}): the corridors charging there need up to {worst / 60.0:0.#} charger-minutes per hour, the site has {site.Points * 60}. Add charging points or allow longer headways."));
        }

        return reasons;
    }

    private static double ToMinutes(long passengerSeconds) => passengerSeconds / 60.0;

    private static AllocationResult ToResult(HeadwayChoiceTable table, Solution solution)
    {
        var problem = table.Problem;
        var corridors = ImmutableArray.CreateBuilder<CorridorAllocation>(problem.Corridors.Length);
        for (var c = 0; c < problem.Corridors.Length; c++)
        {
            var corridor = problem.Corridors[c];
            var bands = ImmutableArray.CreateBuilder<BandAllocation>(corridor.Bands.Length);
            for (var b = 0; b < corridor.Bands.Length; b++)
            {
                var band = corridor.Bands[b];
                var choice = table.Choices[c][b][solution.Choice[c][b]];
                bands.Add(new BandAllocation(
                    band.Name,
                    band.StartMinute,
                    band.DurationMinutes,
                    choice.HeadwayMinutes,
                    choice.BusesNeeded,
                    choice.DeparturesPerDirection,
                    choice.ExpectedWaitMinutes,
                    choice.WaitPassengerMinutes,
                    choice.UnservedPassengers));
            }

            var bought = Math.Max(0, solution.Buses[c] - corridor.OwnedBuses);
            corridors.Add(new CorridorAllocation(corridor.Id, solution.Buses[c], bought, bought * corridor.PurchaseCostYuan, bands.MoveToImmutable()));
        }

        var chargerUse = table.ChargerSegments()
            .Select(segment => (Segment: segment, Used: segment.SecondsPerHour(table, (c, b) => solution.Choice[c][b])))
            .GroupBy(x => x.Segment.Site)
            .Select(g => g.MaxBy(x => x.Used))
            .Select(x => new ChargerUse(
                problem.ChargerSites[x.Segment.Site].Id,
                problem.ChargerSites[x.Segment.Site].Points,
                x.Segment.StartMinute,
                x.Segment.EndMinute,
                x.Used / 60.0));
        return new AllocationResult(
            corridors.MoveToImmutable(),
            problem.FleetSize,
            problem.BudgetYuan,
            problem.Weights)
        {
            ChargerUse = [.. chargerUse],
        };
    }

    /// <summary>
    /// Builds and solves the CP-SAT model. <paramref name="busCaps"/> null: the fleet or budget
    /// limits the buses; otherwise each corridor has at most its cap and the limits are ignored
    /// (marginal solves). <paramref name="incumbent"/> is a feasible choice per corridor and band:
    /// the solver's hint, and the answer (with the solver's bound) when the time limit stops the
    /// search before it finds anything better. Both stages share <paramref name="budget"/>.
    /// </summary>
    private static Solution SolveModel(HeadwayChoiceTable table, SolveOptions options, WallClockBudget budget, int[]? busCaps, int[][] incumbent)
    {
        var problem = table.Problem;
        var model = new CpModel();
        var n = problem.Corridors.Length;
        var pick = new CpBoolVar[n][][];
        var buses = new CpIntVar[n];
        var passenger = LinearExpr.NewBuilder();
        var busValue = LinearExpr.NewBuilder();
        for (var c = 0; c < n; c++)
        {
            var corridor = problem.Corridors[c];
            buses[c] = model.NewIntVar(0, busCaps?[c] ?? table.MaxBuses(c), $"buses_{c}");
            busValue.AddTerm(buses[c], corridor.PurchaseCostYuan + 1);
            pick[c] = new CpBoolVar[corridor.Bands.Length][];
            for (var b = 0; b < corridor.Bands.Length; b++)
            {
                var choices = table.Choices[c][b];
                pick[c][b] = [.. choices.Select((_, k) => model.NewBoolVar($"pick_{c}_{b}_{k}"))];
                model.AddExactlyOne(pick[c][b]);
                var need = LinearExpr.NewBuilder();
                for (var k = 0; k < choices.Length; k++)
                {
                    need.AddTerm(pick[c][b][k], choices[k].BusesNeeded);
                    passenger.AddTerm(pick[c][b][k], choices[k].ObjectivePassengerSeconds);
                    model.AddHint(pick[c][b][k], k == incumbent[c][b] ? 1 : 0);
                }

                model.Add(need <= buses[c]);
            }
        }

        if (busCaps is null && problem.FleetSize is { } fleet)
        {
            model.Add(LinearExpr.Sum(buses) <= fleet);
        }

        if (busCaps is null && problem.BudgetYuan is { } yuan)
        {
            var spend = LinearExpr.NewBuilder();
            for (var c = 0; c < n; c++)
            {
                var corridor = problem.Corridors[c];
                var bought = model.NewIntVar(0, table.MaxBuses(c), $"bought_{c}");
                model.Add(bought >= buses[c] - corridor.OwnedBuses);
                spend.AddTerm(bought, corridor.PurchaseCostYuan);
            }

            model.Add(spend <= yuan);
        }

        foreach (var segment in table.ChargerSegments())
        {
            var use = LinearExpr.NewBuilder();
            foreach (var (c, b, charging) in segment.Users)
            {
                var choices = table.Choices[c][b];
                for (var k = 0; k < choices.Length; k++)
                {
                    use.AddTerm(pick[c][b][k], charging.SecondsPerHour(choices[k].HeadwayMinutes));
                }
            }

            model.Add(use <= 3600L * problem.ChargerSites[segment.Site].Points);
        }

        var solver = new CpSolver { StringParameters = CpSatParameters.For(options, budget.Left(), Linearization) };
        var fallback = Complete(table, incumbent);
        for (var c = 0; c < n; c++)
        {
            model.AddHint(buses[c], fallback.Buses[c]);
        }

        model.Minimize(passenger);
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible or CpSolverStatus.Unknown))
        {
            // The incumbent is feasible, so INFEASIBLE or MODEL_INVALID is a fault in this code.
            throw new InvalidOperationException($"CP-SAT answered {status} on an allocation model with a feasible plan: {model.Validate()}");
        }

        var optimal = status == CpSolverStatus.Optimal;
        var first = status == CpSolverStatus.Unknown ? fallback : Read(table, solver, pick);
        var objective = table.PassengerSeconds(first.Choice);
        var bound = (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        if (!optimal)
        {
            // Stopped by the time limit: a second stage would only break ties with no time left;
            // the buses already follow from the headways found.
            return first with { ObjectivePassengerSeconds = objective, BoundPassengerSeconds = Math.Min(bound, objective) };
        }

        // Second, lexicographic stage: keep the passenger objective, spend as little as possible.
        model.ClearHints();
        for (var c = 0; c < n; c++)
        {
            model.AddHint(buses[c], first.Buses[c]);
            for (var b = 0; b < pick[c].Length; b++)
            {
                for (var k = 0; k < pick[c][b].Length; k++)
                {
                    model.AddHint(pick[c][b][k], k == first.Choice[c][b] ? 1 : 0);
                }
            }
        }

        model.Add(passenger <= objective);
        model.Minimize(busValue);
        solver.StringParameters = CpSatParameters.For(options, budget.Left(), Linearization);
        var second = solver.Solve(model);
        var chosen = second is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? Read(table, solver, pick) : first;
        return chosen with { ObjectivePassengerSeconds = objective, BoundPassengerSeconds = objective, Optimal = true };
    }

    /// <summary>The headways of the solver's solution.</summary>
    private static Solution Read(HeadwayChoiceTable table, CpSolver solver, CpBoolVar[][][] pick) =>
        Complete(table, [.. pick.Select(bands => bands.Select(ks => Array.FindIndex(ks, solver.BooleanValue)).ToArray())]);

    /// <summary>A plan from a choice per corridor and band; each corridor's buses are what its busiest band needs.</summary>
    private static Solution Complete(HeadwayChoiceTable table, int[][] choice)
    {
        var buses = choice.Select((bands, c) => bands.Select((k, b) => table.Choices[c][b][k].BusesNeeded).Max()).ToArray();
        return new Solution(choice, buses, 0, 0, false);
    }

    /// <summary>Chosen choice index per corridor and band, buses per corridor, objective and bound in passenger-seconds.</summary>
    private sealed record Solution(int[][] Choice, int[] Buses, long ObjectivePassengerSeconds, long BoundPassengerSeconds, bool Optimal);
}
