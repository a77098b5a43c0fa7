namespace TransitPairs.Optimization.Timetabling;

/// <summary>
/// Passengers on one segment of a pattern (between two consecutive stops) during one hour.
/// </summary>
/// <param name="LengthMetres">Segment length in metres (positive).</param>
/// <param name="Passengers">Passengers on board over the segment in the hour (0 or more).</param>
public readonly record struct CederSegment(int LengthMetres, int Passengers);

/// <summary>
/// Ceder's frequency-setting formulas for one hour of one pattern and direction, from
/// A. Ceder, <i>Public Transit Planning and Operation: Theory, Modelling and Practice</i>
/// (Elsevier, 2007), chapter 4 "Frequency and headway determination" (first published as
/// Ceder, "Bus frequency determination using passenger count data", Transportation Research A
/// 18(5/6), 1984, 439–453). Frequencies are vehicles per hour, real-valued; the caller rounds up.
/// </summary>
/// <remarks>
/// Symbols as in Ceder: <c>P_m</c> the load at the max-load point in the hour (passengers),
/// <c>d₀</c> the desired occupancy (passengers per vehicle), <c>c</c> the vehicle capacity
/// (passengers; seats only on seated-only patterns), <c>F_m</c> the minimum frequency that the
/// policy's maximum headway imposes (60 / max headway), <c>A</c> the area under the hourly load
/// profile (passenger-km, Σ load·segment km) and <c>L</c> the route length (km).
/// </remarks>
public static class CederFrequency
{
    /// <summary>
    /// Ceder's minimum frequency <c>F_m = 60 / h_max</c>, in vehicles per hour.
    /// </summary>
    /// <param name="maxHeadwayMinutes">The policy's maximum headway in minutes (positive).</param>
    public static double MinimumFrequency(int maxHeadwayMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeadwayMinutes);
        return 60.0 / maxHeadwayMinutes;
    }

    /// <summary>
    /// Max-load-point method (Ceder's method 2, hourly max-load point):
    /// <c>F = max(P_m / d₀, F_m)</c>.
    /// </summary>
    /// <param name="maxLoadPassengers">Passengers at the max-load point in the hour, 0 or more.</param>
    /// <param name="desiredOccupancy">Desired passengers per vehicle (d₀), positive.</param>
    /// <param name="minimumFrequency">F_m in vehicles per hour, 0 or more.</param>
    public static double MaxLoadPoint(int maxLoadPassengers, int desiredOccupancy, double minimumFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLoadPassengers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(desiredOccupancy);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumFrequency);
        return Math.Max((double)maxLoadPassengers / desiredOccupancy, minimumFrequency);
    }

    /// <summary>
    /// Load-profile method (Ceder's method 4): <c>F = max(A / (d₀ · L), P_m / c, F_m)</c> with
    /// <c>A = Σ Pᵢ · lᵢ</c> over the segments and <c>L = Σ lᵢ</c>. The first term lets buses carry
    /// more than d₀ on short busy segments as long as the average over the route is d₀; the second
    /// keeps the busiest segment within capacity.
    /// </summary>
    /// <param name="segments">The hour's load on each segment, in stop order (at least one).</param>
    /// <param name="desiredOccupancy">d₀ in passengers per vehicle, positive.</param>
    /// <param name="capacity">c in passengers per vehicle, at least d₀.</param>
    /// <param name="minimumFrequency">F_m in vehicles per hour, 0 or more.</param>
    public static double LoadProfile(IReadOnlyList<CederSegment> segments, int desiredOccupancy, int capacity, double minimumFrequency)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            throw new ArgumentException("A load profile has at least one segment.", nameof(segments));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(desiredOccupancy);
        if (capacity < desiredOccupancy)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity is at least the desired occupancy.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minimumFrequency);
        double passengerMetres = 0;
        long lengthMetres = 0;
        var maxLoad = 0;
        foreach (var segment in segments)
        {
            if (segment.LengthMetres <= 0 || segment.Passengers < 0)
            {
                throw new ArgumentException("Every segment has a positive length and a load of 0 or more.", nameof(segments));
            }

            passengerMetres += (double)segment.Passengers * segment.LengthMetres;
            lengthMetres += segment.LengthMetres;
            maxLoad = Math.Max(maxLoad, segment.Passengers);
        }

        var byArea = passengerMetres / (desiredOccupancy * (double)lengthMetres);
        var byCapacity = (double)maxLoad / capacity;
        return Math.Max(Math.Max(byArea, byCapacity), minimumFrequency);
    }

    /// <summary>
    /// Whole departures for a real frequency: the smallest integer not below it (a tolerance of
    /// 1e-9 keeps 3.0000000001 from becoming 4).
    /// </summary>
    public static int RoundUp(double frequency) => (int)Math.Ceiling(frequency - 1e-9);
}
