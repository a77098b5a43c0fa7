using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Places;
using TransitPairs.Policy;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Scheduling.Generators;
using TransitPairs.Time;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.Tests.VehicleScheduling.Battery;

/// <summary>
/// A 60 km shuttle A ↔ B with depots at both terminals; a 200 kWh bus used between 10 % and 90 %
/// (160 kWh) at 1.0 kWh/km: two trips per charge.
/// </summary>
public sealed class BatterySchedulerTests
{
    private static readonly BatterySolveOptions Options = new(300, 1, 1);

    private static readonly VehicleType Bus = new("bus200", "test battery bus", 39, 0, EnergySource.Battery,
        new BatterySpec(200, 10, 90, 150), new SeasonalRate(1.0, 1.5), 1.0, 900, 0);

    private static readonly VehicleType Diesel = new("diesel", "test diesel coach", 45, 0, EnergySource.Diesel, null, new SeasonalRate(0.25, 0.3), 3.2, 950, 0);

    private static BatterySchedulingProblem Shuttle(ImmutableArray<ScheduledTrip> trips, IEnumerable<ChargerSite> chargers, Season season = Season.Summer, int busesPerDepot = 10, int dieselPerDepot = 0)
    {
        var fleet = new List<FleetSlot> { new("depot-a", Bus, busesPerDepot), new("depot-b", Bus, busesPerDepot) };
        if (dieselPerDepot > 0)
        {
            fleet.Add(new FleetSlot("depot-a", Diesel, dieselPerDepot));
            fleet.Add(new FleetSlot("depot-b", Diesel, dieselPerDepot));
        }

        var schedule = new VehicleSchedulingProblem(
            trips,
            Timetables.Deadheads("A → B 60 min 60 km", "B → A 60 min 60 km"),
            [new VehicleDepot("depot-a", "A", fleet.Where(f => f.Depot == "depot-a").Sum(f => f.Count)), new VehicleDepot("depot-b", "B", fleet.Where(f => f.Depot == "depot-b").Sum(f => f.Count))],
            new SchedulingRules(10 * 60),
            OperatingCosts.FleetThenEmptyKm);
        return new BatterySchedulingProblem(schedule, trips.ToImmutableDictionary(t => t.TripId, _ => 60_000), [.. fleet], [.. chargers], season, ChargingRules.Default);
    }

    private static string Summary(BatterySchedulingProblem problem, BatteryScheduleResult result)
    {
        Assert.True(result.HasPlan, result.Explanation);
        var check = BatteryScheduleChecker.Check(problem, result.Schedule);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
        Assert.True(result.Vehicles >= result.NoBatteryFleetBound);
        var blocks = result.Schedule.Blocks.Select(b => string.Join(" ", b.Events
            .Where(e => e.Kind is BlockEventKind.Trip or BlockEventKind.Charge)
            .Select(e => e.Kind == BlockEventKind.Trip ? e.TripId : $"charge@{e.ChargerSite}")));
        return $"vehicles={result.Vehicles} bound={result.NoBatteryFleetBound} {result.Status.ToString().ToLowerInvariant()}: {string.Join(" | ", blocks)}";
    }

    /// <summary>Three trips of 60 km: 180 kWh, more than one pack of 160 kWh holds.</summary>
    private static readonly ImmutableArray<ScheduledTrip> ThreeTrips = Timetables.Trips(
        "T1 A 06:00 → B 07:00",
        "T2 B 07:15 → A 08:15",
        "T3 A 09:00 → B 10:00");

