using System.Globalization;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.Planning;
using TransitPairs.Scenarios;

namespace TransitPairs.Optimization.Planning;

/// <summary>Whether a plan builds driver duties.</summary>
public enum CrewStage
{
    /// <summary>Driver duties after the blocks when the scenario's driver rules are enforced.</summary>
    Solve,

    /// <summary>No duties: a quick screen of vehicles only (driver KPIs are 0, status "skipped").</summary>
    Skip,
}

/// <summary>
/// The crew stage of a plan: driver duties for the plan's blocks (<see cref="DutyScheduler"/>), their
/// KPIs (drivers, driver bound, paid and driving hours, driver cost inside the operating cost) and a note.
/// </summary>
public static class PlanCrew
{
    /// <summary>True when the plan builds duties: asked for, and the scenario's driver rules are enforced.</summary>
    public static bool Wanted(Scenario scenario, PlanSolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        return options.Crew == CrewStage.Solve && scenario.Policy.DriverRules.Enforced;
    }

    /// <summary>Share of what is left after the timetable that the blocks may use; the duties get the rest.</summary>
    public static double BlockShare(Scenario scenario, PlanSolveOptions options) =>
        Wanted(scenario, options) ? 1 - BudgetShares.PlanDuties : 1;

    /// <summary>Adds duties and their KPIs to <paramref name="result"/> (unchanged when not <see cref="Wanted"/>).</summary>
    public static PlanResult Add(PlanResult result, PlanSolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(budget);
        var plan = result.Plan;
        var scenario = plan.Scenario;
        if (!Wanted(scenario, options))
        {
            var why = scenario.Policy.DriverRules.Enforced ? "the crew stage was skipped" : "the scenario's driver rules are not enforced";
            var vehiclesOnly = new Plan(scenario, plan.Timetable, plan.Schedule, plan.VehicleTypeOfBlock, plan.Loads, plan.Kpis,
                [.. plan.Notes, $"Driver duties: none planned ({why}); the operating cost leaves the drivers out."]);
            return result with { Plan = vehiclesOnly };
        }

        var crew = ScenarioDuties.Of(scenario, plan.Schedule, options.Threads, options.Seed, budget);
        var outcome = crew.Outcome;
        if (outcome.Solution is not { } duties)
        {
            // What is proved is that drivers cannot run *these* blocks, not that the day has no plan: the
            // timetable and blocks stand, the KPIs say the crew status, and the note says why and what to change.
            var why = string.Create(CultureInfo.InvariantCulture,
                $"Driver duties: none for these blocks under the driver rules ({outcome.Status.Word()}): {(outcome.Explanation ?? outcome.Method).TrimEnd('.')}. The timetable and blocks stand, but drivers cannot run the blocks as they are: relief on the long empty runs, buses based where their day ends, or other rules would. The operating cost leaves the drivers out.");
            var unstaffed = new Plan(scenario, plan.Timetable, plan.Schedule, plan.VehicleTypeOfBlock, plan.Loads,
                plan.Kpis with { CrewStatus = outcome.Status.Word(), SolverSeconds = plan.Kpis.SolverSeconds + outcome.Elapsed.TotalSeconds },
                [.. plan.Notes, why]);
            return result with { Plan = unstaffed, Duties = outcome };
        }

        var wage = crew.WageYuanPerPaidHour;
        var kpis = plan.Kpis with
        {
            Drivers = duties.Drivers,
            DriverLowerBound = duties.DriverLowerBound,
            PaidHours = duties.PaidHours,
            DrivingHours = duties.DrivingHours,
            DriverCostYuan = crew.DriverCostYuan,
            CrewStatus = outcome.Status.Word(),
            SolverSeconds = plan.Kpis.SolverSeconds + outcome.Elapsed.TotalSeconds,
        };
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Driver duties: column generation {outcome.Status.Word()}, {duties.Drivers} drivers against a lower bound of {duties.DriverLowerBound}, {duties.PaidHours:0.0} paid h, {duties.DrivingHours:0.0} driving h ({100 * duties.Efficiency:0} % of paid time); driver cost = paid hours × {wage:0.##} yuan per hour [E] = {crew.DriverCostYuan:0} yuan, inside the operating cost.");
        var withCrew = new Plan(scenario, plan.Timetable, plan.Schedule, plan.VehicleTypeOfBlock, plan.Loads, kpis, [.. plan.Notes, note]) { Crew = duties.Crew };
        return result with { Plan = withCrew, Duties = outcome };
    }
}
