using NodaTime;

namespace TransitPairs.Time;

/// <summary>
/// Where service times meet real instants: every corridor runs on China Standard Time
/// (<c>Asia/Shanghai</c> from TZDB, no daylight saving since 1991). A service day starts at noon
/// minus 12 h (GTFS convention), so <c>25:10</c> is 01:10 on the next calendar day.
/// </summary>
public static class ServiceClock
{
    /// <summary>The TZDB id of the zone, as GTFS <c>agency_timezone</c> wants it.</summary>
    public const string ZoneId = "Asia/Shanghai";

    /// <summary>The zone every corridor runs in.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>The instant of <paramref name="time"/> on the service day <paramref name="serviceDate"/>.</summary>
    public static ZonedDateTime At(LocalDate serviceDate, ServiceTime time) =>
        serviceDate.At(new LocalTime(12, 0)).InZoneLeniently(Zone).Minus(Duration.FromHours(12)).Plus(Duration.FromSeconds(time.TotalSeconds));
}
