using System.Text.Json.Nodes;
using TransitPairs.Corridors;
using TransitPairs.IO.Scenarios;
using TransitPairs.Policy;
using TransitPairs.TestSupport;
using TransitPairs.Time;
using TransitPairs.Validation;
using TransitPairs.Vehicles;

namespace TransitPairs.IO.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private static string Scenario(string name) => Path.Combine(TestPaths.Data, "scenarios", name);

    [Fact]
    public void Load_SipingLiaoyuanProposal_ReadsEveryPart()
    {
        var s = ScenarioLoader.Load(Scenario("siping-liaoyuan.json"));
        var corridor = Assert.Single(s.Corridors);
        Assert.Equal("siping-liaoyuan", corridor.Id);
        Assert.Equal(("siping-terminal", "liaoyuan-terminal"), (corridor.TerminalA, corridor.TerminalB));
        Assert.Equal(["express", "local"], corridor.Patterns.Select(p => p.Id));
        Assert.Equal("siping-terminal dongliao liaoyuan-terminal", string.Join(" ", corridor.Pattern("local").StopIds(Direction.Outbound)));
        Assert.Equal(new NodaTime.LocalDate(2026, 6, 10), s.ServiceDate);
        Assert.Equal((DayType.Weekday, Season.Summer), (s.DayType, s.Season)); // from data/calendar.json
        Assert.Equal(20, s.Fleet.CountOf("e12-422"));
        Assert.Equal(EnergySource.Battery, s.VehicleType("e12-422").Energy);
        Assert.Equal(4, s.Chargers.Length); // two depot sites from the corridor, two pantographs from the scenario
        Assert.Equal(300, Assert.Single(s.ChargersAt("siping-terminal")).PowerKw);
        Assert.Equal(540, s.Demand.For("siping-liaoyuan")!.RawDailyPassengers(Direction.Outbound));
        Assert.Equal(60, s.PassengersPerHour("siping-liaoyuan", 7, Direction.Outbound));
        Assert.Null(s.Policy.TripTarget);
        Assert.Equal(NodaTime.Duration.FromMinutes(30), s.Policy.MaxHeadway);
        Assert.Equal(1, s.Options.Threads);
    }

    [Fact]
    public void Load_BaishanTonghuaToday_Is24OneWayTripsWith12Buses()
    {
        var s = ScenarioLoader.Load(Scenario("baishan-tonghua.json"));
        Assert.Equal(new TripTarget(24, TripCounting.OneWay), s.Policy.TripTarget);
        Assert.Equal(12, s.Fleet.Total);
        Assert.Equal(2, s.RailEvents.Length);
    }

    [Fact]
    public void Load_WinterVariant_OverridesOnlySeasonAndDate()
    {
        var summer = ScenarioLoader.Load(Scenario("siping-liaoyuan.json"));
        var winter = ScenarioLoader.Load(Scenario("siping-liaoyuan-winter.json"));
        Assert.Equal(Season.Winter, winter.Season);
        Assert.Equal(new NodaTime.LocalDate(2027, 1, 13), winter.ServiceDate);
        Assert.Equal(summer.Fleet.Total, winter.Fleet.Total);
        Assert.Equal(summer.Policy.MaxHeadway, winter.Policy.MaxHeadway);
    }

    [Fact]
    public void Load_GrowthVariant_ScalesDemandBy1Point3()
    {
        var growth = ScenarioLoader.Load(Scenario("siping-liaoyuan-growth.json"));
        Assert.Equal(1.3, growth.Demand.Scale);
        Assert.Equal(78, growth.PassengersPerHour("siping-liaoyuan", 7, Direction.Outbound), 9);
    }

    [Fact]
    public void Load_ProposalDroppingTheTripTarget_RemovesItWithNull()
    {
        var proposal = ScenarioLoader.Load(Scenario("baishan-tonghua-proposal.json"));
        Assert.Null(proposal.Policy.TripTarget);
        Assert.Equal(3, proposal.Chargers.Length);
    }

    [Fact]
    public void Load_DieselWinterFallback_ReplacesBatteryCoachesWithDiesel()
    {
        var s = ScenarioLoader.Load(Scenario("baicheng-songyuan-diesel-winter.json"));
        Assert.Equal(0, s.Fleet.CountOf("c9-365"));
        Assert.Equal(0, s.Fleet.CountOf("e12-422"));
        Assert.Equal(12, s.Fleet.CountOf("diesel-coach"));
        Assert.Equal(Season.Winter, s.Season);
    }

    [Fact]
    public void Load_WinterVariants_EachRunsTheFleetItsNameSays()
    {
        var winter = ScenarioLoader.Load(Scenario("baicheng-songyuan-winter.json"));
        Assert.Equal((14, 0), (winter.Fleet.CountOf("e12-422"), winter.Fleet.CountOf("c9-365")));
        var bigPack = ScenarioLoader.Load(Scenario("baicheng-songyuan-bigpack-winter.json"));
        Assert.Equal((0, 14), (bigPack.Fleet.CountOf("e12-422"), bigPack.Fleet.CountOf("c9-365")));
        Assert.Equal(430, bigPack.VehicleType("c9-365").Battery!.PackKwh);
        Assert.All([winter, bigPack], s => Assert.Equal(Season.Winter, s.Season));
    }

    [Fact]
    public void Load_WithDottedOverrides_AppliesThemBeforeChecking()
    {
        var s = ScenarioLoader.Load(Scenario("siping-liaoyuan.json"), new Dictionary<string, string>
        {
            ["demand.scale"] = "1.2",
            ["season"] = "winter",
            ["fleet.siping-depot.e12-422"] = "12",
            ["corridors.siping-liaoyuan.winterRunTimeFactor"] = "1.3",
            ["policy.tripTarget"] = "{\"tripsPerDay\": 60, \"counting\": \"oneWay\"}",
        });
        Assert.Equal(1.2, s.Demand.Scale);
        Assert.Equal(Season.Winter, s.Season);
        Assert.Equal(22, s.Fleet.CountOf("e12-422"));
        Assert.Equal(1.3, s.Corridors[0].WinterRunTimeFactor);
        Assert.Equal(30, s.Policy.TripTarget!.Value.DeparturesIn(Direction.Outbound));
    }

    [Fact]
    public void Load_BadOverride_ThrowsWithTheOverrideAsLocation()
    {
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(Scenario("siping-liaoyuan.json"), new Dictionary<string, string> { ["season"] = "monsoon" }));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("override", "season"), (problem.Source, problem.Location));
    }

    [Fact]
    public void Compose_WhatIf_MergesOverItsBase()
    {
        var composed = ScenarioLoader.Compose(Scenario("siping-liaoyuan-growth.json"))!;
        Assert.Equal(1.3, composed["demand"]!["scale"]!.GetValue<double>());
        Assert.Equal(1.15, composed["demand"]!["dayTypeFactors"]!["weekend"]!.GetValue<double>());
        Assert.Null(composed["base"]);
        Assert.Equal("terminal", composed["corridors"]!["siping-liaoyuan"]!["stops"]!["siping-terminal"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_NullRemovesAndObjectsMerge()
    {
        var merged = JsonMerge.Merge(JsonNode.Parse("""{"a": {"b": 1, "c": 2}, "d": [1, 2]}"""), JsonNode.Parse("""{"a": {"b": null, "e": 3}, "d": [3]}"""));
        Assert.Equal("""{"a":{"c":2,"e":3},"d":[3]}""", merged!.ToJsonString());
    }

    [Fact]
    public void ApplyOverrides_ThroughAValue_IsReported()
    {
        var root = JsonNode.Parse("""{"season": "summer"}""")!.AsObject();
        var failures = JsonMerge.ApplyOverrides(root, new Dictionary<string, string> { ["season.x"] = "1" });
        Assert.Equal("season.x", Assert.Single(failures).Key);
    }

    [Fact]
    public void CalendarLoader_BundledCalendar_KnowsTheSpringFestival2026()
    {
        var calendar = CalendarLoader.Load(Path.Combine(TestPaths.Data, "calendar.json"));
        Assert.Equal(DayType.Holiday, calendar.DayTypeOf(new NodaTime.LocalDate(2026, 2, 17)));
        Assert.Equal(DayType.Weekday, calendar.DayTypeOf(new NodaTime.LocalDate(2026, 2, 28))); // make-up working Saturday
        Assert.Equal(DayType.SpringFestival, calendar.DayTypeOf(new NodaTime.LocalDate(2026, 3, 7)));
        Assert.Equal(DayType.Weekend, calendar.DayTypeOf(new NodaTime.LocalDate(2027, 6, 5)));
        Assert.Equal(Season.Winter, calendar.SeasonOf(new NodaTime.LocalDate(2027, 1, 13)));
    }
}
