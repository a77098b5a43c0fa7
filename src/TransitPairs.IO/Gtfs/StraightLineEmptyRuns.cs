namespace TransitPairs.IO.Gtfs;

/// <summary>
/// An empty-run (deadhead) model for feeds without a road network: the great-circle distance
/// between two stops times a detour factor, driven at a constant speed. GTFS carries no empty-run
/// times, so every fleet computed from a feed states the model it used.
/// </summary>
/// <param name="SpeedKmh">Average empty-run speed, km/h (above 0).</param>
/// <param name="DetourFactor">Road distance over straight-line distance (1 or more). Road networks typically give 1.2–1.4 (circuity factors measured by Ballou, Rahardja and Sakai, Transportation Research A 36(9), 2002).</param>
/// <param name="MinLayoverMinutes">Least time from one trip's arrival to the next trip's departure on the same vehicle, minutes (0 or more), on top of the empty run.</param>
public sealed record StraightLineEmptyRuns(double SpeedKmh, double DetourFactor, int MinLayoverMinutes)
{
    /// <summary>Mean Earth radius, metres (IUGG).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>
    /// The planning default: 30 km/h, detour 1.3, 5 minutes of layover. 30 km/h is a bus running
    /// empty through town (no stops, but urban roads); 5 minutes is a short terminal recovery.
    /// These are estimates; pass the agency's own figures where known.
    /// </summary>
    public static readonly StraightLineEmptyRuns PlanningDefault = new(30, 1.3, 5);

    /// <summary>The model under which an agency's own links are all feasible: no layover beyond trip times, fast rural empty runs (80 km/h, detour 1.3).</summary>
    public static readonly StraightLineEmptyRuns Permissive = new(80, 1.3, 0);

    public double SpeedKmh { get; } = SpeedKmh > 0 && double.IsFinite(SpeedKmh)
        ? SpeedKmh
        : throw new ArgumentOutOfRangeException(nameof(SpeedKmh), SpeedKmh, "The empty-run speed is above 0 km/h.");

    public double DetourFactor { get; } = DetourFactor >= 1 && double.IsFinite(DetourFactor)
        ? DetourFactor
        : throw new ArgumentOutOfRangeException(nameof(DetourFactor), DetourFactor, "The detour factor is 1 or more (a road is never shorter than the straight line).");

    public int MinLayoverMinutes { get; } = MinLayoverMinutes >= 0
        ? MinLayoverMinutes
        : throw new ArgumentOutOfRangeException(nameof(MinLayoverMinutes), MinLayoverMinutes, "The minimum layover is 0 minutes or more.");

    /// <summary>Great-circle distance in metres between two WGS84 points (haversine formula).</summary>
    public static double GreatCircleMetres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Empty-run road distance in whole metres (rounded to nearest).</summary>
    public int DistanceMetres(double latitude1, double longitude1, double latitude2, double longitude2) =>
        (int)Math.Round(GreatCircleMetres(latitude1, longitude1, latitude2, longitude2) * DetourFactor);

    /// <summary>Empty-run time in whole seconds for <paramref name="distanceMetres"/>, rounded up (never optimistic).</summary>
    public int Seconds(int distanceMetres) => (int)Math.Ceiling(distanceMetres / (SpeedKmh / 3.6));

    /// <summary>One line that states the model, for outputs and reports.</summary>
    public string Describe() =>
        FormattableString.Invariant($"straight-line distance × {DetourFactor} at {SpeedKmh} km/h, minimum layover {MinLayoverMinutes} min");
}
