using TransitPairs.Places;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// An empty-run (deadhead) model for feeds without a road network: the great-circle distance
/// (haversine, <see cref="GeoPoint.DistanceMetresTo"/>) between two stops times a detour factor, driven at a constant speed. GTFS carries no empty-run
/// times, so every fleet computed from a feed states the model it used.
/// </summary>
/// <param name="SpeedKmh">Average empty-run speed, km/h (above 0).</param>
/// <param name="DetourFactor">Road distance over straight-line distance (1 or more). Road networks typically give 1.2–1.4 (circuity factors measured by Ballou, Rahardja and Sakai, Transportation Research A 36(9), 2002).</param>
/// The least layover between trips is a scheduling rule, not part of this model.
public sealed record StraightLineEmptyRuns(double SpeedKmh, double DetourFactor)
{
    /// <summary>
    /// The planning default for feeds: 30 km/h, detour 1.3. 30 km/h is a bus running empty
    /// through town (no stops, but urban roads). An estimate: pass the agency's own figures where
    /// known.
    /// </summary>
    public static readonly StraightLineEmptyRuns PlanningDefault = new(30, 1.3);

    /// <summary>The model to compare with agencies' own blocks: fast rural empty runs (80 km/h, detour 1.3); used with no layover beyond trip times.</summary>
    public static readonly StraightLineEmptyRuns Permissive = new(80, 1.3);

    public double SpeedKmh { get; } = SpeedKmh > 0 && double.IsFinite(SpeedKmh)
        ? SpeedKmh
        : throw new ArgumentOutOfRangeException(nameof(SpeedKmh), SpeedKmh, "The empty-run speed is above 0 km/h.");

    public double DetourFactor { get; } = DetourFactor >= 1 && double.IsFinite(DetourFactor)
        ? DetourFactor
        : throw new ArgumentOutOfRangeException(nameof(DetourFactor), DetourFactor, "The detour factor is 1 or more (a road is never shorter than the straight line).");


    /// <summary>Empty-run road distance in whole metres (rounded to nearest).</summary>
    public int DistanceMetres(GeoPoint from, GeoPoint to) => (int)Math.Round(from.DistanceMetresTo(to) * DetourFactor);

    /// <summary>Empty-run time in whole seconds for <paramref name="distanceMetres"/>, rounded up (never optimistic).</summary>
    public int Seconds(int distanceMetres) => (int)Math.Ceiling(distanceMetres / (SpeedKmh / 3.6));

    /// <summary>One line that states the model, for outputs and reports.</summary>
    public string Describe() =>
        FormattableString.Invariant($"straight-line distance times {DetourFactor} at {SpeedKmh} km/h");
}
