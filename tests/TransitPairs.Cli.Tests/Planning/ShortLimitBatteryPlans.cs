using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Battery;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>
/// The bundled battery days whose last trips the trip-by-trip constructive rules used to leave to no
/// bus (the driver rule keeps them for buses based where they end; Changchun–Jilin-like winter also
/// has its fleet at the battery LP bound): the battery stage must hold a checked plan at a limit too
/// short for column generation or CP-SAT to add anything (1 ms), from its constructive plans
/// (<c>GreedyRule.AwayWaits</c>, <c>BlockByBlockPlan</c>), and at 0.3 s. No retry with more time
/// (unlike <see cref="BundledPlans"/>); only the battery stage gets the short limit (the timetable
/// gets one only a proof ends, so the day is the same on every machine). Asserts a plan within the
/// fleet and the independent checker, never a status, a fleet size or a time.
/// </summary>
public sealed class ShortLimitBatteryPlans
{
    /// <summary>Every bundled scenario at 1 ms (diesel fleets too: the battery stage plans them as a fleet without packs), and the tight winter day at 0.3 s.</summary>
    public static TheoryData<string, double> Days()
    {
        var days = new TheoryData<string, double>();
        foreach (var name in BundledPlans.Scenarios)
        {
            days.Add(name, 0.001);
        }

        days.Add("changchun-jilin-like-winter", 0.3);
        return days;
    }

    [Theory]
    [MemberData(nameof(Days))]
    public void BatteryStage_ShortLimit_GivesAPlanThatPassesTheChecker(string name, double seconds)
    {
        var scenario = ScenarioLoader.Load(BundledPlans.ScenarioPath(name));
        var timetableLimit = TimeSpan.FromSeconds(300);
        var timetable = ScenarioTimetabler.Solve(scenario, TimetableObjective.EvenHeadway, new SolveOptions(timetableLimit, 1, 1), new WallClockBudget(timetableLimit));
        Assert.NotNull(timetable.Solution);
        var problem = BatterySchedulingProblem.FromScenario(scenario, timetable.Solution.Timetable);
        var limit = TimeSpan.FromSeconds(seconds);

        var outcome = BatteryScheduler.Solve(problem, new SolveOptions(limit, 1, 1), new WallClockBudget(limit));

        Assert.True(outcome.Solution is { HasPlan: true }, outcome.Explanation);
        Assert.InRange(outcome.Solution.Vehicles, 1, problem.Fleet.Sum(f => f.Count));
        var check = BatteryScheduleChecker.Check(problem, outcome.Solution.Schedule);
        Assert.True(check.IsValid, string.Join("\n", check.Violations.Take(5)));
    }
}