    [Fact]
    public void Solve_SixtyTripsWithATenthOfASecond_StillACheckedPlanNeverCalledOptimal()
    {
        // Every 15 minutes each way 06:00–13:15: 60 trips, two per charge, one 2-point charger per terminal.
        // CP-SAT cannot even finish presolve in the budget, so the greedy plan it was hinted with is the answer.
        var trips = Timetables.Trips([.. Enumerable.Range(0, 30).SelectMany(k =>
        {
            var departure = new TimeOnly(6, 0).AddMinutes(15 * k);
            var arrival = departure.AddMinutes(60);
            return new[] { $"O{k:00} A {departure:HH:mm} → B {arrival:HH:mm}", $"I{k:00} B {departure:HH:mm} → A {arrival:HH:mm}" };
        })]);
        var problem = Shuttle(trips, [new ChargerSite("a-fast", "A", 150, 2), new ChargerSite("b-fast", "B", 150, 2)]);

        var result = BatteryScheduler.Solve(problem, Options with { TimeLimitSeconds = 0.1 });

        Assert.True(result.HasPlan, result.Explanation);
        Assert.Equal(SolveStatus.Feasible, result.Status);
        Assert.True(BatteryScheduleChecker.Check(problem, result.Schedule).IsValid, string.Join("\n", BatteryScheduleChecker.Check(problem, result.Schedule).Violations));
        Assert.InRange(result.Vehicles, result.NoBatteryFleetBound, 20);
        Assert.Equal(60, result.Schedule.Blocks.Sum(b => b.TripIds.Count()));
    }

    [Fact]
    public void Solve_ThirdTripWithoutCharger_NeedsASecondBus()
    {
        var problem = Shuttle(ThreeTrips, []);

        var result = BatteryScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=2 bound=1 optimal: T1 | T2 T3", Summary(problem, result));
        Assert.Equal(0, result.Kpis.ChargingSessions);
    }

    [Fact]
    public void Solve_ThirdTripWithTerminalCharger_ChargesDuringTheLayover()
    {
        var problem = Shuttle(ThreeTrips, [new ChargerSite("a-fast", "A", 150, 1)]);

        var result = BatteryScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=1 bound=1 optimal: T1 T2 charge@a-fast T3", Summary(problem, result));
        var charge = result.Schedule.Blocks[0].Events.Single(e => e.Kind == BlockEventKind.Charge);
        Assert.True(charge.End.TotalSeconds - charge.Start.TotalSeconds >= ChargingRules.Default.MinPlugInSeconds);
        Assert.Equal(20_000, result.Kpis.MinSocKwh * 1000);
    }

    [Fact]
    public void Checker_ChargeBeyondTheCurveOrOverbookedSite_IsReported()
    {
        var problem = Shuttle(ThreeTrips, [new ChargerSite("a-fast", "A", 150, 1)]);
        var block = BatteryScheduler.Solve(problem, Options).Schedule.Blocks[0];
        var k = block.Events.IndexOf(block.Events.Single(e => e.Kind == BlockEventKind.Charge));
        var charge = block.Events[k];

        // The same session claiming 100 kWh more than it took: the curve forbids it and the later states of charge no longer add up.
        var greedy = new VehicleBlock(block.VehicleId, block.DepotId, block.Events.SetItem(k, charge with { EnergyWh = charge.EnergyWh - 100_000 })) { VehicleTypeId = block.VehicleTypeId };
        var tooMuch = BatteryScheduleChecker.Check(problem, new VehicleSchedule([greedy]));
        Assert.Contains(tooMuch.Violations, v => v.Contains("the charging curve allows", StringComparison.Ordinal));
        Assert.Contains(tooMuch.Violations, v => v.Contains("recomputed", StringComparison.Ordinal));

        // A second bus charging at the same one-point site at the same time.
        var twin = new VehicleBlock("V999", block.DepotId, block.Events) { VehicleTypeId = block.VehicleTypeId };
        var twice = BatteryScheduleChecker.Check(problem, new VehicleSchedule([block, twin]));
        Assert.Contains(twice.Violations, v => v.Contains("more than its 1 points", StringComparison.Ordinal));
    }

