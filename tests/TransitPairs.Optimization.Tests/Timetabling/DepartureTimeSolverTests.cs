using System.Collections.Immutable;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using static TransitPairs.Optimization.Tests.Timetabling.TimetableFixtures;

namespace TransitPairs.Optimization.Tests.Timetabling;

public sealed class DepartureTimeSolverTests
{
    private static readonly PatternService TonghuaBaishan = Express("Tonghua", "BaishanEast", 60);

    [Fact]
    public void Solve_ThreeAnHour_EvenTwentyMinuteHeadways()
    {
        var demand = NonStop("out", "06:00", "09:00", 10, 30, Hours((6, 100), (7, 100), (8, 100)));
        var result = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal("06:00 06:20 06:40 07:00 07:20 07:40 08:00 08:20 08:40 09:00", Departures(result.Solution!.Trips, "out"));
        Assert.Equal("07:00 → 08:00", $"{Clock(result.Solution!.Trips[3].DepartureMinute)} → {Clock(result.Solution!.Trips[3].ArrivalMinute)}");
        Assert.Equal(0, result.Objective);
    }

    [Fact]
    public void Solve_FrequencyRisesFromTwoToFour_SmoothTransitionHeadway()
    {
        // 06h: 2 (30 min), 07h: 4 (15 min); the headway across 07:00 aims at (30 + 15) / 2.
        var demand = NonStop("out", "06:00", "08:00", 10, 30, Hours((6, 80), (7, 160)));
        var result = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        var departures = result.Solution!.Trips.Select(t => t.DepartureMinute).ToArray();
        Assert.Equal(7, departures.Length);
        var headways = departures.Skip(1).Select((t, i) => t - departures[i]).ToArray();
        Assert.All(headways, h => Assert.InRange(h, 10, 30));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Empty(TimetablePolicyChecker.Check([demand], result.Solution!.Trips));
    }

    [Fact]
    public void Solve_SameSeedOneWorkerFinishingBeforeTheLimit_IdenticalTimetable()
    {
        // The promise of one worker and a seed: a search that ends before its limit (here, proven optimal) repeats exactly.
        // One cut by the wall clock depends on the machine's load, so the limit is generous.
        var demand = NonStop("out", "05:30", "21:10", 6, 40, Hours((6, 90), (7, 300), (8, 220), (12, 60), (17, 280), (18, 150)));
        var back = NonStop("back", "06:10", "21:50", 6, 40, Hours((7, 120), (16, 260), (17, 310)));
        var problem = Problem(new TimetablePreferences(TimetableObjective.EvenLoad, ClockFace: true), [],
            (demand, TonghuaBaishan), (back, Express("BaishanEast", "Tonghua", 60)));
        var options = new SolveOptions(TimeSpan.FromSeconds(60), workers: 1, seed: 42);
        var a = DepartureTimeSolver.Solve(problem, options, options.StartBudget());
        var b = DepartureTimeSolver.Solve(problem, options, options.StartBudget());
        Assert.Equal((SolveStatus.Optimal, SolveStatus.Optimal), (a.Status, b.Status));
        Assert.Equal(a.Solution!.Trips.Select(t => (t.TripId, t.DepartureMinute, t.PatternId)), b.Solution!.Trips.Select(t => (t.TripId, t.DepartureMinute, t.PatternId)));
        Assert.Equal(a.Objective, b.Objective);
    }

    [Fact]
    public void Solve_EvenLoad_LoadsPerBusMoreEvenThanEvenHeadwayWhenDemandJumps()
    {
        // Quiet 06h (40) then a busy 07h (200), two and four buses: at even headways the first bus
        // of 07h carries the quiet tail of 06h; even load moves departures to balance loads.
        var demand = NonStop("out", "06:00", "08:00", 5, 40, Hours((6, 40), (7, 200)));
        var headwayResult = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(TimetableObjective.EvenHeadway), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        var loadResult = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(TimetableObjective.EvenLoad), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        Assert.Equal(headwayResult.Solution!.Trips.Length, loadResult.Solution!.Trips.Length);
        var spreadHeadway = LoadSpread(demand, headwayResult.Solution!.Trips);
        var spreadLoad = LoadSpread(demand, loadResult.Solution!.Trips);
        Assert.True(spreadLoad < spreadHeadway, Invariant($"max − min load per bus: even load {spreadLoad:F1}, even headway {spreadHeadway:F1}"));
        Assert.Empty(TimetablePolicyChecker.Check([demand], loadResult.Solution!.Trips));
    }

