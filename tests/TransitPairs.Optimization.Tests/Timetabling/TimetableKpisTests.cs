using System.Collections.Immutable;
using TransitPairs.Optimization.Timetabling;
using static TransitPairs.Optimization.Tests.Timetabling.TimetableFixtures;

namespace TransitPairs.Optimization.Tests.Timetabling;

public sealed class TimetableKpisTests
{
    private static TimetableTrip Trip(int sequence, string departure, int runMinutes = 60) =>
        TimetableTrip.FromOffsets(Invariant($"out-{sequence:000}"), "out", sequence, "express", Minute(departure),
            [new StopOffset("Tonghua", 0, 0), new StopOffset("BaishanEast", runMinutes, runMinutes)]);

    [Fact]
    public void Compute_FourDepartures_HeadwaysWaitAndLeftBehindByHand()
    {
        // out: 06:00 06:10 06:40 07:40 → headways 10, 30, 60 min.
        // Demand 06h 200, 07h 30; 60 seats a bus.
        // 06h: 3 buses, 180 places → 20 left behind; 07h: 1 bus, 60 places → 0.
        // Wait, weighted by passengers arriving in each headway (hour rate × minutes):
        //   10 min → 5 min, weight 200·10; 30 min → 7.5 (capped), weight 200·30; 60 min → 7.5, weight 30·60.
        //   (2000·5 + 6000·7.5 + 1800·7.5) / 9800 = 68,500 / 9,800 = 6.99 min.
        var demand = NonStop("out", "06:00", "07:40", 10, 60, Hours((6, 200), (7, 30)));
        TimetableTrip[] trips = [Trip(0, "06:00"), Trip(1, "06:10"), Trip(2, "06:40"), Trip(3, "07:40")];
        var kpis = TimetableKpis.Compute([demand], trips, []).Directions.Single();

        Assert.Equal("departures=4 headway=10/33.3/60 wait=6.99 leftBehind=20 peak=06h 66.7/60",
            Invariant($"departures={kpis.Departures} headway={kpis.HeadwayMinMinutes}/{kpis.HeadwayMeanMinutes:F1}/{kpis.HeadwayMaxMinutes} wait={kpis.ExpectedWaitMinutes:F2} leftBehind={kpis.LeftBehindPassengers} peak={kpis.PeakHour:00}h {kpis.PeakLoadPerDeparture:F1}/{kpis.CapacityPerDeparture:F0}"));
        Assert.Equal([20, 0], kpis.Hours.Select(h => h.LeftBehindPassengers));
        Assert.Equal(66.7 / 60, kpis.PeakOccupancy, 2);
    }

    [Theory]
    [InlineData(8, 4.0)]
    [InlineData(15, 7.5)]
    [InlineData(20, 7.5)]
    [InlineData(120, 7.5)]
    public void WaitMinutes_HalfTheHeadwayUpToFifteenThenCapped(int headway, double wait) =>
        Assert.Equal(wait, TimetableKpis.WaitMinutes(headway), 9);

    [Fact]
    public void Compute_TrainArrivalAndDeparture_MetOnlyInsideTheirWindows()
    {
        // Bus 07:15 Tonghua → 08:15 Baishan East.
        // Train arr Tonghua 07:07, change 5–12 min → bus must leave 07:12–07:19: met, 8 min.
        // Train arr Tonghua 07:12, change 5–12 → 07:17–07:24: missed.
        // Train dep Baishan East 08:30, change 8–20 → bus arrives 08:10–08:22: met, 15 min.
        // Train dep Tonghua 07:30: the bus only leaves Tonghua, nobody arrives there: missed.
        TransferEvent[] trains =
        [
            new("a", "Tonghua", TransferEventKind.TrainArrival, Minute("07:07"), 5, 12, 30),
            new("b", "Tonghua", TransferEventKind.TrainArrival, Minute("07:12"), 5, 12, 10),
            new("c", "BaishanEast", TransferEventKind.TrainDeparture, Minute("08:30"), 8, 20, 20),
            new("d", "Tonghua", TransferEventKind.TrainDeparture, Minute("07:30"), 5, 30, 5),
        ];
        var demand = NonStop("out", "07:15", "07:15", 10, 60, Hours());
        var report = TimetableKpis.Compute([demand], [Trip(0, "07:15")], trains);
        Assert.Equal("a met 8, b missed, c met 15, d missed",
            string.Join(", ", report.Transfers.Select(t => t.Met ? Invariant($"{t.Event.EventId} met {t.TransferMinutes}") : $"{t.Event.EventId} missed")));
        Assert.Equal(50, report.TransferPassengersMet);
        Assert.Equal(65, report.TransferPassengersTotal);
    }

    [Fact]
    public void Check_HeadwayTooShortAndDepartureOutsideSpan_BothReported()
    {
        var demand = NonStop("out", "06:00", "07:00", 10, 30, Hours());
        var problems = TimetablePolicyChecker.Check([demand], [Trip(0, "06:00"), Trip(1, "06:05"), Trip(2, "07:30")]);
        Assert.Equal(3, problems.Length);
        Assert.Contains(problems, p => p.Contains("headway 5 min", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("outside the span", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("headway 85 min", StringComparison.Ordinal));
        Assert.Empty(TimetablePolicyChecker.Check([demand], ImmutableArray<TimetableTrip>.Empty));
    }
}
