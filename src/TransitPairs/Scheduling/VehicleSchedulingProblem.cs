using System.Collections.Immutable;

namespace TransitPairs.Scheduling;

/// <summary>
/// A day of trips to cover with vehicles: the trips, the empty runs allowed between stops, the
/// depots (none = vehicles appear at their first trip and vanish after their last), the rules and
/// the costs. Trip ids are unique; depot ids are unique.
/// </summary>
public sealed record VehicleSchedulingProblem
{
    public VehicleSchedulingProblem(
        ImmutableArray<ScheduledTrip> trips,
        DeadheadTable deadheads,
        ImmutableArray<VehicleDepot> depots,
        SchedulingRules rules,
        OperatingCosts costs)
    {
        ArgumentNullException.ThrowIfNull(deadheads);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(costs);
        if (trips.IsDefault)
        {
            throw new ArgumentNullException(nameof(trips));
        }

        var duplicateTrip = trips.GroupBy(t => t.TripId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateTrip is not null)
        {
            throw new ArgumentException($"Trip id {duplicateTrip.Key} appears more than once.", nameof(trips));
        }

        depots = depots.IsDefault ? [] : depots;
        var duplicateDepot = depots.GroupBy(d => d.DepotId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateDepot is not null)
        {
            throw new ArgumentException($"Depot id {duplicateDepot.Key} appears more than once.", nameof(depots));
        }

        Trips = trips;
        Deadheads = deadheads;
        Depots = depots;
        Rules = rules;
        Costs = costs;
    }

    public ImmutableArray<ScheduledTrip> Trips { get; }

    public DeadheadTable Deadheads { get; }

    /// <summary>The depots; empty when vehicles need not start or end anywhere in particular.</summary>
    public ImmutableArray<VehicleDepot> Depots { get; }

    public SchedulingRules Rules { get; }

    public OperatingCosts Costs { get; }
}
