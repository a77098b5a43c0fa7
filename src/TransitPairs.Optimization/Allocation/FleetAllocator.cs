using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.Sat;
using TransitPairs.Time;
using TransitPairs.Validation;
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
/// <para>Why CP-SAT: measured against the same model in SCIP through the linear-solver wrapper
/// (<see cref="MipFleetAllocator"/>, the benchmark's baseline, also a cross-check in the tests):
/// both prove optimality on the bundled three corridors in milliseconds, and CP-SAT with one
/// worker stays reproducible with a seed and reports a proven bound when stopped early; on
/// generated instances of 30 corridors × 18 bands CP-SAT was faster (figures in
/// <c>docs/fleet-allocation.md</c>). CP-SAT also needs no native banner suppression and keeps
/// all coefficients integral, which the rounding to passenger-seconds already gives.</para>
/// <para>Lexicographic objective: the first solve minimises passenger-seconds; the second keeps
/// that value (or the value found at the time limit) and minimises Σ buses × (price + 1 yuan),
/// so a free bus is never allocated idle. Each solve gets the full time limit.</para>
/// </remarks>
public static class FleetAllocator
{
    /// <summary>
    /// Solves the allocation; with <paramref name="withMarginal"/> also the objective with one bus
    /// more and one fewer per corridor (2 more solves per corridor).
    /// </summary>
    /// <exception cref="NoFeasiblePlanException">When even the longest allowed headways need more
    /// buses, money or charger time than there is (the message says which), or when no plan is
    /// found within the time limit.</exception>
    public static AllocationResult Solve(AllocationProblem problem, AllocationOptions options, bool withMarginal = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var table = new HeadwayChoiceTable(problem);
        var reasons = InfeasibilityReasons(table);
        if (reasons.Count > 0)
        {
            throw new NoFeasiblePlanException(string.Join(" ", reasons));
        }

        var solution = SolveModel(table, options, busCaps: null, hint: null)
            ?? throw new NoFeasiblePlanException(
                $"No allocation found within the time limit of {options.TimeLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; raise the time limit.");
        var result = ToResult(table, solution);
        if (!withMarginal)
        {
            return result;
        }

        var marginal = ImmutableArray.CreateBuilder<MarginalValue>(problem.Corridors.Length);
        for (var c = 0; c < problem.Corridors.Length; c++)
        {
            var caps = solution.Buses.ToArray();
            caps[c]++;
            var plus = SolveModel(table, options, caps, solution);
            caps[c] -= 2;
            var minus = caps[c] >= table.MinBuses(c) ? SolveModel(table, options, caps, hint: null) : null;
            marginal.Add(new MarginalValue(
                problem.Corridors[c].Id,
                solution.Buses[c],
                ToMinutes(plus?.ObjectivePassengerSeconds ?? solution.ObjectivePassengerSeconds),
                minus is null ? null : ToMinutes(minus.ObjectivePassengerSeconds),
                result.Objective)
            {
                ProvenOptimal = plus is { Optimal: true } && (minus is null || minus.Optimal),
            });
        }

        return new AllocationResult(result.Status, result.Objective, result.Bound, result.Corridors, problem.FleetSize, problem.BudgetYuan, problem.Weights)
        {
            Marginal = marginal.MoveToImmutable(),
        };
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

        foreach (var segment in table.ChargerSegments())
        {
            var site = problem.ChargerSites[segment.Site];
            var used = segment.Users.Sum(u => table.Choices[u.Corridor][u.Band].Min(choice => choice.ChargerSecondsPerHour));
            if (used > 3600L * site.Points)
            {
                reasons.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Charger site {site.Id} ({site.Points} points) is overbooked {ServiceTime.FromMinutes(segment.StartMinute)}–{ServiceTime.FromMinutes(segment.EndMinute)} even at the longest allowed headways: the corridors charging there need {used / 60.0:0.#} charger-minutes per hour, the site has {site.Points * 60}. Add charging points or allow longer headways."));
            }
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

        return new AllocationResult(
            solution.Optimal ? AllocationStatus.Optimal : AllocationStatus.FeasibleAtTimeLimit,
            ToMinutes(solution.ObjectivePassengerSeconds),
            ToMinutes(solution.BoundPassengerSeconds),
            corridors.MoveToImmutable(),
            problem.FleetSize,
            problem.BudgetYuan,
            problem.Weights);
    }

    /// <summary>
    /// Builds and solves the CP-SAT model. <paramref name="busCaps"/> null: the fleet or budget
    /// limits the buses; otherwise each corridor has at most its cap and the limits are ignored
    /// (marginal solves). Returns null when no solution was found in the time limit or the
    /// capped problem is infeasible.
    /// </summary>
    private static Solution? SolveModel(HeadwayChoiceTable table, AllocationOptions options, int[]? busCaps, Solution? hint)
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
                    var hinted = hint is null ? k == choices.Length - 1 : k == hint.Choice[c][b];
                    model.AddHint(pick[c][b][k], hinted ? 1 : 0);
                }

                model.Add(need <= buses[c]);
            }
        }

        if (busCaps is null && problem.FleetSize is { } fleet)
        {
            model.Add(LinearExpr.Sum(buses) <= fleet);
        }

        if (busCaps is null && problem.BudgetYuan is { } budget)
        {
            var spend = LinearExpr.NewBuilder();
            for (var c = 0; c < n; c++)
            {
                var corridor = problem.Corridors[c];
                var bought = model.NewIntVar(0, table.MaxBuses(c), $"bought_{c}");
                model.Add(bought >= buses[c] - corridor.OwnedBuses);
                spend.AddTerm(bought, corridor.PurchaseCostYuan);
            }

            model.Add(spend <= budget);
        }

        foreach (var segment in table.ChargerSegments())
        {
            var use = LinearExpr.NewBuilder();
            foreach (var (c, b) in segment.Users)
            {
                var choices = table.Choices[c][b];
                for (var k = 0; k < choices.Length; k++)
                {
                    use.AddTerm(pick[c][b][k], choices[k].ChargerSecondsPerHour);
                }
            }

            model.Add(use <= 3600L * problem.ChargerSites[segment.Site].Points);
        }

        var solver = new CpSolver
        {
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{options.TimeLimit.TotalSeconds} num_workers:{options.Workers} random_seed:{options.Seed} log_search_progress:false"),
        };
        model.Minimize(passenger);
        var status = solver.Solve(model);
        if (status is CpSolverStatus.Infeasible or CpSolverStatus.Unknown)
        {
            return null;
        }

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            throw new InvalidOperationException($"CP-SAT rejected the allocation model: {status} {model.Validate()}");
        }

        var optimal = status == CpSolverStatus.Optimal;
        var objective = table.PassengerSeconds(Read(solver, pick, buses).Choice);
        var bound = (long)Math.Round(solver.BestObjectiveBound);
        var first = Read(solver, pick, buses);

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
        var second = solver.Solve(model);
        var chosen = second is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? Read(solver, pick, buses) : first;
        var value = table.PassengerSeconds(chosen.Choice);
        return chosen with { ObjectivePassengerSeconds = value, BoundPassengerSeconds = Math.Min(bound, value), Optimal = optimal };
    }

    private static Solution Read(CpSolver solver, CpBoolVar[][][] pick, CpIntVar[] buses)
    {
        var choice = pick.Select(bands => bands.Select(ks => Array.FindIndex(ks, solver.BooleanValue)).ToArray()).ToArray();
        return new Solution(choice, [.. buses.Select(v => (int)solver.Value(v))], 0, 0, false);
    }

    /// <summary>Chosen choice index per corridor and band, buses per corridor, objective and bound in passenger-seconds.</summary>
    private sealed record Solution(int[][] Choice, int[] Buses, long ObjectivePassengerSeconds, long BoundPassengerSeconds, bool Optimal);
}
