using NodaTime;
using TransitPairs.Validation;

namespace TransitPairs.Corridors;

/// <summary>
/// One stop of a pattern, with the segment that leads to it from the previous stop (outbound
/// order). The first stop of a pattern has no segment: <see cref="DistanceMetres"/> 0 and zero run
/// times. Inbound trips run the segments in reverse with the same distances and run times.
/// </summary>
public sealed record PatternStop
{
    public PatternStop(string stop, double km, BandRunTimes minutes, Duration dwell)
    {
        Stop = Check.Id(stop, nameof(stop));
        DistanceMetres = (int)Math.Round(Check.NonNegative(km, nameof(km)) * 1000);
        Minutes = minutes;
        Dwell = Check.NonNegative(dwell, nameof(dwell));
    }

    /// <summary>Id of the stop.</summary>
    public string Stop { get; }

    /// <summary>Road distance from the previous stop in metres (0 for the first stop).</summary>
    public int DistanceMetres { get; }

    /// <summary>Road distance from the previous stop in km.</summary>
    public double Km => DistanceMetres / 1000.0;

    /// <summary>Run time from the previous stop in each band (zero for the first stop).</summary>
    public BandRunTimes Minutes { get; }

    /// <summary>Time standing at the stop between arrival and departure (0 at terminals).</summary>
    public Duration Dwell { get; }
}
