using System.Globalization;

namespace TransitPairs.Time;

/// <summary>
/// A time of the service day: seconds since the start of the service day (noon minus 12 h, GTFS
/// convention), so a trip that leaves at 23:50 and arrives at 00:40 the next morning arrives at
/// 24:40 (<see cref="TotalSeconds"/> = 88,800). Never negative; at most 48:00:00.
/// </summary>
public readonly record struct ServiceTime : IComparable<ServiceTime>
{
    /// <summary>The latest time accepted: 48:00:00 (two service days).</summary>
    public const int MaxSeconds = 48 * 3600;

    /// <summary>Creates a time from seconds since the start of the service day (0 to 172,800 inclusive).</summary>
    public ServiceTime(int totalSeconds)
    {
        if (totalSeconds is < 0 or > MaxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSeconds), totalSeconds,
                "A service time lies between 00:00 and 48:00 of the service day.");
        }

        TotalSeconds = totalSeconds;
    }

    /// <summary>Seconds since the start of the service day.</summary>
    public int TotalSeconds { get; }

    /// <summary>Whole minutes since the start of the service day (seconds truncated).</summary>
    public int TotalMinutes => TotalSeconds / 60;

    /// <summary>A time from hours and minutes; hours may pass 24.</summary>
    public static ServiceTime FromMinutes(int minutes) => new(checked(minutes * 60));

    /// <summary>A time from hours, minutes and seconds; hours may pass 24.</summary>
    public static ServiceTime FromHms(int hours, int minutes, int seconds = 0)
    {
        if (minutes is < 0 or > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "Minutes run from 0 to 59.");
        }

        if (seconds is < 0 or > 59)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Seconds run from 0 to 59.");
        }

        return new ServiceTime(checked((hours * 3600) + (minutes * 60) + seconds));
    }

    /// <summary>
    /// Parses <c>H:MM</c>, <c>HH:MM</c> or <c>HH:MM:SS</c> (hours may pass 24, as in GTFS).
    /// Surrounding spaces are ignored.
    /// </summary>
    public static bool TryParse(string? text, out ServiceTime time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split(':');
        if (parts.Length is < 2 or > 3 || parts[1].Length != 2 || (parts.Length == 3 && parts[2].Length != 2))
        {
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return false;
        }

        var s = 0;
        if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out s))
        {
            return false;
        }

        if (m > 59 || s > 59 || h > 48 || (h * 3600) + (m * 60) + s > MaxSeconds)
        {
            return false;
        }

        time = new ServiceTime((h * 3600) + (m * 60) + s);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> on bad text.</summary>
    public static ServiceTime Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a time HH:MM or HH:MM:SS (hours may pass 24).");

    /// <summary>This time plus <paramref name="seconds"/> (may be negative).</summary>
    public ServiceTime AddSeconds(int seconds) => new(TotalSeconds + seconds);

    /// <summary>This time plus <paramref name="minutes"/> (may be negative).</summary>
    public ServiceTime AddMinutes(int minutes) => new(TotalSeconds + (minutes * 60));

    /// <inheritdoc />
    public int CompareTo(ServiceTime other) => TotalSeconds.CompareTo(other.TotalSeconds);

    public static bool operator <(ServiceTime a, ServiceTime b) => a.TotalSeconds < b.TotalSeconds;
    public static bool operator >(ServiceTime a, ServiceTime b) => a.TotalSeconds > b.TotalSeconds;
    public static bool operator <=(ServiceTime a, ServiceTime b) => a.TotalSeconds <= b.TotalSeconds;
    public static bool operator >=(ServiceTime a, ServiceTime b) => a.TotalSeconds >= b.TotalSeconds;

    /// <summary><c>HH:MM</c> when the seconds are zero, else <c>HH:MM:SS</c>; hours may pass 24.</summary>
    public override string ToString()
    {
        var h = TotalSeconds / 3600;
        var m = TotalSeconds / 60 % 60;
        var s = TotalSeconds % 60;
        return s == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}:{s:00}");
    }

    /// <summary>Always <c>HH:MM:SS</c> (GTFS stop_times).</summary>
    public string ToGtfsString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TotalSeconds / 3600:00}:{TotalSeconds / 60 % 60:00}:{TotalSeconds % 60:00}");
}
