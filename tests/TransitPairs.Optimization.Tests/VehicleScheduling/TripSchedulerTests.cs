using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

public sealed class TripSchedulerTests
{
    private static readonly SolveOptions Options = new(TimeSpan.FromSeconds(300), 1, 0);

    private static string Summary(VehicleSchedulingProblem problem, SolveOutcome<TripSchedule> result)
    {
        var check = VehicleScheduleChecker.Check(problem, result.Solution!.Schedule, result.Solution!.Cost);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
        var emptyKm = result.Solution!.Schedule.Blocks.Sum(b => b.Events.Where(e => e.Kind != BlockEventKind.Trip).Sum(e => e.DistanceMetres)) / 1000;
        var blocks = string.Join(" | ", result.Solution!.Schedule.Blocks.Select(b => string.Join(" ", b.TripIds)));
        return $"vehicles={result.Solution!.Schedule.Vehicles} deadhead={emptyKm} km {result.Status.ToString().ToLowerInvariant()}: {blocks}";
    }

    [Fact]
    public void Solve_ShuttleWithoutEmptyRuns_ChainsTripsAtTheSameTerminal()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips(
                "T1 A 06:00 → B 07:05",
                "T2 B 07:20 → A 08:25",
                "T3 A 07:00 → B 08:05",
                "T4 B 08:30 → A 09:35"),
            DeadheadTable.None, [], new SchedulingRules(10 * 60), OperatingCosts.FleetThenEmptyKm);

        var result = TripScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=2 deadhead=0 km optimal: T1 T2 | T3 T4", Summary(problem, result));
        Assert.Equal(2, result.Solution!.FleetLowerBound);
    }

    [Fact]
    public void Solve_LayoverTooShort_NeedsAnotherVehicle()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips("T1 A 06:00 → B 07:05", "T2 B 07:10 → A 08:15"),
            DeadheadTable.None, [], new SchedulingRules(10 * 60), OperatingCosts.FleetThenEmptyKm);

        Assert.Equal("vehicles=2 deadhead=0 km optimal: T1 | T2", Summary(problem, TripScheduler.Solve(problem, Options)));
    }

    [Fact]
    public void Solve_EmptyRunSavesAVehicle_UsesIt()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips("T1 A 06:00 → B 07:00", "T2 C 07:30 → A 08:30"),
            Timetables.Deadheads("B → C 20 min 15 km"),
            [], new SchedulingRules(5 * 60), OperatingCosts.FleetThenEmptyKm);

        var result = TripScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=1 deadhead=15 km optimal: T1 T2", Summary(problem, result));
        Assert.Equal(100_000 + 1_500, result.Solution!.Cost);
    }

    [Fact]
    public void Solve_TwoDepotsWithLimits_ReturnsEachVehicleHome()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips(
                "T1 A 06:00 → B 07:00",
                "T2 B 07:15 → A 08:15",
                "T3 B 06:10 → A 07:10",
                "T4 A 07:30 → B 08:30"),
            Timetables.Deadheads("DA → A 5 min 3 km", "A → DA 5 min 3 km", "DB → B 5 min 3 km", "B → DB 5 min 3 km"),
            [new VehicleDepot("DA", "DA", 1), new VehicleDepot("DB", "DB", 1)],
            new SchedulingRules(10 * 60), OperatingCosts.FleetThenEmptyKm);

        var result = TripScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=2 deadhead=12 km optimal: T1 T2 | T3 T4", Summary(problem, result));
        Assert.All(result.Solution!.Schedule.Blocks, b => Assert.Equal(b.Events[0].FromStop, b.Events[^1].ToStop));
    }

    [Fact]
    public void Solve_DepotTooSmall_IsInfeasible()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips("T1 A 06:00 → B 07:00", "T2 A 06:30 → B 07:30"),
            DeadheadTable.None, [new VehicleDepot("D", "A", 1)], new SchedulingRules(), OperatingCosts.FleetThenEmptyKm);

        Assert.Equal(SolveStatus.Infeasible, TripScheduler.Solve(problem, Options).Status);
    }

    [Fact]
    public void Solve_LongestBlockLimit_SplitsTheDay()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips("T1 A 06:00 → A 08:00", "T2 A 08:10 → A 10:00", "T3 A 10:10 → A 12:00"),
            DeadheadTable.None, [new VehicleDepot("D", "A", null)], new SchedulingRules(5 * 60, maxBlockSeconds: 4 * 3600 + 5 * 60), OperatingCosts.FleetThenEmptyKm);

        var result = TripScheduler.Solve(problem, Options);

        Assert.Equal(2, result.Solution!.Schedule.Vehicles);
        Assert.True(VehicleScheduleChecker.Check(problem, result.Solution!.Schedule, result.Solution!.Cost).IsValid);
        Assert.Equal(SolveStatus.Optimal, result.Status);
    }

    [Fact]
    public void Solve_LongestIdleLimit_BreaksLongWaits()
    {
        var problem = new VehicleSchedulingProblem(
            Timetables.Trips("T1 A 06:00 → A 07:00", "T2 A 10:00 → A 11:00"),
            DeadheadTable.None, [], new SchedulingRules(0, maxIdleSeconds: 2 * 3600), OperatingCosts.FleetThenEmptyKm);

        Assert.Equal("vehicles=2 deadhead=0 km optimal: T1 | T2", Summary(problem, TripScheduler.Solve(problem, Options)));
    }

    [Fact]
    public void Solve_SingleTerminalDayOf10000TripsWithoutEmptyRuns_FleetEqualsMostTripsInService()
    {
        var problem = SyntheticDay.Generate(new SyntheticDaySpec(10_000, Terminals: 1, EmptyRuns: false, MinLayoverMinutes: 0), seed: 7);

        var result = TripScheduler.Solve(problem, Options);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(FleetLowerBounds.MostTripsInService(problem.Trips), result.Solution!.Schedule.Vehicles);
        Assert.True(VehicleScheduleChecker.Check(problem, result.Solution!.Schedule, result.Solution!.Cost).IsValid);
    }
}
