using System.Collections.Immutable;

namespace TransitPairs.Scheduling;

/// <summary>
/// A multiple-depot vehicle scheduling instance in cost-matrix form (Carpaneto et al. 1989;
/// Pepin et al. 2009): <c>m</c> depots and <c>n</c> trips; index 0..m-1 are depots, m..m+n-1 trips.
/// <c>Cost(k, m+j)</c> is the pull-out from depot k to trip j, <c>Cost(m+i, k)</c> the pull-in,
/// <c>Cost(m+i, m+j)</c> running j after i on one vehicle; -1 means not possible. Each vehicle
/// returns to the depot it left; depot k sends out at most <see cref="VehicleLimits"/>[k] vehicles.
/// </summary>
public sealed record CostMatrixInstance
{
    private readonly ImmutableArray<int> costs;

    public CostMatrixInstance(string name, ImmutableArray<int> vehicleLimits, int trips, ImmutableArray<int> costs)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (vehicleLimits.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An instance has at least one depot.", nameof(vehicleLimits));
        }

        if (vehicleLimits.Any(v => v < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(vehicleLimits), "Depot vehicle limits are zero or more.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(trips);
        var size = vehicleLimits.Length + trips;
        if (costs.IsDefault || costs.Length != size * size)
        {
            throw new ArgumentException($"The cost matrix has {size}×{size} entries.", nameof(costs));
        }

        if (costs.Any(c => c < -1))
        {
            throw new ArgumentOutOfRangeException(nameof(costs), "Costs are -1 (not possible) or zero or more.");
        }

        Name = name;
        VehicleLimits = vehicleLimits;
        Trips = trips;
        this.costs = costs;
    }

    public string Name { get; }

    /// <summary>Most vehicles per depot; the length is the number of depots m.</summary>
    public ImmutableArray<int> VehicleLimits { get; }

    public int Depots => VehicleLimits.Length;

    public int Trips { get; }

    /// <summary>The matrix entry of row <paramref name="from"/>, column <paramref name="to"/> (indices 0..m+n-1); -1 = not possible.</summary>
    public int Cost(int from, int to) => costs[(from * (Depots + Trips)) + to];

    /// <summary>The whole matrix, row-major.</summary>
    public ImmutableArray<int> Matrix => costs;
}

/// <summary>A trip of a <see cref="TripFormatInstance"/>: start and end location indices and times in minutes.</summary>
public readonly record struct TripFormatTrip(int StartLocation, int StartMinute, int EndLocation, int EndMinute);

/// <summary>
/// A multiple-depot instance in timetable form (the trip-format instances of the time-space network
/// studies): locations 0..m-1 are the depots, trips run between locations at given minutes, and
/// <see cref="TravelMinutes"/> gives the empty-run time between any two locations. Trip j may follow
/// trip i when <c>end_i + travel(end_i, start_j) ≤ start_j</c>.
/// </summary>
public sealed record TripFormatInstance
{
    public TripFormatInstance(string name, ImmutableArray<int> depotCapacities, ImmutableArray<TripFormatTrip> trips, int locations, ImmutableArray<int> travelMinutes)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (depotCapacities.IsDefaultOrEmpty || depotCapacities.Length > locations)
        {
            throw new ArgumentException("An instance has between one depot and one depot per location.", nameof(depotCapacities));
        }

        if (travelMinutes.IsDefault || travelMinutes.Length != locations * locations)
        {
            throw new ArgumentException($"The travel-time matrix has {locations}×{locations} entries.", nameof(travelMinutes));
        }

        foreach (var t in trips)
        {
            if (t.StartLocation < 0 || t.StartLocation >= locations || t.EndLocation < 0 || t.EndLocation >= locations || t.EndMinute < t.StartMinute)
            {
                throw new ArgumentException($"Trip {t} uses an unknown location or ends before it starts.", nameof(trips));
            }
        }

        Name = name;
        DepotCapacities = depotCapacities;
        Trips = trips;
        Locations = locations;
        TravelMinutes = travelMinutes;
    }

    public string Name { get; }

    /// <summary>Most vehicles at depot k (location k).</summary>
    public ImmutableArray<int> DepotCapacities { get; }

    public ImmutableArray<TripFormatTrip> Trips { get; }

    public int Locations { get; }

    /// <summary>Empty-run minutes, row-major, locations × locations.</summary>
    public ImmutableArray<int> TravelMinutes { get; }

    public int Travel(int from, int to) => TravelMinutes[(from * Locations) + to];
}

/// <summary>
/// Independent checker for cost-matrix solutions (written apart from the solvers): every trip in
/// exactly one block, every arc possible (not -1), depot limits, and the cost recomputed from the
/// matrix.
/// </summary>
public static class CostMatrixScheduleChecker
{
    /// <param name="instance">The instance.</param>
    /// <param name="blocks">Per vehicle: its depot (0..m-1) and its trips (0..n-1, in running order).</param>
    /// <param name="reportedCost">The cost the solver reported (checked when given).</param>
    public static ScheduleCheck Check(CostMatrixInstance instance, IReadOnlyList<(int Depot, IReadOnlyList<int> Trips)> blocks, long? reportedCost = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(blocks);
        var m = instance.Depots;
        var violations = new List<string>();
        var seen = new int[instance.Trips];
        var perDepot = new int[m];
        long cost = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var (depot, trips) = blocks[b];
            if (depot < 0 || depot >= m || trips.Count == 0 || trips.Any(t => t < 0 || t >= instance.Trips))
            {
                violations.Add($"block {b}: unknown depot {depot}, no trips, or an unknown trip.");
                continue;
            }

            perDepot[depot]++;
            var path = new List<int> { depot };
            path.AddRange(trips.Select(t => m + t));
            path.Add(depot);
            for (var k = 1; k < path.Count; k++)
            {
                var c = instance.Cost(path[k - 1], path[k]);
                if (c < 0)
                {
                    violations.Add($"block {b}: the arc {path[k - 1]} → {path[k]} is not possible.");
                }
                else
                {
                    cost += c;
                }
            }

            foreach (var t in trips)
            {
                seen[t]++;
            }
        }

        for (var t = 0; t < instance.Trips; t++)
        {
            if (seen[t] != 1)
            {
                violations.Add($"trip {t} is covered {seen[t]} times, not once.");
            }
        }

        for (var k = 0; k < m; k++)
        {
            if (perDepot[k] > instance.VehicleLimits[k])
            {
                violations.Add($"depot {k} sends out {perDepot[k]} vehicles, more than its {instance.VehicleLimits[k]}.");
            }
        }

        if (reportedCost is { } reported && reported != cost)
        {
            violations.Add($"the reported cost {reported} differs from the recomputed cost {cost}.");
        }

        return new ScheduleCheck([.. violations], cost);
    }
}
