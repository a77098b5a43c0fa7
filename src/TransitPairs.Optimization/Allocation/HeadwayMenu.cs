using System.Collections.Immutable;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// The headways a band may be given: the policy's range, clock-face values when the policy asks
/// for them, and never shorter than the demand needs (Ceder's load-based frequency).
/// </summary>
public static class HeadwayMenu
{
    /// <summary>
    /// Clock-face headways, minutes: each repeats on the same minutes every hour (5 … 60) or every
    /// two, three or four hours (40, 90, 120, 180, 240), so passengers can remember the timetable.
    /// </summary>
    public static ImmutableArray<int> ClockFaceMinutes { get; } = [5, 6, 10, 12, 15, 20, 30, 40, 60, 90, 120, 180, 240];

    /// <summary>
    /// Headways the policy allows, ascending: the clock-face values in
    /// [<paramref name="minHeadwayMinutes"/>, <paramref name="maxHeadwayMinutes"/>] when
    /// <paramref name="clockFace"/> is set, else every whole minute in that range.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When the range is empty or holds no clock-face value.</exception>
    public static ImmutableArray<int> PolicyHeadways(int minHeadwayMinutes, int maxHeadwayMinutes, bool clockFace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minHeadwayMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeadwayMinutes, minHeadwayMinutes);
        ImmutableArray<int> allowed = clockFace
            ? [.. ClockFaceMinutes.Where(h => h >= minHeadwayMinutes && h <= maxHeadwayMinutes)]
            : [.. Enumerable.Range(minHeadwayMinutes, maxHeadwayMinutes - minHeadwayMinutes + 1)];
        return allowed.IsEmpty
            ? throw new ArgumentOutOfRangeException(
                nameof(maxHeadwayMinutes),
                $"No clock-face headway ({string.Join(", ", ClockFaceMinutes)} min) lies between {minHeadwayMinutes} and {maxHeadwayMinutes} min.")
            : allowed;
    }

    /// <summary>
    /// The demand-driven headway of a band: the longest allowed headway whose departures carry
    /// the peak-direction demand at the desired load, <c>60 / h × seats × occupancy ≥ demand</c>
    /// (Ceder 2007, <i>Public Transit Planning and Operation</i>, max-load-point method, with the
    /// policy's headways as the clamp); the shortest allowed headway when none carries it.
    /// </summary>
    /// <param name="allowedHeadwaysMinutes">Allowed headways, minutes, non-empty.</param>
    /// <param name="peakDirectionPassengersPerHour">Passengers per hour in the busier direction, ≥ 0.</param>
    /// <param name="seatsPerBus">Places per bus (seats on seated-only patterns), ≥ 1.</param>
    /// <param name="desiredOccupancy">Desired load as a share of <paramref name="seatsPerBus"/>, in (0, 1.5] (above 1 only where standing is allowed and counted in the places).</param>
    public static int DemandDrivenHeadway(
        ImmutableArray<int> allowedHeadwaysMinutes,
        int peakDirectionPassengersPerHour,
        int seatsPerBus,
        double desiredOccupancy)
    {
        if (allowedHeadwaysMinutes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("At least one headway is allowed.", nameof(allowedHeadwaysMinutes));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(peakDirectionPassengersPerHour);
        ArgumentOutOfRangeException.ThrowIfLessThan(seatsPerBus, 1);
        if (!(desiredOccupancy > 0 && desiredOccupancy <= 1.5))
        {
            throw new ArgumentOutOfRangeException(nameof(desiredOccupancy), desiredOccupancy, "The desired occupancy is a share in (0, 1.5].");
        }

        var carrying = allowedHeadwaysMinutes
            .Where(h => 60.0 / h * seatsPerBus * desiredOccupancy >= peakDirectionPassengersPerHour)
            .ToList();
        return carrying.Count > 0 ? carrying.Max() : allowedHeadwaysMinutes.Min();
    }

    /// <summary>
    /// The choices the allocation weighs for a band: the demand-driven headway and every longer
    /// allowed one. Shorter headways are left out on purpose: running more often than the demand
    /// needs is not something the fleet is rationed for, so with buses to spare every band gets
    /// its demand-driven headway, and a short fleet decides which bands fall below it.
    /// </summary>
    public static ImmutableArray<int> AllocationChoices(
        ImmutableArray<int> allowedHeadwaysMinutes,
        int peakDirectionPassengersPerHour,
        int seatsPerBus,
        double desiredOccupancy)
    {
        var demandDriven = DemandDrivenHeadway(allowedHeadwaysMinutes, peakDirectionPassengersPerHour, seatsPerBus, desiredOccupancy);
        return [.. allowedHeadwaysMinutes.Where(h => h >= demandDriven).Order()];
    }
}
