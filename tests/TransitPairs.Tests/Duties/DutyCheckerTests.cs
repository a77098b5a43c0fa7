using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Duties;
using TransitPairs.Policy;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Tests.Duties;

/// <summary>The duty checker on a one-vehicle day: A 06:00 → B 08:30, layover, B 09:00 → A 11:30 (5 h at the wheel).</summary>
public sealed class DutyCheckerTests
{
    private static ServiceTime T(string hhmm) => ServiceTime.Parse(hhmm);

    private static readonly VehicleBlock Block = new("V1", null,
    [
        new BlockEvent(BlockEventKind.Trip, "T1", "A", "B", T("06:00"), T("08:30"), 0),
        new BlockEvent(BlockEventKind.Layover, null, "B", "B", T("08:30"), T("09:00"), 0),
        new BlockEvent(BlockEventKind.Trip, "T2", "B", "A", T("09:00"), T("11:30"), 0),
    ]);

    private static DutyProblem Problem(int restMinutes = 20) => new(
        new VehicleSchedule([Block]),
        ImmutableHashSet.Create(StringComparer.Ordinal, "A", "B"),
        new DriverRules(Duration.FromHours(4), Duration.FromMinutes(restMinutes), Duration.FromHours(8), enforced: true),
        DutyRules.Default);

    private static DutyActivity A(DutyActivityKind kind, string from, string to, string start, string end, string? trip = null) =>
        new(kind, kind == DutyActivityKind.Drive ? "V1" : null, trip, from, to, T(start), T(end));

    private static Duty OneDriver(DutyActivityKind layover) => new("D1",
    [
        A(DutyActivityKind.SignOn, "A", "A", "05:45", "06:00"),
        A(DutyActivityKind.Drive, "A", "B", "06:00", "08:30", "T1"),
        A(layover, "B", "B", "08:30", "09:00"),
        A(DutyActivityKind.Drive, "B", "A", "09:00", "11:30", "T2"),
        A(DutyActivityKind.SignOff, "A", "A", "11:30", "11:40"),
    ]);

    [Fact]
    public void Check_OneDriverRestingThirtyMinutesAtB_IsValid() =>
        Assert.Empty(DutyChecker.Check(Problem(), new CrewSchedule([OneDriver(DutyActivityKind.Break)])));

    [Fact]
    public void Check_RestShorterThanTheRule_FlagsFiveHoursOfContinuousDriving()
    {
        var problems = DutyChecker.Check(Problem(restMinutes: 45), new CrewSchedule([OneDriver(DutyActivityKind.Wait)]));
        Assert.Contains(problems, p => p.Contains("300 min of driving without a 45-min rest", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TripLeftUndriven_IsFlagged()
    {
        var partial = new Duty("D1",
        [
            A(DutyActivityKind.SignOn, "A", "A", "05:45", "06:00"),
            A(DutyActivityKind.Drive, "A", "B", "06:00", "08:30", "T1"),
            A(DutyActivityKind.SignOff, "B", "B", "08:30", "08:40"),
        ]);
        Assert.Contains(DutyChecker.Check(Problem(), new CrewSchedule([partial])), p => p.Contains("trip T2", StringComparison.Ordinal) && p.Contains("0 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ActivitiesWithAHole_AreFlagged()
    {
        var d = OneDriver(DutyActivityKind.Break);
        var holed = new Duty("D1", d.Activities.RemoveAt(2));
        Assert.Contains(DutyChecker.Check(Problem(), new CrewSchedule([holed])), p => p.Contains("does not follow on", StringComparison.Ordinal));
    }

    [Fact]
    public void NightSeconds_CountsOnlyTheMinutesInsideTheNight() =>
        Assert.Equal(81 * 60, DutyRules.Default.NightSeconds(T("04:39"), T("07:30")));
}
