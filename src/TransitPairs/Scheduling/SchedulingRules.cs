namespace TransitPairs.Scheduling;

/// <summary>
/// What a vehicle's day must respect. Trip j may follow trip i on one vehicle when
/// <c>arrival_i + MinLayover + emptyRun(to_i, from_j) ≤ departure_j</c>.
/// </summary>
public sealed record SchedulingRules
{
    public SchedulingRules(int minLayoverSeconds = 0, int? maxIdleSeconds = null, int? maxBlockSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minLayoverSeconds);
        if (maxIdleSeconds is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIdleSeconds), maxIdleSeconds, "The longest idle gap is zero or more seconds.");
        }

        if (maxBlockSeconds is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBlockSeconds), maxBlockSeconds, "The longest block is more than zero seconds.");
        }

        MinLayoverSeconds = minLayoverSeconds;
        MaxIdleSeconds = maxIdleSeconds;
        MaxBlockSeconds = maxBlockSeconds;
    }

    /// <summary>Least time, seconds, between arriving from one trip and starting the next (or the empty run to it).</summary>
    public int MinLayoverSeconds { get; }

    /// <summary>
    /// Longest time, seconds, a vehicle may wait between two trips (the gap minus the empty run's
    /// driving time); null = no limit. Pull-out and pull-in are not idle time.
    /// </summary>
    public int? MaxIdleSeconds { get; }

    /// <summary>Longest block, seconds, from the start of the pull-out to the end of the pull-in; null = no limit.</summary>
    public int? MaxBlockSeconds { get; }
}

/// <summary>
/// The cost of a vehicle day in whole cost units (for example yuan or fen). The vehicle cost is
/// meant to dominate so that the fleet is minimised first, then the operating cost.
/// </summary>
/// <remarks>
/// Cost of a schedule = vehicles × <see cref="VehicleCost"/> + Σ over empty runs (pull-outs and
/// pull-ins included) of <c>round(distanceMetres × CostPerKm / 1000)</c> (half away from zero, per
/// run) + Σ over connections of <c>idleSeconds × IdleCostPerMinute / 60</c> (exact, so a cost may
/// carry sixtieths of a unit), where idle time is the gap between two trips minus the empty run's
/// driving time.
/// </remarks>
public sealed record OperatingCosts
{
    public OperatingCosts(long vehicleCost, long costPerKm, long idleCostPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vehicleCost);
        ArgumentOutOfRangeException.ThrowIfNegative(costPerKm);
        ArgumentOutOfRangeException.ThrowIfNegative(idleCostPerMinute);
        VehicleCost = vehicleCost;
        CostPerKm = costPerKm;
        IdleCostPerMinute = idleCostPerMinute;
    }

    /// <summary>
    /// The default for planning: 100,000 units per vehicle-day, 100 per empty-run km, nothing for idle
    /// time (the fleet first, then empty kilometres).
    /// </summary>
    public static OperatingCosts FleetThenEmptyKm { get; } = new(100_000, 100, 0);

    /// <summary>Cost units per vehicle used in the day (≥ 0).</summary>
    public long VehicleCost { get; }

    /// <summary>Cost units per kilometre of empty running (≥ 0).</summary>
    public long CostPerKm { get; }

    /// <summary>Cost units per minute a vehicle waits between trips (≥ 0).</summary>
    public long IdleCostPerMinute { get; }
}
