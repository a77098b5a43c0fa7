using TransitPairs.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Driver duties of a scenario's blocks under its driver rules, priced with its wage: the one place
/// where a plan's crew stage (<c>PlanCrew</c>) and the allocation's per-corridor duties
/// (<c>AllocationConsistency</c>) build the duty problem and the driver cost, so they cannot drift apart.
/// </summary>
internal static class ScenarioDuties
{
    /// <summary>Solves the duties of <paramref name="blocks"/> with what is left of <paramref name="budget"/>.</summary>
    public static ScenarioDutiesOutcome Of(Scenario scenario, VehicleSchedule blocks, int workers, int seed, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var problem = DutyProblem.ForScenario(scenario, blocks);
        var outcome = DutyScheduler.Solve(problem, new SolveOptions(budget.Left(), workers, seed), budget.Share(1));
        return new ScenarioDutiesOutcome(outcome, problem.Duties.WageYuanPerPaidHour);
    }
}

/// <summary>The duties of a scenario's blocks and the wage that prices them.</summary>
/// <param name="Outcome">The duty solve (its solution passed the duty checker).</param>
/// <param name="WageYuanPerPaidHour">The scenario's wage per paid hour [E].</param>
internal sealed record ScenarioDutiesOutcome(SolveOutcome<DutySolution> Outcome, double WageYuanPerPaidHour)
{
    /// <summary>Paid hours × the wage, yuan; 0 without duties.</summary>
    public double DriverCostYuan => Outcome.Solution is { } duties ? duties.PaidHours * WageYuanPerPaidHour : 0;
}