    /// <summary>max − min passengers per bus, passengers arriving uniformly within each hour.</summary>
    private static double LoadSpread(DirectionDemand demand, ImmutableArray<TimetableTrip> trips)
    {
        var loads = new List<double>();
        for (var k = 1; k < trips.Length; k++)
        {
            double load = 0;
            for (var m = trips[k - 1].DepartureMinute; m < trips[k].DepartureMinute; m++)
            {
                load += demand.MaxLoadAt(m / 60) / 60.0;
            }

            loads.Add(load);
        }

        return loads.Max() - loads.Min();
    }

    [Fact]
    public void Solve_ClockFace_InnerDeparturesOnFiveMinuteMarks()
    {
        // First and last departures are fixed at :03; even headways alone would give 06:23, 06:43…
        var demand = NonStop("out", "06:03", "08:03", 10, 30, Hours((6, 100), (7, 100)));
        var result = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(ClockFace: true), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        var inner = result.Solution!.Trips.Skip(1).SkipLast(1).Select(t => t.DepartureMinute).ToArray();
        Assert.NotEmpty(inner);
        Assert.All(inner, m => Assert.Equal(0, m % 5));
        var plain = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        Assert.Contains(plain.Solution!.Trips, t => t.DepartureMinute % 5 != 0 && t.Sequence > 0 && t.Sequence < plain.Solution!.Trips.Length - 1);
    }