    [Fact]
    public void Solve_OneChargingPointForTwoBuses_TheyChargeOneAfterTheOther()
    {
        // Two buses each need a charge at A in the same 40-minute window; one point: sessions may not overlap.
        var problem = Shuttle(Timetables.Trips(
            "T1 A 06:00 → B 07:00",
            "T2 B 07:15 → A 08:15",
            "T3 A 09:00 → B 10:00",
            "U1 A 06:05 → B 07:05",
            "U2 B 07:20 → A 08:20",
            "U3 A 09:05 → B 10:05"), [new ChargerSite("a-fast", "A", 150, 1)], busesPerDepot: 2);

        var result = BatteryScheduler.Solve(problem, Options);

        Summary(problem, result);
        Assert.Equal(1, result.Kpis.PeakChargersInUse["a-fast"]);
        Assert.True(result.Vehicles is 2 or 3);
    }

    [Fact]
    public void Solve_MixedFleetInWinter_GivesTheDieselTheTripsBatteriesCannotRun()
    {
        // Winter 1.5 kWh/km: 90 kWh a trip, one trip per charge; one battery bus and one diesel coach.
        var problem = Shuttle(Timetables.Trips(
            "T1 A 06:00 → B 07:00",
            "T2 B 07:15 → A 08:15"), [], Season.Winter, busesPerDepot: 1, dieselPerDepot: 1);

        var result = BatteryScheduler.Solve(problem, Options);

        Summary(problem, result);
        Assert.Equal(1, result.Vehicles);
        Assert.Equal(1, result.Kpis.VehiclesByType["diesel"]);
    }

