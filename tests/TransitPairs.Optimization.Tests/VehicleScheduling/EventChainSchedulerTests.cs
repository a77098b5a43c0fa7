using System.Diagnostics;
using CsCheck;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>The event-chain network against the trip-node network through OR-Tools (the formulation before it), and the checker.</summary>
public sealed class EventChainSchedulerTests
{
    private static readonly Gen<(SyntheticDaySpec Spec, int Seed)> WaitInPlaceDays =
        from trips in Gen.Int[1, 400]
        from terminals in Gen.Int[1, 4]
        from depots in Gen.Int[0, 1]
        from limit in Gen.Int[1, 60]
        from layover in Gen.Int[0, 10]
        from seed in Gen.Int[0, 1_000_000]
        select (new SyntheticDaySpec(trips, terminals, depots, depots == 0 ? null : limit, EmptyRuns: false, MinLayoverMinutes: layover), seed);

    [Fact]
    public void Solve_DaysWithoutEmptyRuns_SameCostAsOrToolsOnTheTripNodeNetworkAndPassesTheChecker()
    {
        WaitInPlaceDays.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Spec, day.Seed);
            var core = TripScheduler.Map(problem).Problem;
            Assert.True(EventChainScheduler.Applies(core));
            var ours = EventChainScheduler.Solve(core, Stopwatch.StartNew());
            var before = MinCostFlowScheduler.SolveWithOrTools(NetworkFactory.Build(core, NetworkKind.TimeSpace), Stopwatch.StartNew());
            Assert.Equal(before.Status, ours.Status);
            if (ours.Status != SolveStatus.Optimal)
            {
                return;
            }

            Assert.Equal(before.Cost, ours.Cost);
            var result = TripScheduler.Solve(problem, new SolveOptions(TimeSpan.FromSeconds(300))).Solution!;
            Assert.Equal(ours.Cost, result.Cost);
            var check = VehicleScheduleChecker.Check(problem, result.Schedule, result.Cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            Assert.Equal(result.Schedule.Vehicles, ours.Vehicles);
            if (day.Spec.Depots == 0)
            {
                Assert.Equal(FleetLowerBounds.TerminalDeficitSum(problem.Trips, problem.Rules.MinLayoverSeconds), result.Schedule.Vehicles);
            }
        }, iter: 40, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Applies_WithEmptyRunsOrIdleCost_IsFalse()
    {
        var withRuns = TripScheduler.Map(SyntheticDay.Generate(new SyntheticDaySpec(30, 3, 1, null, EmptyRuns: true, MinLayoverMinutes: 5), 3)).Problem;
        Assert.False(EventChainScheduler.Applies(withRuns));
        var idleCost = TripScheduler.Map(SyntheticDay.Generate(new SyntheticDaySpec(30, 3, 0, null, EmptyRuns: false, MinLayoverMinutes: 5), 3, new OperatingCosts(100_000, 100, 1))).Problem;
        Assert.False(EventChainScheduler.Applies(idleCost));
    }
}
