using NodaTime;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Corridors;

/// <summary>Traffic condition that sets run times: city streets are slower in the peaks, faster at night.</summary>
public enum TimeBand
{
    Peak,
    OffPeak,
    Night,
}

/// <summary>A period of the service day in one band: from <see cref="From"/> (included) to <see cref="To"/> (excluded).</summary>
public readonly record struct TimeBandPeriod
{
    public TimeBandPeriod(TimeBand band, ServiceTime from, ServiceTime to)
    {
        Band = Check.Defined(band, nameof(band));
        if (to <= from)
        {
            throw new InvalidValueException(nameof(to), $"The {band} period ends at {to}, not after it starts at {from}.",
                "Make 'to' later than 'from' (times may pass 24:00, e.g. 25:00).");
        }

        From = from;
        To = to;
    }

    public TimeBand Band { get; }

    /// <summary>Start (included).</summary>
    public ServiceTime From { get; }

    /// <summary>End (excluded).</summary>
    public ServiceTime To { get; }

    public bool Contains(ServiceTime time) => time >= From && time < To;
}

/// <summary>Run time of one segment in each band, before the season's factor.</summary>
public readonly record struct BandRunTimes
{
    public BandRunTimes(Duration peak, Duration offPeak, Duration night)
    {
        Peak = Check.NonNegative(peak, nameof(peak));
        OffPeak = Check.NonNegative(offPeak, nameof(offPeak));
        Night = Check.NonNegative(night, nameof(night));
    }

    /// <summary>Same run time in every band.</summary>
    public static BandRunTimes Uniform(Duration runTime) => new(runTime, runTime, runTime);

    public Duration Peak { get; }

    public Duration OffPeak { get; }

    public Duration Night { get; }

    public bool IsZero => Peak == Duration.Zero && OffPeak == Duration.Zero && Night == Duration.Zero;

    public Duration In(TimeBand band) => band switch
    {
        TimeBand.Peak => Peak,
        TimeBand.OffPeak => OffPeak,
        TimeBand.Night => Night,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown time band."),
    };
}
