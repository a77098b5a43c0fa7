using System.Collections.Immutable;
using TransitPairs.Corridors;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Demand;

/// <summary>
/// Passengers in one hour of the service day and one direction, counted at the max-load point
/// (the busiest segment): what Ceder's max-load-point method sizes the frequency for.
/// </summary>
public readonly record struct HourlyDemand
{
    public HourlyDemand(int hour, Direction direction, int passengers)
    {
        Hour = Check.InRange(hour, 0, 47, nameof(hour));
        Direction = Check.Defined(direction, nameof(direction));
        Passengers = Check.NonNegative(passengers, nameof(passengers));
    }

    /// <summary>Hour of the service day, 0–47 (hour 6 is 06:00–06:59; 24 and later run past midnight).</summary>
    public int Hour { get; }

    public Direction Direction { get; }

    /// <summary>Passengers in that hour at the max-load point (0 or more), before any scale.</summary>
    public int Passengers { get; }
}

/// <summary>
/// Passengers on board between two consecutive stops of a pattern in one hour and direction: one
/// point of a load profile (Ceder's load-profile method).
/// </summary>
public sealed record SegmentLoad
{
    public SegmentLoad(int hour, Direction direction, string pattern, string fromStop, string toStop, int passengers)
    {
        Hour = Check.InRange(hour, 0, 47, nameof(hour));
        Direction = Check.Defined(direction, nameof(direction));
        Pattern = Check.Id(pattern, nameof(pattern));
        FromStop = Check.Id(fromStop, nameof(fromStop));
        ToStop = Check.Id(toStop, nameof(toStop));
        Passengers = Check.NonNegative(passengers, nameof(passengers));
    }

    public int Hour { get; }

    public Direction Direction { get; }

    public string Pattern { get; }

    public string FromStop { get; }

    public string ToStop { get; }

    /// <summary>Passengers on board over the segment in that hour, before any scale.</summary>
    public int Passengers { get; }
}

/// <summary>The demand of one corridor: hourly max-load counts per direction, and optionally a segment load profile.</summary>
public sealed record CorridorDemand
{
    public CorridorDemand(string corridor, IEnumerable<HourlyDemand> hourly, IEnumerable<SegmentLoad> segmentLoads)
    {
        Corridor = Check.Id(corridor, nameof(corridor));
        Hourly = Check.Values(hourly, nameof(hourly))
            .OrderBy(h => h.Direction).ThenBy(h => h.Hour).ToImmutableArray();
        var twice = Hourly.GroupBy(h => (h.Hour, h.Direction)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidValueException(nameof(hourly), $"Hour {twice.Key.Hour} {twice.Key.Direction} is counted {twice.Count()} times.",
                "Give one count per hour and direction.");
        }

        SegmentLoads = Check.Items(segmentLoads, nameof(segmentLoads));
    }

    public string Corridor { get; }

    /// <summary>Hourly counts, sorted by direction then hour; hours not listed have no demand.</summary>
    public ImmutableArray<HourlyDemand> Hourly { get; }

    /// <summary>Segment loads (may be empty: then only the max-load counts are known).</summary>
    public ImmutableArray<SegmentLoad> SegmentLoads { get; }

    /// <summary>Unscaled passengers at the max-load point in <paramref name="hour"/> and <paramref name="direction"/> (0 when not listed).</summary>
    public int RawPassengers(int hour, Direction direction) =>
        Hourly.Where(h => h.Hour == hour && h.Direction == direction).Select(h => h.Passengers).FirstOrDefault();

    /// <summary>Unscaled passengers of the whole day in <paramref name="direction"/>.</summary>
    public int RawDailyPassengers(Direction direction) => Hourly.Where(h => h.Direction == direction).Sum(h => h.Passengers);
}

/// <summary>
/// The demand of a scenario: the counts of each corridor, a what-if scale (1.3 = +30 %), and a
/// factor per day type (the counts are for one day type, usually a weekday; weekends, holidays
/// and the Spring Festival peak scale them).
/// </summary>
public sealed record DemandModel
{
    public DemandModel(double scale, ImmutableDictionary<DayType, double> dayTypeFactors, IEnumerable<CorridorDemand> corridors)
    {
        Scale = Check.InRange(scale, 0, 100, nameof(scale));
        ArgumentNullException.ThrowIfNull(dayTypeFactors);
        foreach (var dayType in Enum.GetValues<DayType>())
        {
            if (!dayTypeFactors.TryGetValue(dayType, out var f))
            {
                throw new InvalidValueException(nameof(dayTypeFactors), $"No demand factor for {dayType}.", "Give a factor for every day type (1.0 = as counted).");
            }

            Check.InRange(f, 0, 100, nameof(dayTypeFactors));
        }

        DayTypeFactors = dayTypeFactors;
        Corridors = Check.Items(corridors, nameof(corridors));
        Check.UniqueIds(Corridors, c => c.Corridor, nameof(corridors));
    }

    /// <summary>What-if multiplier on every count (0–100; 1 = as counted).</summary>
    public double Scale { get; }

    /// <summary>Multiplier per day type (0–100; 1 for the day type the counts were taken on).</summary>
    public ImmutableDictionary<DayType, double> DayTypeFactors { get; }

    public ImmutableArray<CorridorDemand> Corridors { get; }

    /// <summary>The counts of <paramref name="corridorId"/>, or null when none were given.</summary>
    public CorridorDemand? For(string corridorId) => Corridors.FirstOrDefault(c => c.Corridor == corridorId);

    /// <summary>
    /// Passengers per hour at the max-load point on <paramref name="dayType"/>: count × scale ×
    /// day-type factor (not rounded).
    /// </summary>
    public double PassengersPerHour(string corridorId, int hour, Direction direction, DayType dayType) =>
        (For(corridorId)?.RawPassengers(hour, direction) ?? 0) * Scale * DayTypeFactors[dayType];
}