    [Fact]
    public void Solve_TrainsAtTonghua_MeetsMoreTransferPassengersThanEvenHeadwaysWithSameDepartures()
    {
        // Tonghua → Baishan East every 20 min (06:00–10:00), 60 min run.
        // G-train arrivals at Tonghua 07:07 (30 changing) and 08:45 (25), 5–12 min to change:
        // even departures 07:20 and 08:40/09:00 miss both. A departure from Baishan East at 09:15
        // (20 changing, 8–20 min) is met by the 08:00 bus either way.
        var demand = NonStop("out", "06:00", "10:00", 10, 30, Hours((6, 100), (7, 100), (8, 100), (9, 100)));
        TransferEvent[] trains =
        [
            new("G1 arr Tonghua 07:07", "Tonghua", TransferEventKind.TrainArrival, Minute("07:07"), 5, 12, 30),
            new("G2 arr Tonghua 08:45", "Tonghua", TransferEventKind.TrainArrival, Minute("08:45"), 5, 12, 25),
            new("G3 dep BaishanEast 09:15", "BaishanEast", TransferEventKind.TrainDeparture, Minute("09:15"), 8, 20, 20),
        ];
        var even = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(TransferSecondsPerPassenger: 0), trains, (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        var timed = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(), trains, (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());

        Assert.Equal("06:00 06:20 06:40 07:00 07:20 07:40 08:00 08:20 08:40 09:00 09:20 09:40 10:00", Departures(even.Solution!.Trips, "out"));
        Assert.Equal(even.Solution!.Trips.Length, timed.Solution!.Trips.Length);
        var evenKpis = TimetableKpis.Compute([demand], even.Solution!.Trips, trains);
        var timedKpis = TimetableKpis.Compute([demand], timed.Solution!.Trips, trains);
        Assert.Equal(20, evenKpis.TransferPassengersMet);
        Assert.Equal(75, timedKpis.TransferPassengersMet);
        Assert.True(timedKpis.TransferPassengersMet > evenKpis.TransferPassengersMet);
        Assert.Equal(timed.Solution!.TransferPassengersRewarded, timedKpis.TransferPassengersMet);
        Assert.Empty(TimetablePolicyChecker.Check([demand], timed.Solution!.Trips));
    }

    [Fact]
    public void Solve_ExpressAndLocalShareHeadwayBounds_PatternCountsKeptAndBoundsHeldAcrossPatterns()
    {
        var express = new PatternDemand("express", 47, 40, [65_000], [new PatternHourLoad(7, [150]), new PatternHourLoad(8, [90])]);
        var local = new PatternDemand("local", 70, 40, [20_000, 20_000], [new PatternHourLoad(7, [60, 20]), new PatternHourLoad(8, [70, 30])]);
        var direction = new DirectionDemand("out", Minute("07:00"), Minute("08:50"), new HeadwayBounds(6, 20), [express, local]);
        var plan = FrequencyPlanner.Plan(direction);
        var localService = new PatternService("local", [new PatternRunTimes(0, [new StopOffset("A", 0, 0), new StopOffset("M", 30, 31), new StopOffset("B", 70, 70)])]);
        var problem = new TimetableProblem([new DirectionTimetableInput(plan, [Express("A", "B", 55), localService])], [], new TimetablePreferences());
        var result = DepartureTimeSolver.Solve(problem, OneWorker, OneWorker.StartBudget());
        Assert.True(result.HasSolution);
        Assert.Empty(TimetablePolicyChecker.Check([direction], result.Solution!.Trips));
        foreach (var hour in plan.Hours)
        {
            foreach (var pattern in hour.Patterns)
            {
                Assert.Equal(pattern.Departures, result.Solution!.Trips.Count(t => t.DepartureMinute / 60 == hour.Hour && t.PatternId == pattern.PatternId));
            }
        }

        var local7 = result.Solution!.Trips.First(t => t.PatternId == "local");
        Assert.Equal("M", local7.Calls[1].StopId);
        Assert.Equal(local7.DepartureMinute + 70, local7.ArrivalMinute);
    }

    [Fact]
    public void Solve_SpanNoHeadwayFits_InfeasibleWithReason()
    {
        // 100 minutes from first to last departure, headways 55–60: neither one nor two intervals fit.
        var demand = NonStop("out", "06:00", "07:40", 55, 60, Hours());
        var result = DepartureTimeSolver.Solve(Problem(new TimetablePreferences(), [], (demand, TonghuaBaishan)), OneWorker, OneWorker.StartBudget());
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains("headway", result.Explanation, StringComparison.Ordinal);
        Assert.Null(result.Solution);
    }

    [Fact]
    public void Solve_RailLinkSubstitute_RunsOnlyTheDepartureThatMeetsTheTrain()
    {
        // Express Baishan → Tonghua 70 min; the rail-link variant calls at Tonghua station after
        // 60 min and reaches the terminal after 75. A train leaves Tonghua station at 09:30
        // (40 passengers from the bus, 10–25 min to change): a rail-link bus leaving Baishan
        // 08:05–08:20 makes it. Every other departure stays express (each rail-link run costs 300 s).
        var express = new PatternDemand("express", 39, 31, [65_000], [new PatternHourLoad(8, [100]), new PatternHourLoad(9, [100])]);
        var railLink = new PatternDemand("rail-link", 39, 31, [60_000, 5_000], []);
        var direction = new DirectionDemand("out", Minute("07:00"), Minute("11:00"), new HeadwayBounds(15, 45), [express, railLink]);
        var railLinkService = new PatternService("rail-link", [new PatternRunTimes(0, [new StopOffset("baishan", 0, 0), new StopOffset("tonghua-station", 60, 61), new StopOffset("tonghua", 75, 75)])]);
        var problem = new TimetableProblem(
            [new DirectionTimetableInput(FrequencyPlanner.Plan(direction), [Express("baishan", "tonghua", 70), railLinkService], [new PatternSubstitute("rail-link", 300)])],
            [new TransferEvent("G1 dep Tonghua 09:30", "tonghua-station", TransferEventKind.TrainDeparture, Minute("09:30"), 10, 25, 40)],
            new TimetablePreferences());
        var result = DepartureTimeSolver.Solve(problem, OneWorker, OneWorker.StartBudget());
        var railLinkTrip = Assert.Single(result.Solution!.Trips, t => t.PatternId == "rail-link");
        Assert.InRange(railLinkTrip.DepartureMinute, Minute("08:05"), Minute("08:20"));
        Assert.Equal(40, TimetableKpis.Compute([direction], result.Solution!.Trips, problem.RailEvents).TransferPassengersMet);
        Assert.Empty(TimetablePolicyChecker.Check([direction], result.Solution!.Trips));
    }
}
