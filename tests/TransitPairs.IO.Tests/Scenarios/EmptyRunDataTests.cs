using TransitPairs.Corridors;
using TransitPairs.IO.Scenarios;
using TransitPairs.TestSupport;

namespace TransitPairs.IO.Tests.Scenarios;

/// <summary>The road networks of the bundled corridors: consistent with the patterns in data/.</summary>
public sealed class EmptyRunDataTests
{
    public static TheoryData<string, double, int> Corridors() => new()
    {
        // scenario, express km in data/corridors (DOMAIN.md road estimate range), off-peak minutes
        { "baishan-tonghua.json", 68, 69 },      // 60–75 km, 1 h – 1 h 20
        { "siping-liaoyuan.json", 97, 88 },      // 90–110 km, 1 h 15 – 1 h 40
        { "baicheng-songyuan-proposal.json", 205, 163 }, // 190–215 km, 2 h 30 – 3 h
    };

    [Theory]
    [MemberData(nameof(Corridors))]
    public void EmptyRun_TerminalToTerminal_MatchesTheExpressPattern(string scenario, double km, int minutes)
    {
        var s = ScenarioLoader.Load(Path.Combine(TestPaths.Data, "scenarios", scenario));
        var corridor = s.Corridors[0];
        var express = corridor.Patterns.Single(p => p.Kind == PatternKind.Express);
        var run = s.Network.EmptyRun(corridor.TerminalA, corridor.TerminalB);
        Assert.Equal(km, express.Km);
        Assert.Equal(km, run.Km);
        Assert.Equal(minutes, run.Minutes);
        Assert.Equal(express.TripTime(TimeBand.OffPeak).TotalMinutes, run.Minutes);
    }

    [Theory]
    [MemberData(nameof(Corridors))]
    public void EmptyRunMatrix_OverTerminalsDepotsAndStops_ObeysTheTriangleInequality(string scenario, double km, int minutes)
    {
        _ = (km, minutes);
        var s = ScenarioLoader.Load(Path.Combine(TestPaths.Data, "scenarios", scenario));
        var places = s.Stops.Select(x => x.Id).Concat(s.Depots.Select(d => d.Id)).ToList();
        var m = s.Network.Matrix(places);
        for (var i = 0; i < places.Count; i++)
        {
            for (var j = 0; j < places.Count; j++)
            {
                Assert.True(m.Minutes(i, j) >= 0, $"{places[i]} → {places[j]} unreachable");
                Assert.Equal(m.Minutes(i, j), m.Minutes(j, i));
                for (var k = 0; k < places.Count; k++)
                {
                    Assert.True(m.Minutes(i, j) <= m.Minutes(i, k) + m.Minutes(k, j), $"{places[i]} → {places[j]} longer than via {places[k]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Corridors))]
    public void PatternSegments_AreNoShorterThanTheRoadAndNoLongerThanADetour(string scenario, double km, int minutes)
    {
        _ = (km, minutes);
        var s = ScenarioLoader.Load(Path.Combine(TestPaths.Data, "scenarios", scenario));
        foreach (var pattern in s.Corridors[0].Patterns)
        {
            for (var i = 1; i < pattern.Stops.Length; i++)
            {
                var road = s.Network.EmptyRun(pattern.Stops[i - 1].Stop, pattern.Stops[i].Stop);
                Assert.True(pattern.Stops[i].DistanceMetres >= road.DistanceMetres * 0.99, $"{pattern.Id} segment {i} is shorter than any road");
                Assert.True(pattern.Stops[i].DistanceMetres <= road.DistanceMetres * 1.3, $"{pattern.Id} segment {i} is much longer than the road");
            }
        }
    }

    [Fact]
    public void StraightLine_IsShorterThanTheRoad()
    {
        var s = ScenarioLoader.Load(Path.Combine(TestPaths.Data, "scenarios", "siping-liaoyuan.json"));
        var c = s.Corridors[0];
        var straightKm = c.Stop(c.TerminalA).Location.DistanceMetresTo(c.Stop(c.TerminalB).Location) / 1000;
        Assert.InRange(straightKm, 65, 80); // DOMAIN.md: 72 km straight line
        Assert.True(s.Network.EmptyRun(c.TerminalA, c.TerminalB).Km > straightKm);
    }
}
