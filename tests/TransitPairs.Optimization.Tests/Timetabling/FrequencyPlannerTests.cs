using TransitPairs.Optimization.Timetabling;
using static TransitPairs.Optimization.Tests.Timetabling.TimetableFixtures;

namespace TransitPairs.Optimization.Tests.Timetabling;

public sealed class FrequencyPlannerTests
{
    private static string Summary(DirectionFrequencyPlan plan) =>
        string.Join(", ", plan.Hours.Select(h => Invariant($"{h.Hour:00}h {h.Departures} {h.Limit}")));

    [Fact]
    public void Plan_MorningPeak_DemandMaxHeadwayAndMinHeadwayEachGovernAnHour()
    {
        // 06:00–09:00, headways 10–30 min, d0 = 40, c = 60.
        // 06h: 100 / 40 = 2.5 → 3.  07h: 250 / 40 = 6.25 → 7 > 60 / 10 = 6 → 6 (min headway).
        // 08h: 30 / 40 → 1 < 2 (a 30-min headway needs two an hour) → 2.
        // 09h: no demand, but the last departure 09:00 closes the span → 1.
        var plan = FrequencyPlanner.Plan(NonStop("out", "06:00", "09:00", 10, 30, Hours((6, 100), (7, 250), (8, 30))));
        Assert.Equal("06h 3 Demand, 07h 6 MinHeadway, 08h 2 MaxHeadway, 09h 1 MaxHeadway", Summary(plan));
        Assert.Equal(250.0 / 40, plan.Hours[1].CederFrequency, 9);
        Assert.Equal(360, plan.Hours[1].CapacityPassengers);
    }

    [Fact]
    public void Plan_FourHourMaxHeadway_DoesNotForceAnHourlyBus()
    {
        // Baicheng–Songyuan style: 06:00–18:00 and at most 240 min between buses, no demand:
        // 720 / 240 = 3 intervals → 4 departures (06:00, 10:00, 14:00, 18:00), not 13.
        var plan = FrequencyPlanner.Plan(NonStop("out", "06:00", "18:00", 60, 240, Hours()));
        Assert.Equal(4, plan.TotalDepartures);
        Assert.Equal([6, 10, 14, 18], plan.Hours.Where(h => h.Departures > 0).Select(h => h.Hour));
    }

    [Fact]
    public void Plan_FleetCap_ClampsPeakAndSaysSo()
    {
        var plan = FrequencyPlanner.Plan(NonStop("out", "07:00", "08:00", 5, 30, Hours((7, 400)), fleetPerHour: 4));
        Assert.Equal(4, plan.Hours[0].Departures);
        Assert.Equal(FrequencyLimit.Fleet, plan.Hours[0].Limit);
    }

    [Fact]
    public void Plan_LocalAndExpress_LoadProfileForLocalMaxLoadForExpress()
    {
        // Express: 150 at its max-load point, d0 = 40 → 3.75 → 4.
        // Local (two segments of 20 km, 60 and 20 passengers, d0 = 40, c = 70):
        // A / (d0 L) = (60·20 + 20·20) / (40·40) = 1,600 / 1,600 = 1; P_m / c = 60 / 70 → F = 1.
        var express = new PatternDemand("express", 47, 40, [65_000], [new PatternHourLoad(7, [150])]);
        var local = new PatternDemand("local", 70, 40, [20_000, 20_000], [new PatternHourLoad(7, [60, 20])]);
        var plan = FrequencyPlanner.Plan(new DirectionDemand("out", Minute("07:00"), Minute("07:50"), new HeadwayBounds(5, 30), [express, local]));
        var hour = plan.Hours.Single();
        Assert.Equal(FrequencyMethod.MaxLoadPoint, hour.Patterns[0].Method);
        Assert.Equal(FrequencyMethod.LoadProfile, hour.Patterns[1].Method);
        Assert.Equal(1.0, hour.Patterns[1].CederFrequency, 9);
        Assert.Equal("express 4, local 1", string.Join(", ", hour.Patterns.Select(p => $"{p.PatternId} {p.Departures}")));
        Assert.Equal(210, hour.MaxLoadPassengers);
    }

    [Fact]
    public void Plan_PartialFirstHour_CapsByItsWindow()
    {
        // Service from 06:40: only 06:40 and 06:50 fit before 07:00 at a 10-minute minimum headway.
        var plan = FrequencyPlanner.Plan(NonStop("out", "06:40", "07:30", 10, 30, Hours((6, 500), (7, 40))));
        Assert.Equal(2, plan.Hours[0].Departures);
        Assert.Equal(FrequencyLimit.MinHeadway, plan.Hours[0].Limit);
    }

    [Fact]
    public void Plan_FixedTwelveDepartures_SpreadEvenlyWhateverTheDemand()
    {
        // Today's Baishan–Tonghua: 12 departures 06:30–18:00 (11 intervals of 62.7 min).
        var direction = new DirectionDemand("out", Minute("06:30"), Minute("18:00"), new HeadwayBounds(30, 90),
            [new PatternDemand("express", 39, 31, [65_000], [new PatternHourLoad(7, [200])])], fixedDepartures: 12);
        var plan = FrequencyPlanner.Plan(direction);
        Assert.Equal(12, plan.TotalDepartures);
        Assert.All(plan.Hours, h => Assert.Equal(FrequencyLimit.FixedService, h.Limit));
        Assert.Equal(1, plan.Hours.Single(h => h.Hour == 7).Departures);
    }
}
