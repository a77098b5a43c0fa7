using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Time;
using static TransitPairs.Optimization.Tests.Timetabling.TimetableFixtures;

namespace TransitPairs.Optimization.Tests.Timetabling;

public sealed class FleetAwareRetimerTests
{
    private static TimetableTrip Trip(string direction, int sequence, string from, string to, string departure) =>
        TimetableTrip.FromOffsets(Invariant($"{direction}-{sequence}"), direction, sequence, "express", Minute(departure),
            [new StopOffset(from, 0, 0), new StopOffset(to, 50, 50)]);

    [Fact]
    public void Retime_ReturnLeavesFiveMinutesBeforeTheBusIsReady_ShiftSavesAVehicle()
    {
        // A → B hourly at :10 (50 min run, 10 min layover: ready at B at :10 next hour);
        // B → A hourly at :05, five minutes before that bus is ready, so B needs its own bus.
        // Deficits: A 2, B 1 → 3 vehicles. Moving the B departures to :10 (±5 allowed) → 2.
        var ab = NonStop("ab", "06:10", "09:10", 50, 70, Hours());
        var ba = NonStop("ba", "07:05", "10:10", 50, 70, Hours());
        TimetableTrip[] trips =
        [
            Trip("ab", 0, "A", "B", "06:10"), Trip("ab", 1, "A", "B", "07:10"), Trip("ab", 2, "A", "B", "08:10"), Trip("ab", 3, "A", "B", "09:10"),
            Trip("ba", 0, "B", "A", "07:05"), Trip("ba", 1, "B", "A", "08:05"), Trip("ba", 2, "B", "A", "09:05"), Trip("ba", 3, "B", "A", "10:05"),
        ];
        var outcome = FleetAwareRetimer.Retime([ab, ba], trips, 5, 10, new HashSet<string>(), OneWorker, OneWorker.StartBudget());

        Assert.Equal(SolveStatus.Optimal, outcome.Status);
        var result = outcome.Solution!;
        Assert.Equal("vehicles 3 → 2 (bound 2), shifts 20 min, at most 5", Invariant($"vehicles {result.VehiclesBefore} → {result.VehiclesAfter} (bound {result.VehiclesBound}), shifts {result.TotalShiftMinutes} min, at most {result.MaxShiftMinutes}"));
        Assert.Equal("07:10 08:10 09:10 10:10", Departures(result.Trips, "ba"));
        Assert.Empty(TimetablePolicyChecker.Check([ab, ba], result.Trips));

        // The vehicle-block solver (min-cost flow, no empty runs, 10-minute layover) agrees.
        Assert.Equal(3, BlockSolverFleet(trips));
        Assert.Equal(2, BlockSolverFleet(result.Trips));
    }

    private static int BlockSolverFleet(IEnumerable<TimetableTrip> trips)
    {
        var problem = new VehicleSchedulingProblem(
            [.. trips.Select(t => new ScheduledTrip(t.TripId, t.Calls[0].StopId, ServiceTime.FromMinutes(t.DepartureMinute), t.Calls[^1].StopId, ServiceTime.FromMinutes(t.ArrivalMinute)))],
            DeadheadTable.None, [], new SchedulingRules(minLayoverSeconds: 600), OperatingCosts.FleetThenEmptyKm);
        return TripScheduler.Solve(problem, new SolveOptions(TimeSpan.FromSeconds(300), 1, 1)).Solution!.Schedule.Vehicles;
    }

    [Fact]
    public void Retime_FirstReturnMeetsATrainAndIsFixed_ThreeVehiclesStay()
    {
        // As above, but B's 07:05 meets a train and may not move: at 07:05 B still needs a bus of
        // its own, so no shift within ±5 minutes saves one; nothing needs to move.
        var ab = NonStop("ab", "06:10", "09:10", 50, 70, Hours());
        var ba = NonStop("ba", "07:05", "10:10", 50, 70, Hours());
        TimetableTrip[] trips =
        [
            Trip("ab", 0, "A", "B", "06:10"), Trip("ab", 1, "A", "B", "07:10"), Trip("ab", 2, "A", "B", "08:10"), Trip("ab", 3, "A", "B", "09:10"),
            Trip("ba", 0, "B", "A", "07:05"), Trip("ba", 1, "B", "A", "08:05"), Trip("ba", 2, "B", "A", "09:05"), Trip("ba", 3, "B", "A", "10:05"),
        ];
        var result = FleetAwareRetimer.Retime([ab, ba], trips, 5, 10, new HashSet<string> { "ba-0" }, OneWorker, OneWorker.StartBudget()).Solution!;
        Assert.Equal(3, result.VehiclesAfter);
        Assert.Equal(0, result.VehiclesSaved);
        Assert.Equal(0, result.TotalShiftMinutes);
        Assert.Equal(3, result.VehiclesBound);
    }
}
