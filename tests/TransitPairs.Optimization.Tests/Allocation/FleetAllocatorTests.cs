using System.Collections.Immutable;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Solving;
using static TransitPairs.Optimization.Tests.Allocation.AllocationCases;

namespace TransitPairs.Optimization.Tests.Allocation;

public sealed class FleetAllocatorTests
{
    // A: cycle 120 min, 60 passengers/h each way, 40 seats: 15' = 8 buses, 20' = 6, 30' = 4, 60' = 2 (too few seats).
    // B: cycle 120 min, 25 passengers/h each way: 30' = 4 buses, 60' = 2.
    private static AllocationProblem TwoCorridors(int? fleet) => Problem(
        fleet,
        Corridor("A", 40, DayBand(120, 60, 15, 20, 30, 60)),
        Corridor("B", 40, DayBand(120, 25, 30, 60)));

    [Fact]
    public void Solve_EightBusesForTwoCorridors_SplitsFourAndFour()
    {
        // A 20' + B 60' = 1440 × 10 + 600 × 30 = 32,400 passenger-minutes;
        // A 30' + B 30' = 1440 × 15 + 600 × 15 = 30,600: the better split.
        var outcome = FleetAllocator.Solve(TwoCorridors(8), Options, Options.StartBudget());
        var result = outcome.Solution!;

        Assert.Equal("A 4 buses: day 30' | B 4 buses: day 30'", Summary(result));
        Assert.Equal(SolveStatus.Optimal, outcome.Status);
        Assert.Equal(30_600, outcome.Objective, 6);
        Assert.Equal(outcome.Objective, outcome.Bound, 6);
        Assert.Equal(0, outcome.Gap);
        Assert.Equal(0, result.UnservedPassengers);
    }

    [Fact]
    public void Solve_EightBusesForTwoCorridors_MarginalShowsTheLumpinessOfHeadways()
    {
        var result = FleetAllocator.Solve(TwoCorridors(8), Options, Options.StartBudget()).Solution!;

        var a = result.Marginal.Single(m => m.CorridorId == "A");
        var b = result.Marginal.Single(m => m.CorridorId == "B");

        // A fifth bus on A buys nothing (20' needs 6); with 3 A must run 60': 960 seated × 30 + 480 left behind × 120.
        Assert.Equal(0, a.GainOfOneMore, 6);
        Assert.Equal((960 * 30) + (480 * 120) + 9_000 - 30_600, a.LossOfOneFewer!.Value, 6);

        // B is at its shortest allowed headway; with 3 buses it falls back to 60'.
        Assert.Equal(0, b.GainOfOneMore, 6);
        Assert.Equal(18_000 - 9_000, b.LossOfOneFewer!.Value, 6);
        Assert.True(a.ProvenOptimal && b.ProvenOptimal);
    }

    [Fact]
    public void Solve_UnlimitedFleet_EveryBandGetsItsDemandDrivenHeadway()
    {
        var policy = HeadwayMenu.PolicyHeadways(10, 60, clockFace: true);
        var demand = new[] { ("peak", 360, 180, 150, 120), ("day", 540, 480, 60, 60), ("evening", 1020, 240, 25, 40) };
        var corridors = new[] { ("Tonghua-Baishan", 130, 39), ("Siping-Liaoyuan", 190, 39), ("Baicheng-Songyuan", 360, 47) }
            .Select(c => new AllocationCorridor(
                c.Item1,
                [.. demand.Select(d => new AllocationBand(
                    d.Item1, d.Item2, d.Item3, c.Item2, d.Item4, d.Item5,
                    HeadwayMenu.AllocationChoices(policy, Math.Max(d.Item4, d.Item5), c.Item3, 0.85)))],
                c.Item3,
                ownedBuses: 0,
                purchaseCostYuan: 1_800_000))
            .ToImmutableArray();

        var outcome = FleetAllocator.Solve(new AllocationProblem(corridors, [], fleetSize: null, budgetYuan: null), Options, Options.StartBudget());
        var result = outcome.Solution!;

        foreach (var (corridor, allocation) in corridors.Zip(result.Corridors))
        {
            foreach (var (band, chosen) in corridor.Bands.Zip(allocation.Bands))
            {
                var peakDirection = Math.Max(band.OutboundPassengersPerHour, band.InboundPassengersPerHour);
                Assert.Equal(HeadwayMenu.DemandDrivenHeadway(policy, peakDirection, corridor.SeatsPerBus, 0.85), chosen.HeadwayMinutes);
            }

            Assert.Equal(allocation.Bands.Max(b => b.BusesNeeded), allocation.Buses);
        }

        Assert.Equal(SolveStatus.Optimal, outcome.Status);
    }

