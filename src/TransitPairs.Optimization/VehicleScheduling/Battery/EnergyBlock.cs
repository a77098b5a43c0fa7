using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// A vehicle block in the integer terms of an <see cref="EnergyDay"/>: the fleet slot, the trips in
/// order, and after each trip the charging session taken, if any (before the next trip, or before
/// the pull-in after the last: a bus ending its day at the far terminal may charge there before it
/// runs home empty). The
/// state of charge follows from these (<see cref="BlockEnergy"/>): full at pull-out, each session
/// charging as much as the curve gives in its duration.
/// </summary>
/// <param name="Slot">Fleet slot index (depot × vehicle type).</param>
/// <param name="Trips">Trip indexes in departure order (at least one).</param>
/// <param name="Charges">One entry per trip (same length): the session after it, before the next trip or, after the last, before the pull-in; null where the bus does not charge.</param>
internal sealed record EnergyBlock(int Slot, ImmutableArray<int> Trips, ImmutableArray<ChargeStop?> Charges)
{
    /// <summary>The block's trips as a sorted key, to spot the same column twice.</summary>
    public string Key => Slot + ":" + string.Join(',', Trips);
}
