namespace TransitPairs.Optimization.Timetabling;

/// <summary>
/// The policy's headway limits for one direction, in whole minutes, both ends included: two
/// consecutive departures of the direction at its first terminal are at least
/// <see cref="MinMinutes"/> and at most <see cref="MaxMinutes"/> apart, whatever their patterns
/// (the headway a waiting passenger sees).
/// </summary>
public sealed record HeadwayBounds
{
    /// <param name="minMinutes">Shortest headway, 1 to <paramref name="maxMinutes"/>.</param>
    /// <param name="maxMinutes">Longest headway, at least <paramref name="minMinutes"/>, at most 1,440.</param>
    public HeadwayBounds(int minMinutes, int maxMinutes)
    {
        if (minMinutes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minMinutes), minMinutes, "The minimum headway is at least 1 minute.");
        }

        if (maxMinutes < minMinutes || maxMinutes > 1440)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMinutes), maxMinutes,
                $"The maximum headway lies between the minimum headway ({minMinutes} min) and 1,440 min.");
        }

        MinMinutes = minMinutes;
        MaxMinutes = maxMinutes;
    }

    /// <summary>Shortest headway in minutes (inclusive).</summary>
    public int MinMinutes { get; }

    /// <summary>Longest headway in minutes (inclusive).</summary>
    public int MaxMinutes { get; }

    /// <summary>True when <paramref name="headwayMinutes"/> lies inside the bounds (ends included).</summary>
    public bool Admits(int headwayMinutes) => headwayMinutes >= MinMinutes && headwayMinutes <= MaxMinutes;
}