    [Fact]
    public void Solve_FleetBelowTheSumOfMinimumNeeds_IsInfeasibleAndSaysWhy()
    {
        // At 60' A needs 2 buses and B needs 2: three buses cannot run both.
        var outcome = FleetAllocator.Solve(TwoCorridors(3), Options, Options.StartBudget());

        Assert.Equal(SolveStatus.Infeasible, outcome.Status);
        Assert.Contains("A fleet of 3 buses is below the 4 the corridors need at their longest allowed headways", outcome.Explanation, StringComparison.Ordinal);
        Assert.Contains("A needs 2 (band day: cycle 120 min at the longest allowed headway 60 min)", outcome.Explanation, StringComparison.Ordinal);
        Assert.Contains("Raise the fleet to at least 4", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_BudgetCountsOwnedBusesFree_BuysOnlyWhatPaysOff()
    {
        // A owns 4 and B owns 2; 3.6 M yuan buys two buses: B's pair gives 30' on B (−9,000 passenger-minutes)
        // while two more on A give 20' (−7,200).
        var corridors = ImmutableArray.Create(
            new AllocationCorridor("A", [DayBand(120, 60, 15, 20, 30, 60)], 40, ownedBuses: 4, purchaseCostYuan: 1_800_000),
            new AllocationCorridor("B", [DayBand(120, 25, 30, 60)], 40, ownedBuses: 2, purchaseCostYuan: 1_800_000));

        var result = FleetAllocator.Solve(new AllocationProblem(corridors, [], fleetSize: null, budgetYuan: 3_600_000), Options, Options.StartBudget()).Solution!;

        Assert.Equal("A 4 buses: day 30' | B 4 buses: day 30'", Summary(result));
        Assert.Equal(2, result.BusesBought);
        Assert.Equal(3_600_000, result.PurchaseCostYuan);
    }

    [Fact]
    public void Solve_BudgetBelowTheBusesNeeded_IsInfeasibleAndNamesTheSpend()
    {
        var corridors = ImmutableArray.Create(
            new AllocationCorridor("A", [DayBand(120, 60, 30, 60)], 40, ownedBuses: 1, purchaseCostYuan: 1_800_000));

        var outcome = FleetAllocator.Solve(new AllocationProblem(corridors, [], fleetSize: null, budgetYuan: 1_000_000), Options, Options.StartBudget());

        Assert.Equal(SolveStatus.Infeasible, outcome.Status);
        Assert.Contains("A budget of 1000000 yuan is below the 1800000 yuan needed", outcome.Explanation, StringComparison.Ordinal);
        Assert.Contains("A owns 1 and needs 2", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_ChargerSiteShared_LimitsTheHeadwaysOfBothCorridors()
    {
        // Each round trip charges 20 min at the one site with 1 point: 60 charger-minutes an hour.
        // 30' on both corridors would need 2 × 40 = 80; 30' on one and 60' on the other needs 60.
        var charging = new CorridorCharging("Songyuan", sessionsPerRoundTrip: 1, sessionMinutes: 20);
        var corridors = ImmutableArray.Create(
            new AllocationCorridor("A", [DayBand(120, 60, 30, 60)], 40, 0, 1_800_000, [charging]),
            new AllocationCorridor("B", [DayBand(120, 25, 30, 60)], 40, 0, 1_800_000, [charging]));

        var result = FleetAllocator.Solve(new AllocationProblem(corridors, [new ChargerSiteCapacity("Songyuan", 1)], null, null), Options, Options.StartBudget()).Solution!;

        Assert.Equal("A 4 buses: day 30' | B 2 buses: day 60'", Summary(result));
    }

    [Fact]
    public void Solve_ChargerSiteTooSmallForTheLongestHeadways_IsInfeasibleAndNamesTheSite()
    {
        var charging = new CorridorCharging("Songyuan", sessionsPerRoundTrip: 2, sessionMinutes: 40);
        var corridors = ImmutableArray.Create(new AllocationCorridor("A", [DayBand(120, 60, 30, 60)], 40, 0, 1_800_000, [charging]));

        var outcome = FleetAllocator.Solve(new AllocationProblem(corridors, [new ChargerSiteCapacity("Songyuan", 1)], null, null), Options, Options.StartBudget());

        Assert.Equal(SolveStatus.Infeasible, outcome.Status);
        Assert.Contains("Charger site Songyuan (1 charging point) is overbooked even at the longest allowed headways (06:00–18:00)", outcome.Explanation, StringComparison.Ordinal);
        Assert.Contains("need up to 80 charger-minutes per hour, the site has 60", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_SameSeedOneWorker_GivesTheSameAnswer()
    {
        var first = FleetAllocator.Solve(TwoCorridors(9), Options, Options.StartBudget());
        var second = FleetAllocator.Solve(TwoCorridors(9), Options, Options.StartBudget());

        Assert.Equal(Summary(first.Solution!), Summary(second.Solution!));
        Assert.Equal(first.Objective, second.Objective);
        Assert.Equal(first.Solution!.Marginal.Select(m => (m.PlusOne, m.MinusOne)), second.Solution!.Marginal.Select(m => (m.PlusOne, m.MinusOne)));
    }
}