    [Fact]
    public void Solve_TripLongerThanAnyPack_ExplainsInPlannersTermsWithARemedy()
    {
        var trips = Timetables.Trips("BS-0715 A 07:15 → B 10:30");
        var problem = Shuttle(trips, [], Season.Winter);
        var longTrip = new BatterySchedulingProblem(problem.Schedule, trips.ToImmutableDictionary(t => t.TripId, _ => 205_000), problem.Fleet, problem.Chargers, Season.Winter, ChargingRules.Default);

        var result = BatteryScheduler.Solve(longTrip, Options);

        Assert.False(result.HasPlan);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains("trip BS-0715 A 07:15 → B 10:30 is 205 km and needs 308 kWh in winter", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("the largest usable pack is 160 kWh", result.Explanation, StringComparison.Ordinal);
        Assert.Contains(result.Remedies, r => r is BiggerPack { VehicleTypeId: "bus200", PackKwh: 390 });
        Assert.Contains(result.Remedies, r => r is SwitchToDiesel);
        Assert.Contains("a pack of at least 390 kWh on bus200", result.NoPlanMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_TooFewBuses_ProvesItByTheEnergyBalanceAndSaysHowManyMore()
    {
        var problem = Shuttle(ThreeTrips, [], busesPerDepot: 1);
        var onlyOne = new BatterySchedulingProblem(
            new VehicleSchedulingProblem(problem.Schedule.Trips, problem.Schedule.Deadheads, [new VehicleDepot("depot-a", "A", 1)], problem.Schedule.Rules, problem.Schedule.Costs),
            problem.TripDistanceMetres, [new FleetSlot("depot-a", Bus, 1)], [], Season.Summer, ChargingRules.Default);

        var result = BatteryScheduler.Solve(onlyOne, Options);

        // 3 × 60 kWh against one pack of 160 kWh usable and no charger: proved short by 20 kWh.
        Assert.False(result.HasPlan);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains("the trips need at least 180 kWh, but the 1 buses carry 160 kWh", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(new MoreVehicles(1, null, "bus200"), Assert.Single(result.Remedies));
    }

    [Fact]
    public void Solve_TwoTripsAtOnceForOneBus_TheBlockMastersLpProvesNoPlan()
    {
        // 120 kWh of trips against 160 kWh in the pack: the energy balance proves nothing, the LP does (two trips at 06:00, one bus).
        var trips = Timetables.Trips("T1 A 06:00 → B 07:00", "T2 B 06:00 → A 07:00");
        var shuttle = Shuttle(trips, [new ChargerSite("a-plug", "A", 120, 2)]);
        var problem = new BatterySchedulingProblem(
            new VehicleSchedulingProblem(trips, shuttle.Schedule.Deadheads, [new VehicleDepot("depot-a", "A", 1)], shuttle.Schedule.Rules, shuttle.Schedule.Costs),
            shuttle.TripDistanceMetres, [new FleetSlot("depot-a", Bus, 1)], shuttle.Chargers, Season.Summer, ChargingRules.Default);

        var result = BatteryScheduler.Solve(problem, Options);

        Assert.False(result.HasPlan);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains("even the LP relaxation of the day (charger points relaxed) cannot cover the 2 trips with the 1 vehicles the depots hold", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(new MoreVehicles(1, "depot-a", "bus200"), Assert.Single(result.Remedies));
    }

    /// <summary>
    /// A 200 km corridor whose last trip arrives at 21:30: a bus based at the start end would run home
    /// empty 21:30–00:30, 150 min of it in the night, over the 2 h a driver may drive at night without a rest.
    /// </summary>
    private static BatterySchedulingProblem LateLongTrip(int busesAtA, int busesAtB, bool drivers)
    {
        var coach = new VehicleType("coach600", "test battery coach", 45, 0, EnergySource.Battery, new BatterySpec(600, 10, 90, 150), new SeasonalRate(1.0, 1.2), 1.0, 900, 0);
        var trips = Timetables.Trips("T1 A 18:30 → B 21:30");
        var fleet = ImmutableArray.Create(new FleetSlot("depot-a", coach, busesAtA), new FleetSlot("depot-b", coach, busesAtB)).Where(f => f.Count > 0).ToImmutableArray();
        var schedule = new VehicleSchedulingProblem(
            trips,
            Timetables.Deadheads("A → B 180 min 200 km", "B → A 180 min 200 km"),
            [.. fleet.Select(f => new VehicleDepot(f.Depot, f.Depot == "depot-a" ? "A" : "B", f.Count))],
            new SchedulingRules(10 * 60),
            OperatingCosts.FleetThenEmptyKm);
        return new BatterySchedulingProblem(schedule, trips.ToImmutableDictionary(t => t.TripId, _ => 200_000), fleet, [], Season.Summer, ChargingRules.Default)
        {
            Drivers = drivers ? DriverRules.Standard : null,
        };
    }

    [Fact]
    public void Solve_RunHomeTooLongForADriverAtNight_TheBusBasedAtTheFarEndRunsTheTrip()
    {
        var problem = LateLongTrip(busesAtA: 1, busesAtB: 1, drivers: true);

        var result = BatteryScheduler.Solve(problem, Options);

        Assert.Equal("vehicles=1 bound=1 optimal: T1", Summary(problem, result));
        var block = Assert.Single(result.Schedule.Blocks);
        Assert.Equal("depot-b", block.DepotId);
        Assert.All(block.Events.Where(e => e.Kind is BlockEventKind.PullOut or BlockEventKind.PullIn or BlockEventKind.Deadhead),
            e => Assert.True(DriverRules.Standard.OneDriverMayDrive(e.Start, e.End), $"{e.FromStop} {e.Start} → {e.ToStop} {e.End}"));
    }

    [Fact]
    public void Checker_EmptyRunHomeTooLongAtNight_IsReportedWhenDriversArePlanned()
    {
        // Without driver rules the only bus (based at A) runs the trip and goes home 21:30–00:30: valid for vehicles alone.
        var vehiclesOnly = LateLongTrip(busesAtA: 1, busesAtB: 0, drivers: false);
        var result = BatteryScheduler.Solve(vehiclesOnly, Options);
        Assert.Equal("vehicles=1 bound=1 optimal: T1", Summary(vehiclesOnly, result));

        var withDrivers = LateLongTrip(busesAtA: 1, busesAtB: 0, drivers: true);
        var check = BatteryScheduleChecker.Check(withDrivers, result.Schedule);
        Assert.Contains(check.Violations, v => v.Contains("longer than one driver may drive", StringComparison.Ordinal));

        // With the rules, that bus cannot run the trip at all, and no plan is claimed.
        var none = BatteryScheduler.Solve(withDrivers, Options);
        Assert.False(none.HasPlan);
    }

    [Fact]
    public void Solve_AnyLimitWithBusesToSpare_AlwaysACheckedPlan()
    {
        // 200 winter trips, one charging point per depot, every bus the day could want: the constructive plan exists at once.
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(200, PointsPerDepot: 1), seed: 3);

        var result = BatteryScheduler.Solve(problem, Options with { TimeLimitSeconds = 0.2 });

        Assert.True(result.HasPlan, result.Explanation);
        var check = BatteryScheduleChecker.Check(problem, result.Schedule);
        Assert.True(check.IsValid, string.Join("\n", check.Violations.Take(5)));
        Assert.True(result.Vehicles >= result.FleetBound);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ConstructivePlan_UnlimitedBusesScarceChargers_CoversEveryTripWithBlocksThatCheck(int seed)
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(120, PointsPerDepot: 1), seed);
        var day = new EnergyDay(problem);

        foreach (var rule in Enum.GetValues<GreedyRule>())
        {
            var plan = GreedyBatteryPlan.Build(day, rule, unlimited: true);

            Assert.Empty(plan.Uncovered);
            AssertBlocksCheck(problem, day, plan.Blocks, rule.ToString());
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void BlockByBlockPlan_ScarceChargers_CoversEveryTripWithinTheFleetWithBlocksThatCheck(int seed)
    {
        // One point per depot: the blocks' sessions must find room at the points the earlier blocks booked.
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(120, PointsPerDepot: 1), seed);
        var day = new EnergyDay(problem);

        var plan = BlockByBlockPlan.Build(day, new BlockPricing(day, 40));

        Assert.Empty(plan.Uncovered);
        Assert.Equal(day.TripCount, plan.Blocks.Sum(b => b.Trips.Length));
        Assert.All(day.Slots.Select((slot, c) => (slot, c)), x => Assert.True(plan.Blocks.Count(b => b.Slot == x.c) <= x.slot.Count));
        AssertBlocksCheck(problem, day, plan.Blocks, "block by block");
    }

    [Fact]
    public void ConstructivePlan_CompletingKeptBlocks_KeepsThemAndCoversTheRestWithBlocksThatCheck()
    {
        // The rounding step keeps some blocks from the LP and lets the constructive plan run the rest,
        // with the kept sessions already holding their points (one point per depot: they matter).
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(120, PointsPerDepot: 1), 5);
        var day = new EnergyDay(problem);
        var first = GreedyBatteryPlan.Build(day, GreedyRule.MostCharge, unlimited: true);
        var kept = first.Blocks.Where((_, k) => k % 2 == 0).ToList();

        foreach (var rule in Enum.GetValues<GreedyRule>())
        {
            var plan = GreedyBatteryPlan.Build(day, rule, unlimited: true, kept: kept);

            Assert.Empty(plan.Uncovered);
            Assert.All(kept, b => Assert.Contains(b, plan.Blocks));
            Assert.Equal(day.TripCount, plan.Blocks.Sum(b => b.Trips.Length));
            AssertBlocksCheck(problem, day, plan.Blocks, rule.ToString());
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Solve_GeneratedWinterDay_LpBoundNeverAboveThePlanAndFleetWithinFivePercent()
    {
        // 90 trips: column generation reaches the LP optimum in a few CPU seconds, so a loaded machine still gets there in 30 s.
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(90), seed: 1);

        var result = BatteryScheduler.Solve(problem, Options with { TimeLimitSeconds = 30 });

        Assert.True(result.HasPlan, result.Explanation);
        Assert.True(BatteryScheduleChecker.Check(problem, result.Schedule).IsValid);
        Assert.InRange(result.BatteryFleetBound, 1, result.Vehicles);
        Assert.True(result.Vehicles <= Math.Ceiling(1.05 * result.BatteryFleetBound), $"{result.Vehicles} vehicles against the LP bound {result.BatteryFleetBound}");
    }

    /// <summary>Random days of 3–8 trips: the solver's fleet equals brute force over every partition into chains.</summary>
    [Fact]
    public void Solve_SmallRandomDays_SameFleetAsBruteForce()
    {
        var random = new Random(6);
        var infeasible = 0;
        for (var instance = 0; instance < 12; instance++)
        {
            var n = random.Next(3, 9);
            var lines = Enumerable.Range(0, n).Select(k =>
            {
                var outbound = random.Next(2) == 0;
                var departure = (6 * 60) + (5 * random.Next(0, 100));
                return $"T{k} {(outbound ? "A" : "B")} {departure / 60}:{departure % 60:00} → {(outbound ? "B" : "A")} {(departure + 60) / 60}:{(departure + 60) % 60:00}";
            }).ToArray();
            var chargers = random.Next(2) == 0 ? Array.Empty<ChargerSite>() : [new ChargerSite("a-plug", "A", 120, n)];
            var season = random.Next(3) == 0 ? Season.Winter : Season.Summer;
            var problem = Shuttle(Timetables.Trips(lines), chargers, season, busesPerDepot: n);

            var result = BatteryScheduler.Solve(problem, Options);

            var expected = BruteForce.Fleet(problem);
            if (expected == int.MaxValue)
            {
                // In winter a lone trip plus the empty run home to its depot can exceed the pack: both must agree there is no plan.
                Assert.False(result.HasPlan, $"instance {instance}: brute force finds no plan, the solver found {result.Vehicles} vehicles");
                infeasible++;
                continue;
            }

            Assert.True(result.HasPlan, $"instance {instance}: {result.Explanation}");
            Summary(problem, result);
            Assert.True(expected == result.Vehicles, $"instance {instance} ({season}, chargers {chargers.Length}): solver {result.Vehicles}, brute force {expected}: {string.Join("; ", lines)}");
            Assert.True(result.BatteryFleetBound <= expected, $"instance {instance}: the block master's LP bound {result.BatteryFleetBound} is above the optimum {expected}");
            var network = EnergyNetworkBound.Solve(new EnergyDay(problem), TimeSpan.FromSeconds(300));
            Assert.NotNull(network);
            Assert.True(network.FleetBound <= expected, $"instance {instance}: the energy network LP bound {network.FleetBound} ({network.LpValue:0.000}) is above the optimum {expected}");

            // The packing bound holds at any duals, not only the converged LP's: random ones, some negative (and so does its ascent's).
            var day = new EnergyDay(problem);
            var pricing = new BlockPricing(day, int.MaxValue);
            var draws = new Random(instance);
            for (var draw = 0; draw < 20; draw++)
            {
                double[] duals = [.. Enumerable.Range(0, day.TripCount).Select(_ => (draws.NextDouble() * 1.5) - 0.3)];
                var packing = pricing.PackingBound(duals, n);
                Assert.True(packing <= expected + 1e-9, $"instance {instance}: the packing bound {packing:0.000} at duals {string.Join(' ', duals.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))} is above the optimum {expected}");

                // And at every duals its ascent reaches from there.
                var ascent = EnergyNetworkBoundTests.Ascend(day, duals, n, target: expected + 1);
                Assert.True(ascent.Bound <= expected + 1e-9, $"instance {instance}: the packing ascent's bound {ascent.Bound:0.000} ({ascent.Steps} steps) is above the optimum {expected}");
                Assert.True(ascent.Bound >= packing - 1e-9, $"instance {instance}: the packing ascent's bound {ascent.Bound:0.000} is below its start's {packing:0.000}");
            }
        }

        Assert.InRange(infeasible, 0, 6);
    }

    /// <summary>
    /// Exhaustive search written apart from the solver: every partition of the trips into chains,
    /// each chain run by the better depot, charging greedily (as much as the curve allows) wherever
    /// a layover meets a charger; charger points are assumed ample.
    /// </summary>
    private static class BruteForce
    {
        public static int Fleet(BatterySchedulingProblem p)
        {
            var trips = p.Schedule.Trips.OrderBy(t => t.Departure).ToList();
            var best = int.MaxValue;
            var chains = new List<List<ScheduledTrip>>();

            void Place(int k)
            {
                if (chains.Count >= best)
                {
                    return;
                }

                if (k == trips.Count)
                {
                    best = chains.Count;
                    return;
                }

                for (var c = 0; c < chains.Count; c++)
                {
                    var chain = chains[c];
                    chain.Add(trips[k]);
                    if (Feasible(p, chain))
                    {
                        Place(k + 1);
                    }

                    chain.RemoveAt(chain.Count - 1);
                }

                chains.Add([trips[k]]);
                if (Feasible(p, chains[^1]))
                {
                    Place(k + 1);
                }

                chains.RemoveAt(chains.Count - 1);
            }

            Place(0);
            return best;
        }

        private static bool Feasible(BatterySchedulingProblem p, List<ScheduledTrip> chain) =>
            p.Fleet.Any(slot => FeasibleFrom(p, chain, slot));

        private static (int Seconds, int Metres) Run(BatterySchedulingProblem p, string from, string to) =>
            p.Schedule.Deadheads.TryGet(from, to, out var r) ? (r.DurationSeconds, r.DistanceMetres) : (-1, -1);

        private static bool FeasibleFrom(BatterySchedulingProblem p, List<ScheduledTrip> chain, FleetSlot slot)
        {
            var depotStop = p.Schedule.Depots.Single(d => d.DepotId == slot.Depot).Stop;
            var battery = slot.VehicleType.Battery!;
            var perKm = slot.VehicleType.Consumption.In(p.Season);
            double Use(int metres) => Math.Round(metres * perKm);
            double soc = battery.CeilingWh - Use(Run(p, depotStop, chain[0].FromStop).Metres);
            for (var k = 0; k < chain.Count; k++)
            {
                var trip = chain[k];
                if (k > 0)
                {
                    var before = chain[k - 1];
                    var direct = Run(p, before.ToStop, trip.FromStop);
                    if (before.Arrival.TotalSeconds + p.Schedule.Rules.MinLayoverSeconds + direct.Seconds > trip.Departure.TotalSeconds)
                    {
                        return false;
                    }

                    var bestSoc = soc - Use(direct.Metres);
                    foreach (var site in p.Chargers)
                    {
                        var there = Run(p, before.ToStop, site.Place);
                        var back = Run(p, site.Place, trip.FromStop);
                        var window = trip.Departure.TotalSeconds - back.Seconds - before.Arrival.TotalSeconds - there.Seconds;
                        var arrive = soc - Use(there.Metres);
                        var detour = there.Metres + back.Metres - direct.Metres;
                        if (window < p.Charging.MinPlugInSeconds || arrive < battery.FloorWh || detour > 20_000)
                        {
                            continue;
                        }

                        var watts = Math.Min(site.PowerKw, battery.MaxChargingPowerKw) * 1000;
                        var charged = arrive;
                        var taper = battery.PackWh * p.Charging.TaperStartPercent / 100.0;
                        for (var second = 0; second < window && charged < battery.CeilingWh; second++)
                        {
                            charged += (charged < taper ? watts : watts * p.Charging.TaperPowerPercent / 100.0) / 3600;
                        }

                        bestSoc = Math.Max(bestSoc, Math.Min(charged, battery.CeilingWh) - Use(back.Metres));
                    }

                    soc = bestSoc;
                }

                soc -= Use(p.TripDistanceMetres[trip.TripId]);
                if (soc < battery.FloorWh)
                {
                    return false;
                }
            }

            return soc - Use(Run(p, chain[^1].ToStop, depotStop).Metres) >= battery.FloorWh;
        }
    }

    /// <summary>The blocks, as a schedule, pass the independent checker.</summary>
    private static void AssertBlocksCheck(BatterySchedulingProblem problem, EnergyDay day, IEnumerable<EnergyBlock> blocks, string what)
    {
        var schedule = new VehicleSchedule([.. blocks.Select((b, k) => BlockEnergy.ToVehicleBlock(day, b, $"V{k:000}"))]);
        var check = BatteryScheduleChecker.Check(problem, schedule);
        Assert.True(check.IsValid, $"{what}: {string.Join("\n", check.Violations.Take(5))}");
    }
}
