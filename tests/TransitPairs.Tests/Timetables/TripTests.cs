using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Time;
using TransitPairs.Timetables;
using TransitPairs.Validation;

namespace TransitPairs.Tests.Timetables;

public sealed class TripTests
{
    private static StopTime At(string stop, string arrival, string? departure = null) =>
        new(stop, ServiceTime.Parse(arrival), ServiceTime.Parse(departure ?? arrival));

    [Fact]
    public void Trip_PastMidnight_KeepsCountingHours()
    {
        var trip = new Trip("T9", "siping-liaoyuan", "express", Direction.Outbound, [At("siping-terminal", "23:50"), At("liaoyuan-terminal", "25:18")]);
        Assert.Equal("T9 siping-terminal 23:50 → liaoyuan-terminal 25:18", trip.ToString());
        Assert.Equal(Duration.FromMinutes(88), trip.Duration);
    }

    [Fact]
    public void StopTime_DepartureBeforeArrival_NamesDeparture()
    {
        var e = Assert.Throws<InvalidValueException>(() => At("dongliao", "07:10", "07:05"));
        Assert.Equal("departure", e.ParamName);
    }

    [Fact]
    public void Trip_TimesGoingBack_IsRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new Trip("T1", "c", "local", Direction.Outbound,
            [At("siping-terminal", "06:00"), At("dongliao", "07:10", "07:13"), At("liaoyuan-terminal", "07:12")]));
        Assert.Equal("stopTimes", e.ParamName);
    }

    [Fact]
    public void Timetable_SortsByDepartureAndRejectsDuplicateIds()
    {
        var late = new Trip("T2", "c", "express", Direction.Inbound, [At("b", "08:00"), At("a", "09:28")]);
        var early = new Trip("T1", "c", "express", Direction.Outbound, [At("a", "06:00"), At("b", "07:28")]);
        var timetable = new Timetable(new LocalDate(2026, 6, 10), [late, early]);
        Assert.Equal(["T1", "T2"], timetable.Trips.Select(t => t.Id).ToArray());
        var e = Assert.Throws<InvalidValueException>(() => new Timetable(new LocalDate(2026, 6, 10), [early, early]));
        Assert.Equal("trips", e.ParamName);
    }
}
