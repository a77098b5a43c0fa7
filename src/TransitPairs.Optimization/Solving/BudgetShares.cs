namespace TransitPairs.Optimization.Solving;

/// <summary>
/// Every share of a wall-clock budget that one stage or solve hands to a part of its work, in one
/// place (0–1]. A share is of what is left when the part starts, unless its note says otherwise.
/// </summary>
public static class BudgetShares
{
    /// <summary>Most of a plan's budget the timetable stage may use (it usually proves its optimum in well under a second); the blocks get the rest.</summary>
    public const double PlanTimetable = 1.0 / 3;

    /// <summary>Battery stage: the no-battery fleet bound (one depot: exact min-cost flow in milliseconds; several: a search that stops at its limit).</summary>
    public const double BatteryNoBatteryBound = 0.2;

    /// <summary>Battery stage: the model without charger limits, tried before the full one.</summary>
    public const double BatteryRelaxedModel = 0.5;

    /// <summary>Battery stage: the fewest-vehicles solve before the least-cost one.</summary>
    public const double BatteryFleetStage = 0.5;

    /// <summary>
    /// Several depots: most of the limit the first schedule (super-depot flow, then block moves
    /// between depots) may use before the arc LP starts, so a schedule exists whatever the LP does.
    /// </summary>
    public const double MultiDepotFirstSchedule = 0.15;

    /// <summary>
    /// Several depots: a rung of the reduced-cost arc MIP ladder is started only when at least this share of the limit
    /// is left (on a loaded machine building its model alone took tens of seconds, and a MIP started
    /// 5 s before the limit ended 29 s past it).
    /// </summary>
    public const double ArcMipLeastLeft = 0.1;

    /// <summary>Several depots: share of the limit the arc LP may take to converge.</summary>
    public const double ArcLp = 0.6;

    /// <summary>Several depots: share of the limit kept back from the LP dives (a dive still running at the limit less this share is dropped) for block moves between depots and the arc MIP; also how long the LP rounding's block moves may take.</summary>
    public const double ArcLpBlockMoves = 0.1;

    /// <summary>Several depots, column generation: share of the limit for pricing before the integer stage.</summary>
    public const double ColumnGeneration = 0.65;

    /// <summary>Battery stage, block column generation: share of what is left after the constructive plans for pricing to the LP bound.</summary>
    public const double BatteryColumnGeneration = 0.5;

    /// <summary>Battery stage, block column generation: share of what is left after pricing for diving to integer blocks; CP-SAT over the columns gets the rest.</summary>
    public const double BatteryDiving = 0.8;

    /// <summary>Battery stage, corridor days (the exact CP-SAT model runs after): share for the column method; the exact model, hinted with its plan, gets the rest.</summary>
    public const double BatteryColumnsBeforeExactModel = 0.3;

    /// <summary>Driver duties: share of the budget the column generation (master LP and pricing) may use before the integer duties.</summary>
    public const double DutyColumnGeneration = 0.7;

    /// <summary>Driver duties without a first partition (the shift day's least span): the column generation's share; the search for integer duties needs more of the rest.</summary>
    public const double DutyColumnGenerationWithoutStart = 0.5;

    /// <summary>The OR-Tools shift day: share of the budget for the constructive duties and their first improvement (ruin and recreate) before the column generation.</summary>
    public const double ShiftDayFirstDuties = 0.2;

    /// <summary>The OR-Tools shift day: share of the budget for the column generation after the first duties (the rest improves the best duties again).</summary>
    public const double ShiftDayColumnGeneration = 0.6;

    /// <summary>Driver duties without a first partition: share of what is left after the LP for diving to integer duties.</summary>
    public const double DutyDive = 0.8;

    /// <summary>Driver duties, diving: share of what is left for the MIP that tries to finish a dive once a third of the tasks is left.</summary>
    public const double DutyDiveFinish = 0.25;

    /// <summary>Driver duties: share of what is left that the first MIP over the generated duties may use.</summary>
    public const double DutyFirstMip = 0.4;

    /// <summary>Driver duties of a plan: share of the budget kept for the drivers-only LP that gives the driver lower bound.</summary>
    public const double DutyDriverBound = 0.3;

    /// <summary>A plan with driver duties: share of what is left after the timetable kept for the duties (the blocks get the rest).</summary>
    public const double PlanDuties = 0.3;

    /// <summary>Timetable stage with a fleet-aware retiming after it: the departure times' share; the retiming gets the rest.</summary>
    public const double TimetableBeforeRetiming = 0.5;

    /// <summary>Fleet allocation's check of each corridor's implied blocks: share of the corridor's budget kept for its driver duties (the blocks get the rest).</summary>
    public const double AllocationDuties = 0.4;

    /// <summary>Fleet allocation with marginal values: the allocation's share (both its stages); the marginal solves split the rest evenly.</summary>
    public const double AllocationMain = 0.5;

    /// <summary>Battery stage, block column generation: when the fleet already meets the bound, the share of what is left for CP-SAT to lower the cost over the columns.</summary>
    public const double BatteryCostAtFleetBound = 0.2;
}
