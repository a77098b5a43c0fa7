using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Policy;
using TransitPairs.Time;
using TransitPairs.Validation;
using TransitPairs.Vehicles;

namespace TransitPairs.Tests.Policy;

public sealed class PolicyTests
{
    private static ServiceSpan Span(string first, string last) => new(ServiceTime.Parse(first), ServiceTime.Parse(last));

    private static ServicePolicy Policy(int minHeadway, int maxHeadway, TripTarget? target) => new(
        Span("06:30", "18:00"), Span("06:30", "18:00"),
        Duration.FromMinutes(minHeadway), Duration.FromMinutes(maxHeadway), 0.8, clockFace: true, Duration.FromMinutes(10),
        ImmutableDictionary<string, bool>.Empty, DriverRules.Standard, target);

    [Fact]
    public void TripTarget_24OneWay_Is12EachWay()
    {
        var target = new TripTarget(24, TripCounting.OneWay);
        Assert.Equal((12, 12), (target.DeparturesIn(Direction.Outbound), target.DeparturesIn(Direction.Inbound)));
        var odd = new TripTarget(37, TripCounting.OneWay);
        Assert.Equal((19, 18), (odd.DeparturesIn(Direction.Outbound), odd.DeparturesIn(Direction.Inbound)));
        var round = new TripTarget(8, TripCounting.RoundTrip);
        Assert.Equal((8, 8), (round.DeparturesIn(Direction.Outbound), round.DeparturesIn(Direction.Inbound)));
    }

    [Fact]
    public void ServicePolicy_TripsThatCannotCoverTheSpan_NamesTheTarget()
    {
        // 12 departures 06:30–18:00 need headways of 690 / 11 ≈ 63 min: 45 is too short.
        var e = Assert.Throws<InvalidValueException>(() => Policy(30, 45, new TripTarget(24, TripCounting.OneWay)));
        Assert.Equal("tripTarget", e.ParamName);
        Assert.NotNull(Policy(30, 90, new TripTarget(24, TripCounting.OneWay)));
    }

    [Fact]
    public void ServicePolicy_TooManyTripsForTheMinimumHeadway_NamesTheTarget()
    {
        // 40 departures at least 20 min apart need 13 h; the span is 11 h 30.
        var e = Assert.Throws<InvalidValueException>(() => Policy(20, 90, new TripTarget(80, TripCounting.OneWay)));
        Assert.Equal("tripTarget", e.ParamName);
    }

    [Fact]
    public void ServiceSpan_LastBeforeFirst_NamesLastDeparture()
    {
        var e = Assert.Throws<InvalidValueException>(() => Span("19:00", "06:00"));
        Assert.Equal("lastDeparture", e.ParamName);
    }

    [Fact]
    public void SeatedOnly_DefaultsToOnForExpresswayPatterns()
    {
        var express = new Pattern("express", PatternKind.Express, expressway: true,
            [new PatternStop("a", 0, default, Duration.Zero), new PatternStop("b", 10, BandRunTimes.Uniform(Duration.FromMinutes(10)), Duration.Zero)]);
        var town = new Pattern("town", PatternKind.Local, expressway: false,
            [new PatternStop("a", 0, default, Duration.Zero), new PatternStop("b", 10, BandRunTimes.Uniform(Duration.FromMinutes(14)), Duration.Zero)]);
        var policy = Policy(10, 30, null);
        Assert.True(policy.IsSeatedOnly(express));
        Assert.False(policy.IsSeatedOnly(town));
    }

    [Theory]
    [InlineData(120, 90, "usableFloorPercent")]
    [InlineData(10, 120, "usableCeilingPercent")]
    [InlineData(50, 40, "usableCeilingPercent")]
    public void BatterySpec_WindowOutside0To100OrInverted_NamesTheField(double floor, double ceiling, string field)
    {
        var e = Assert.Throws<InvalidValueException>(() => new BatterySpec(350, floor, ceiling, 150));
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void VehicleType_E12InWinter_UsesWinterConsumption()
    {
        var e12 = new VehicleType("e12-350", "E12", 39, 31, EnergySource.Battery, new BatterySpec(350, 10, 90, 150), new SeasonalRate(0.85, 1.35), 0.9, 900, 1_700_000);
        Assert.Equal(280, e12.Battery!.UsableKwh, 9);
        Assert.Equal(91_800, e12.EnergyWh(68_000, Season.Winter));
        Assert.Equal(39, e12.Capacity(seatedOnly: true));
        Assert.Equal(70, e12.Capacity(seatedOnly: false));
    }

    [Fact]
    public void VehicleType_BatteryWithoutPack_NamesBattery()
    {
        var e = Assert.Throws<InvalidValueException>(() => new VehicleType("e", "E", 39, 31, EnergySource.Battery, null, new SeasonalRate(0.85, 1.35), 0.9, 900, 1));
        Assert.Equal("battery", e.ParamName);
    }
}
