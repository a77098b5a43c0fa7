using TransitPairs.Optimization.Timetabling;

namespace TransitPairs.Optimization.Tests.Timetabling;

public sealed class CederFrequencyTests
{
    [Fact]
    public void MaxLoadPoint_250PassengersAtFortyPerBus_FiveDeparturesEvenThoughMaxHeadwayAsksOnlyTwo()
    {
        // F = max(P_m / d0, F_m) = max(250 / 50, 60 / 30) = max(5, 2) = 5.
        var f = CederFrequency.MaxLoadPoint(250, 50, CederFrequency.MinimumFrequency(30));
        Assert.Equal(5.0, f, 9);
        Assert.Equal(5, CederFrequency.RoundUp(f));
    }

    [Fact]
    public void MaxLoadPoint_ThirtyPassengers_MinimumFrequencyOfMaxHeadwayGoverns()
    {
        // max(30 / 50, 60 / 30) = max(0.6, 2) = 2.
        Assert.Equal(2.0, CederFrequency.MaxLoadPoint(30, 50, CederFrequency.MinimumFrequency(30)), 9);
    }

    [Fact]
    public void MaxLoadPoint_101Passengers_RoundsUpToThreeBuses()
    {
        // 101 / 50 = 2.02: two buses would leave one passenger over d0.
        Assert.Equal(3, CederFrequency.RoundUp(CederFrequency.MaxLoadPoint(101, 50, 0)));
    }

    [Fact]
    public void LoadProfile_ShortBusySegment_AreaTermNeedsFiveBusesWhereMaxLoadPointNeedsEight()
    {
        // Segments 10 km / 120 pax, 20 km / 300 pax, 10 km / 60 pax; d0 = 40, c = 100, F_m = 1.
        // A = 120·10 + 300·20 + 60·10 = 7,800 pax-km; L = 40 km.
        // A / (d0 L) = 7,800 / 1,600 = 4.875; P_m / c = 300 / 100 = 3; F = 4.875 → 5 buses.
        // The max-load-point method would ask for 300 / 40 = 7.5 → 8 buses.
        CederSegment[] profile = [new(10_000, 120), new(20_000, 300), new(10_000, 60)];
        var f = CederFrequency.LoadProfile(profile, 40, 100, 1);
        Assert.Equal(4.875, f, 9);
        Assert.Equal(5, CederFrequency.RoundUp(f));
        Assert.Equal(8, CederFrequency.RoundUp(CederFrequency.MaxLoadPoint(300, 40, 1)));
    }

    [Fact]
    public void LoadProfile_SmallCapacity_BusiestSegmentTermGoverns()
    {
        // Same profile, c = 50 (a seated-only coach): P_m / c = 300 / 50 = 6 > 4.875.
        CederSegment[] profile = [new(10_000, 120), new(20_000, 300), new(10_000, 60)];
        Assert.Equal(6.0, CederFrequency.LoadProfile(profile, 40, 50, 1), 9);
    }

    [Fact]
    public void LoadProfile_EmptyBuses_MinimumFrequencyGoverns()
    {
        CederSegment[] profile = [new(5_000, 0), new(5_000, 3)];
        // A / (d0 L) = 15,000 / (40 · 10,000) = 0.0375; P_m / c = 0.06; F_m = 60 / 45 = 1.333.
        Assert.Equal(60.0 / 45, CederFrequency.LoadProfile(profile, 40, 50, CederFrequency.MinimumFrequency(45)), 9);
    }

    [Fact]
    public void LoadProfile_CapacityBelowDesiredOccupancy_NamesCapacity()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CederFrequency.LoadProfile([new(1000, 1)], 40, 30, 0));
        Assert.Equal("capacity", e.ParamName);
    }

    [Fact]
    public void RoundUp_FloatingNoise_DoesNotAddABus()
    {
        Assert.Equal(3, CederFrequency.RoundUp(0.1 * 30));
        Assert.Equal(4, CederFrequency.RoundUp(3.001));
    }
}
