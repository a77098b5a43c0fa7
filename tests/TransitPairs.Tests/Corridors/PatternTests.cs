using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Places;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Tests.Corridors;

public sealed class PatternTests
{
    private static BandRunTimes Minutes(int peak, int offPeak, int night) =>
        new(Duration.FromMinutes(peak), Duration.FromMinutes(offPeak), Duration.FromMinutes(night));

    // Siping → Dongliao → Liaoyuan, the local pattern of data/corridors/siping-liaoyuan.json.
    private static Pattern Local() => new("local", PatternKind.Local, expressway: true,
    [
        new PatternStop("siping-terminal", 0, default, Duration.Zero),
        new PatternStop("dongliao", 78, Minutes(76, 70, 65), Duration.FromMinutes(3)),
        new PatternStop("liaoyuan-terminal", 14, Minutes(26, 22, 19), Duration.Zero),
    ]);

    private static string Timetable(IEnumerable<TransitPairs.Timetables.StopTime> stopTimes) =>
        string.Join(" → ", stopTimes.Select(s => s.Arrival == s.Departure ? $"{s.Stop} {s.Departure}" : $"{s.Stop} {s.Arrival}/{s.Departure}"));

    [Fact]
    public void StopTimes_OutboundOffPeak_ReadLikeATimetable()
    {
        var times = Local().StopTimes(Direction.Outbound, ServiceTime.Parse("10:00"), TimeBand.OffPeak);
        Assert.Equal("siping-terminal 10:00 → dongliao 11:10/11:13 → liaoyuan-terminal 11:35", Timetable(times));
    }

    [Fact]
    public void StopTimes_InboundPeakInWinter_RunTheSegmentsBackwardsSlower()
    {
        var times = Local().StopTimes(Direction.Inbound, ServiceTime.Parse("17:00"), TimeBand.Peak, runTimeFactor: 1.15);
        // 26 min × 1.15 = 29:54, 76 min × 1.15 = 87:24 (rounded to the second).
        Assert.Equal("liaoyuan-terminal 17:00 → dongliao 17:29:54/17:32:54 → siping-terminal 19:00:18", Timetable(times));
    }

    [Fact]
    public void TripTime_AddsRunningAndIntermediateDwell()
    {
        Assert.Equal(Duration.FromMinutes(95), Local().TripTime(TimeBand.OffPeak));
        Assert.Equal(92.0, Local().Km);
    }

    [Fact]
    public void Pattern_WithOneStop_IsRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new Pattern("x", PatternKind.Express, true, [new PatternStop("a", 0, default, Duration.Zero)]));
        Assert.Equal("stops", e.ParamName);
    }

    [Fact]
    public void Pattern_SegmentWithoutRunTime_IsRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new Pattern("x", PatternKind.Express, true,
        [
            new PatternStop("a", 0, default, Duration.Zero),
            new PatternStop("b", 10, default, Duration.Zero),
        ]));
        Assert.Contains("no distance or run time", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Corridor_PatternNotEndingAtTerminalB_IsRejected()
    {
        var name = new PlaceName("测试", "Ceshi");
        var at = new GeoPoint(43, 124);
        var e = Assert.Throws<InvalidValueException>(() => new Corridor(
            "c", name, "siping-terminal", "liaoyuan-terminal",
            [new Stop("siping-terminal", name, at, StopKind.Terminal), new Stop("dongliao", name, at, StopKind.Stop), new Stop("liaoyuan-terminal", name, at, StopKind.Terminal)],
            [],
            [new Pattern("short", PatternKind.Local, true, [new PatternStop("siping-terminal", 0, default, Duration.Zero), new PatternStop("dongliao", 78, Minutes(76, 70, 65), Duration.Zero)])],
            [],
            1.1,
            [],
            []));
        Assert.Equal("patterns", e.ParamName);
    }

    [Fact]
    public void Corridor_BandAt_IsOffPeakOutsideListedPeriods()
    {
        var name = new PlaceName("测试", "Ceshi");
        var at = new GeoPoint(43, 124);
        var corridor = new Corridor(
            "c", name, "a", "b",
            [new Stop("a", name, at, StopKind.Terminal), new Stop("b", name, at, StopKind.Terminal)],
            [],
            [new Pattern("express", PatternKind.Express, true, [new PatternStop("a", 0, default, Duration.Zero), new PatternStop("b", 10, Minutes(12, 10, 9), Duration.Zero)])],
            [new TimeBandPeriod(TimeBand.Peak, ServiceTime.Parse("06:30"), ServiceTime.Parse("08:30")), new TimeBandPeriod(TimeBand.Night, ServiceTime.Parse("21:00"), ServiceTime.Parse("30:00"))],
            1.2,
            [],
            []);
        Assert.Equal(TimeBand.Peak, corridor.BandAt(ServiceTime.Parse("06:30")));
        Assert.Equal(TimeBand.OffPeak, corridor.BandAt(ServiceTime.Parse("08:30")));
        Assert.Equal(TimeBand.Night, corridor.BandAt(ServiceTime.Parse("24:10")));
        Assert.Equal(1.1, corridor.RunTimeFactor(Season.Shoulder), 9);
    }
}
