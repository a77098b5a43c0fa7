using System.Collections.Immutable;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Tests.Scheduling;

public sealed class VehicleScheduleCheckerTests
{
    private static readonly ImmutableArray<ScheduledTrip> Trips =
    [
        new("T1", "A", ServiceTime.Parse("06:00"), "B", ServiceTime.Parse("07:05")),
        new("T2", "B", ServiceTime.Parse("07:20"), "A", ServiceTime.Parse("08:25")),
    ];

    private static readonly DeadheadTable Runs = new([new Deadhead("D", "A", 600, 5000), new Deadhead("A", "D", 600, 5000)]);

    private static VehicleSchedulingProblem Problem(int? limit = null, int layoverMinutes = 10) =>
        new(Trips, Runs, [new VehicleDepot("North", "D", limit)], new SchedulingRules(layoverMinutes * 60), new OperatingCosts(1000, 100, 0));

    private static BlockEvent E(BlockEventKind kind, string? trip, string from, string to, string start, string end, int metres = 0) =>
        new(kind, trip, from, to, ServiceTime.Parse(start), ServiceTime.Parse(end), metres);

    private static VehicleBlock GoodBlock(string id = "V1") => new(id, "North",
    [
        E(BlockEventKind.PullOut, null, "D", "A", "05:50", "06:00", 5000),
        E(BlockEventKind.Trip, "T1", "A", "B", "06:00", "07:05"),
        E(BlockEventKind.Layover, null, "B", "B", "07:05", "07:20"),
        E(BlockEventKind.Trip, "T2", "B", "A", "07:20", "08:25"),
        E(BlockEventKind.PullIn, null, "A", "D", "08:25", "08:35", 5000),
    ]);

    [Fact]
    public void Check_ValidBlock_PassesAndRecomputesTheCost()
    {
        var check = VehicleScheduleChecker.Check(Problem(), new VehicleSchedule([GoodBlock()]), 1000 + 500 + 500);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
        Assert.Equal(2000m, check.RecomputedCost);
    }

    [Fact]
    public void Check_WrongReportedCost_IsCaught()
    {
        var check = VehicleScheduleChecker.Check(Problem(), new VehicleSchedule([GoodBlock()]), 1999);
        Assert.Contains(check.Violations, v => v.Contains("reported cost", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LayoverLongerThanTheGap_IsCaught()
    {
        var check = VehicleScheduleChecker.Check(Problem(layoverMinutes: 20), new VehicleSchedule([GoodBlock()]));
        Assert.Contains(check.Violations, v => v.Contains("T2 leaves 15 min after trip T1", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TripMissingOrRunTwice_IsCaught()
    {
        var once = new VehicleBlock("V1", "North",
        [
            E(BlockEventKind.PullOut, null, "D", "A", "05:50", "06:00", 5000),
            E(BlockEventKind.Trip, "T1", "A", "B", "06:00", "07:05"),
            E(BlockEventKind.PullIn, null, "B", "D", "07:05", "07:15"),
        ]);
        var missing = VehicleScheduleChecker.Check(Problem(), new VehicleSchedule([once]));
        Assert.Contains("trip T2 is run 0 times, not once.", missing.Violations);
        Assert.Contains(missing.Violations, v => v.Contains("no empty run from B back to depot", StringComparison.Ordinal));

        var twice = VehicleScheduleChecker.Check(Problem(), new VehicleSchedule([GoodBlock("V1"), GoodBlock("V2")]));
        Assert.Contains("trip T1 is run 2 times, not once.", twice.Violations);
    }

    [Fact]
    public void Check_DepotOverItsLimitOrVehicleNotBackHome_IsCaught()
    {
        var split = new VehicleSchedule(
        [
            new VehicleBlock("V1", "North", [E(BlockEventKind.PullOut, null, "D", "A", "05:50", "06:00", 5000), E(BlockEventKind.Trip, "T1", "A", "B", "06:00", "07:05"), E(BlockEventKind.PullIn, null, "B", "B", "07:05", "07:05")]),
            new VehicleBlock("V2", "North", [E(BlockEventKind.PullOut, null, "B", "B", "07:20", "07:20"), E(BlockEventKind.Trip, "T2", "B", "A", "07:20", "08:25"), E(BlockEventKind.PullIn, null, "A", "D", "08:25", "08:35", 5000)]),
        ]);
        var check = VehicleScheduleChecker.Check(Problem(limit: 1), split);
        Assert.Contains("depot North sends out 2 vehicles, more than its 1.", check.Violations);
        Assert.Contains(check.Violations, v => v.Contains("own depot North", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("pull-out from depot North", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_EventsNotContiguous_IsCaught()
    {
        var jumpy = new VehicleBlock("V1", "North",
        [
            E(BlockEventKind.PullOut, null, "D", "A", "05:50", "06:00", 5000),
            E(BlockEventKind.Trip, "T1", "A", "B", "06:00", "07:05"),
            E(BlockEventKind.Trip, "T2", "B", "A", "07:00", "08:25"),
            E(BlockEventKind.PullIn, null, "B", "D", "08:25", "08:35", 5000),
        ]);
        var check = VehicleScheduleChecker.Check(Problem(), new VehicleSchedule([jumpy]));
        Assert.Contains(check.Violations, v => v.Contains("before event 2 ends", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("not as timetabled", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains("event 4 starts at B but the vehicle is at A", StringComparison.Ordinal));
    }
}
