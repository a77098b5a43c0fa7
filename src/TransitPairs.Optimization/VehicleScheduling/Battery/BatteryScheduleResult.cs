using System.Collections.Immutable;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The outcome of battery-aware vehicle scheduling.
/// </summary>
/// <param name="Schedule">Blocks with charge events and state of charge (empty when infeasible).</param>
/// <param name="Status">Optimal, feasible at the time limit, infeasible or nothing found in time.</param>
/// <param name="Vehicles">Vehicles used.</param>
/// <param name="NoBatteryFleetBound">Fewest vehicles for the same day without battery limits (min-cost flow, exact): a lower bound.</param>
/// <param name="FleetGap">(vehicles − bound) / vehicles.</param>
/// <param name="Objective">CP-SAT objective (vehicles × 10⁸ + operating cost in fen).</param>
/// <param name="Bound">CP-SAT's proven lower bound on the objective.</param>
/// <param name="Kpis">Energy and charging KPIs.</param>
/// <param name="Explanation">Why no plan exists, in planner's terms (null when there is a plan).</param>
/// <param name="Remedies">Changes that would make the day feasible, where computed.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record BatteryScheduleResult(
    VehicleSchedule Schedule,
    SolveStatus Status,
    int Vehicles,
    int NoBatteryFleetBound,
    double FleetGap,
    long Objective,
    long Bound,
    BatteryKpis Kpis,
    string? Explanation,
    ImmutableArray<Remedy> Remedies,
    TimeSpan Elapsed)
{
    public bool HasPlan => Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>(objective − bound) / objective, the contract's one formula (<see cref="SolveGap.Relative"/>).</summary>
    public double Gap => SolveGap.Relative(Status, HasPlan ? Objective : double.NaN, Bound);

    /// <summary>
    /// The battery fleet bound (charger points relaxed, rounded up): the larger of the block master's
    /// Lagrangian bound (0 when no exact pricing round ended within the limit) and <see cref="NetworkFleetBound"/>.
    /// No plan has fewer vehicles.
    /// </summary>
    public int BatteryFleetBound { get; init; }

    /// <summary>
    /// The part of <see cref="BatteryFleetBound"/> from the energy network LP (a time-space network with the state of charge
    /// in levels rounded in the bus's favour, solved directly beside column generation on days of more than 500 trips);
    /// 0 when it did not run or did not prove its optimum in time.
    /// </summary>
    public int NetworkFleetBound { get; init; }

    /// <summary>The tighter of the two fleet bounds (no-battery, battery LP).</summary>
    public int FleetBound => Math.Max(NoBatteryFleetBound, BatteryFleetBound);

    /// <summary>Which method produced the blocks.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>Block columns generated.</summary>
    public int Columns { get; init; }

    /// <summary>When there is no plan: the trips the best partial plan leaves to no vehicle.</summary>
    public ImmutableArray<string> UncoveredTrips { get; init; } = [];

    /// <summary>Why there is no plan and what would make one feasible, in one paragraph (empty when there is a plan).</summary>
    public string NoPlanMessage => HasPlan
        ? string.Empty
        : $"{(Explanation ?? $"the search ended {Status}").TrimEnd('.')}."
            + (Remedies.IsDefaultOrEmpty ? string.Empty : " What would make it feasible: " + string.Join("; or ", Remedies.Select(BatteryRemedyWords.Describe)) + ".");
}
