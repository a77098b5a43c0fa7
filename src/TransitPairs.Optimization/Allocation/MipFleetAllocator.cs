using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;
using MpVariable = Google.OrTools.LinearSolver.Variable;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// The same allocation model as <see cref="FleetAllocator"/>, first stage only (passenger
/// objective), as a MIP in SCIP through the OR-Tools linear solver. Kept as the measured
/// alternative: the benchmark's baseline and an independent second solver for the tests.
/// </summary>
internal static class MipFleetAllocator
{
    /// <summary>Outcome: proven optimal?, objective and bound in passenger-seconds, choice per corridor and band.</summary>
    internal sealed record MipOutcome(bool Optimal, long ObjectivePassengerSeconds, double BoundPassengerSeconds, int[][] Choice);

    /// <summary>Solves with SCIP within what is left of <paramref name="budget"/>; null when infeasible or nothing found in time.</summary>
    public static MipOutcome? Solve(AllocationProblem problem, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var table = new HeadwayChoiceTable(problem);
        using var solver = MpSolver.CreateSolver("SCIP")
            ?? throw new InvalidOperationException("The SCIP backend of OR-Tools is not available.");
        LinearSolverSetup.Apply(solver, options, budget.Left());

        var n = problem.Corridors.Length;
        var pick = new MpVariable[n][][];
        var buses = new MpVariable[n];
        var objective = solver.Objective();
        var fleet = problem.FleetSize is { } f ? solver.MakeConstraint(double.NegativeInfinity, f, "fleet") : null;
        var spend = problem.BudgetYuan is { } y ? solver.MakeConstraint(double.NegativeInfinity, y, "budget") : null;
        for (var c = 0; c < n; c++)
        {
            var corridor = problem.Corridors[c];
            buses[c] = solver.MakeIntVar(0, table.MaxBuses(c), $"buses_{c}");
            fleet?.SetCoefficient(buses[c], 1);
            if (spend is not null)
            {
                var bought = solver.MakeIntVar(0, table.MaxBuses(c), $"bought_{c}");
                var link = solver.MakeConstraint(-corridor.OwnedBuses, double.PositiveInfinity, $"bought_{c}");
                link.SetCoefficient(bought, 1);
                link.SetCoefficient(buses[c], -1);
                spend.SetCoefficient(bought, corridor.PurchaseCostYuan);
            }

            pick[c] = new MpVariable[corridor.Bands.Length][];
            for (var b = 0; b < corridor.Bands.Length; b++)
            {
                var choices = table.Choices[c][b];
                pick[c][b] = [.. choices.Select((_, k) => solver.MakeBoolVar($"pick_{c}_{b}_{k}"))];
                var one = solver.MakeConstraint(1, 1, $"one_{c}_{b}");
                var need = solver.MakeConstraint(double.NegativeInfinity, 0, $"need_{c}_{b}");
                need.SetCoefficient(buses[c], -1);
                for (var k = 0; k < choices.Length; k++)
                {
                    one.SetCoefficient(pick[c][b][k], 1);
                    need.SetCoefficient(pick[c][b][k], choices[k].BusesNeeded);
                    objective.SetCoefficient(pick[c][b][k], choices[k].ObjectivePassengerSeconds);
                }
            }
        }

        foreach (var segment in table.ChargerSegments())
        {
            var use = solver.MakeConstraint(double.NegativeInfinity, 3600.0 * problem.ChargerSites[segment.Site].Points);
            foreach (var (c, b, charging) in segment.Users)
            {
                for (var k = 0; k < table.Choices[c][b].Length; k++)
                {
                    use.SetCoefficient(pick[c][b][k], charging.SecondsPerHour(table.Choices[c][b][k].HeadwayMinutes));
                }
            }
        }

        objective.SetMinimization();
        var status = solver.Solve();
        if (status is not (MpSolver.ResultStatus.OPTIMAL or MpSolver.ResultStatus.FEASIBLE))
        {
            return null;
        }

        var choice = pick.Select(bands => bands.Select(ks => Array.FindIndex(ks, v => v.SolutionValue() > 0.5)).ToArray()).ToArray();
        return new MipOutcome(status == MpSolver.ResultStatus.OPTIMAL, table.PassengerSeconds(choice), objective.BestBound(), choice);
    }
}
