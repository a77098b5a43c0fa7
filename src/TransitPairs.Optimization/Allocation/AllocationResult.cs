using System.Collections.Immutable;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// An allocation: buses per corridor, a headway per band, what passengers wait and who is left
/// behind. The solver's status, objective, bound and gap are in its <c>SolveOutcome</c> (objective
/// units: passenger-minutes of waiting + penalty × unserved passengers, see <see cref="AllocationWeights"/>).
/// </summary>
public sealed class AllocationResult
{
    internal AllocationResult(
        ImmutableArray<CorridorAllocation> corridors,
        int? fleetSize,
        long? budgetYuan,
        AllocationWeights weights)
    {
        Corridors = corridors;
        FleetSize = fleetSize;
        BudgetYuan = budgetYuan;
        Weights = weights;
    }

    public ImmutableArray<CorridorAllocation> Corridors { get; }

    /// <summary>The fleet limit solved for, or null.</summary>
    public int? FleetSize { get; }

    /// <summary>The budget solved for (yuan), or null.</summary>
    public long? BudgetYuan { get; }

    public AllocationWeights Weights { get; }

    /// <summary>Buses allocated over all corridors.</summary>
    public int TotalBuses => Corridors.Sum(c => c.Buses);

    /// <summary>Buses to buy beyond those owned.</summary>
    public int BusesBought => Corridors.Sum(c => c.BusesBought);

    /// <summary>Yuan spent on the buses bought.</summary>
    public long PurchaseCostYuan => Corridors.Sum(c => c.PurchaseCostYuan);

    /// <summary>Passenger-minutes of waiting over all corridors and bands.</summary>
    public double WaitPassengerMinutes => Corridors.Sum(c => c.WaitPassengerMinutes);

    /// <summary>Passengers the seats could not carry, over all corridors and bands.</summary>
    public double UnservedPassengers => Corridors.Sum(c => c.UnservedPassengers);

    /// <summary>Busiest hour of each charger site under this plan (empty without chargers).</summary>
    public ImmutableArray<ChargerUse> ChargerUse { get; internal init; } = [];

    /// <summary>Marginal value of one bus more and one fewer per corridor; empty unless asked for.</summary>
    public ImmutableArray<MarginalValue> Marginal { get; internal init; } = [];
}

/// <summary>One corridor's share: buses and a headway per band.</summary>
public sealed record CorridorAllocation(
    string CorridorId,
    int Buses,
    int BusesBought,
    long PurchaseCostYuan,
    ImmutableArray<BandAllocation> Bands)
{
    /// <summary>Passenger-minutes of waiting in all bands.</summary>
    public double WaitPassengerMinutes => Bands.Sum(b => b.WaitPassengerMinutes);

    /// <summary>Passengers left behind in all bands.</summary>
    public double UnservedPassengers => Bands.Sum(b => b.UnservedPassengers);
}

/// <summary>The headway chosen for one band and what it means.</summary>
/// <param name="Band">Band name.</param>
/// <param name="StartMinute">Band start, minutes since the service-day start.</param>
/// <param name="DurationMinutes">Band length, minutes.</param>
/// <param name="HeadwayMinutes">Chosen headway, minutes.</param>
/// <param name="BusesNeeded">⌈cycle / headway⌉ buses.</param>
/// <param name="DeparturesPerDirection">Band minutes / headway.</param>
/// <param name="ExpectedWaitMinutes">Headway / 2: a passenger's expected wait, minutes.</param>
/// <param name="WaitPassengerMinutes">Served passengers × expected wait.</param>
/// <param name="UnservedPassengers">Passengers beyond the seats offered, both directions.</param>
public sealed record BandAllocation(
    string Band,
    int StartMinute,
    int DurationMinutes,
    int HeadwayMinutes,
    int BusesNeeded,
    double DeparturesPerDirection,
    double ExpectedWaitMinutes,
    double WaitPassengerMinutes,
    double UnservedPassengers);

/// <summary>
/// Where the next bus does the most good: the passenger objective with this corridor's buses one
/// more and one fewer, every other corridor keeping its buses and all headways re-chosen.
/// </summary>
/// <param name="CorridorId">The corridor.</param>
/// <param name="Buses">Buses it has in the allocation.</param>
/// <param name="PlusOne">Objective with one bus more (passenger-minutes).</param>
/// <param name="MinusOne">Objective with one bus fewer, or null when the corridor cannot run with fewer.</param>
/// <param name="ObjectiveBase">The allocation's objective, for the differences.</param>
public sealed record MarginalValue(string CorridorId, int Buses, double PlusOne, double? MinusOne, double ObjectiveBase)
{
    /// <summary>True when every solve behind these figures proved its optimum.</summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Passenger-minutes one more bus saves (≥ 0).</summary>
    public double GainOfOneMore => ObjectiveBase - PlusOne;

    /// <summary>Passenger-minutes one bus fewer costs (≥ 0), or null when infeasible.</summary>
    public double? LossOfOneFewer => MinusOne - ObjectiveBase;
}

/// <summary>
/// How busy a charger site is in its busiest stretch of the day under the plan: charger-minutes
/// per hour used against <c>points × 60</c>. A site at capacity is why more buses may buy nothing.
/// </summary>
/// <param name="SiteId">The site.</param>
/// <param name="Points">Charging points.</param>
/// <param name="BusiestStartMinute">Start of the busiest stretch, minutes since the service-day start.</param>
/// <param name="BusiestEndMinute">End of the busiest stretch (exclusive).</param>
/// <param name="MinutesPerHourUsed">Charger-minutes per hour used then.</param>
public sealed record ChargerUse(string SiteId, int Points, int BusiestStartMinute, int BusiestEndMinute, double MinutesPerHourUsed)
{
    /// <summary>Charger-minutes per hour the site offers: points × 60.</summary>
    public int MinutesPerHourAvailable => Points * 60;
}
