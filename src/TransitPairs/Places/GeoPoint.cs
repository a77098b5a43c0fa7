using TransitPairs.Validation;

namespace TransitPairs.Places;

/// <summary>A WGS84 position in decimal degrees (latitude −90…90, longitude −180…180, ends included).</summary>
public readonly record struct GeoPoint
{
    /// <summary>Mean Earth radius in metres (IUGG), for <see cref="DistanceMetresTo"/>.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    public GeoPoint(double lat, double lon)
    {
        Lat = Check.InRange(lat, -90, 90, nameof(lat));
        Lon = Check.InRange(lon, -180, 180, nameof(lon));
    }

    /// <summary>Latitude in degrees north.</summary>
    public double Lat { get; }

    /// <summary>Longitude in degrees east.</summary>
    public double Lon { get; }

    /// <summary>Great-circle (straight-line) distance in metres, by the haversine formula.</summary>
    public double DistanceMetresTo(GeoPoint other)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(other.Lat - Lat);
        var dLon = Rad(other.Lon - Lon);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Rad(Lat)) * Math.Cos(Rad(other.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
