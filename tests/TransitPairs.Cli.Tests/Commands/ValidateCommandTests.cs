using System.Text.Json.Nodes;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    public static TheoryData<string> BundledScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Validate_BundledScenario_ExitsZero(string scenario)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["validate", Path.Combine(TestPaths.Data, "scenarios", scenario)], output, error);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.StartsWith("ok ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Validate_EveryBundledCorridor_HasTodayWinterAndProposalScenarios()
    {
        var names = Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var corridor in new[] { "baishan-tonghua", "baicheng-songyuan", "siping-liaoyuan" })
        {
            Assert.Contains(names, n => n!.StartsWith(corridor, StringComparison.Ordinal) && n.EndsWith("-winter", StringComparison.Ordinal));
        }

        Assert.Contains("siping-liaoyuan-growth", names);
    }

    /// <summary>
    /// One broken input each: what is edited, which scenario is validated, and where the error must
    /// point (file relative to data/, then the JSON path or CSV line).
    /// </summary>
    private static readonly Dictionary<string, (Action<ScenarioWorkspace> BreakIt, string Scenario, string Expected)> Broken = new()
    {
        ["malformed JSON"] = (
            w => w.Write("scenarios/broken.json", "{\n  \"name\": \"broken\",\n  \"season\": \"summer\",,\n}\n"),
            "scenarios/broken.json", "scenarios/broken.json: line 3, column 22: The file is not valid JSON"),
        ["key written twice"] = (
            w => w.Write("scenarios/twice.json", "{\n  \"base\": \"siping-liaoyuan.json\",\n  \"season\": \"winter\",\n  \"season\": \"summer\"\n}\n"),
            "scenarios/twice.json", "scenarios/twice.json: line 4: The key \"season\" appears twice in one object."),
        ["unknown stop in a pattern"] = (
            w => w.EditJson("corridors/siping-liaoyuan.json", c => c["patterns"]!["local"]!["stops"]![1]!["stop"] = "dongfeng"),
            "scenarios/siping-liaoyuan.json", "corridors/siping-liaoyuan.json: $.patterns.local.stops[1].stop: Pattern 'local' stops at 'dongfeng'"),
        ["last departure before first departure"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["outbound"]!["lastDeparture"] = "05:00"),
            "scenarios/siping-liaoyuan-growth.json", "scenarios/siping-liaoyuan.json: $.policy.outbound.lastDeparture: The last departure 05:00 is before the first departure 06:00."),
        ["train departs before it arrives"] = (
            w => w.EditJson("scenarios/baishan-tonghua.json", s => s["railEvents"]![0]!["departure"] = "07:50"),
            "scenarios/baishan-tonghua.json", "scenarios/baishan-tonghua.json: $.railEvents[0].departure: Train ILLUSTRATIVE-1 departs at 07:50, before it arrives at 08:05."),
        ["time band ends before it starts"] = (
            w => w.EditJson("corridors/baishan-tonghua.json", c => c["timeBands"]![1]!["to"] = "06:00"),
            "scenarios/baishan-tonghua.json", "corridors/baishan-tonghua.json: $.timeBands[1].to: The Peak period ends at 06:00"),
        ["negative parking capacity"] = (
            w => w.EditJson("corridors/siping-liaoyuan.json", c => c["depots"]!["siping-depot"]!["parkingCapacity"] = -4),
            "scenarios/siping-liaoyuan.json", "corridors/siping-liaoyuan.json: $.depots.siping-depot.parkingCapacity: 'parkingCapacity' is -4; it cannot be negative."),
        ["battery window of 120 %"] = (
            w => w.EditJson("vehicle-types.json", v => v["e12-422"]!["battery"]!["usableCeilingPercent"] = 120),
            "scenarios/siping-liaoyuan.json", "vehicle-types.json: $.e12-422.battery.usableCeilingPercent: 'usableCeilingPercent' is 120; it must lie between 0 and 100."),
        ["battery floor above ceiling"] = (
            w => w.EditJson("vehicle-types.json", v => v["e12-350"]!["battery"]!["usableFloorPercent"] = 95),
            "scenarios/baishan-tonghua.json", "vehicle-types.json: $.e12-350.battery.usableCeilingPercent: The usable ceiling (90 %) is not above the floor (95 %)."),
        ["demand CSV with a bad row"] = (
            w => w.Append("demand/siping-liaoyuan-weekday-inbound.csv", "20,inbound,many\n"),
            "scenarios/siping-liaoyuan.json", "demand/siping-liaoyuan-weekday-inbound.csv: line 19: The passenger count 'many' is not a whole number"),
        ["demand CSV with an unknown direction"] = (
            w => w.Append("demand/siping-liaoyuan-weekday-outbound.csv", "20,sideways,3\n"),
            "scenarios/siping-liaoyuan.json", "demand/siping-liaoyuan-weekday-outbound.csv: line 19: The direction 'sideways' is neither outbound nor inbound."),
        ["demand CSV without the passengers column"] = (
            w => w.Write("demand/siping-liaoyuan-weekday-outbound.csv", "hour,direction,pax\n7,outbound,5\n"),
            "scenarios/siping-liaoyuan.json", "demand/siping-liaoyuan-weekday-outbound.csv: header: The header lacks the column(s) passengers"),
        ["demand counted twice"] = (
            w => w.Append("demand/baicheng-songyuan-weekday-inbound.csv", "7,inbound,5\n"),
            "scenarios/baicheng-songyuan.json", "demand/baicheng-songyuan-weekday-inbound.csv: line 19: Hour 7 inbound is counted again"),
        ["unknown base scenario"] = (
            w => w.Write("scenarios/orphan.json", "{\"base\": \"no-such-scenario.json\", \"season\": \"winter\"}"),
            "scenarios/orphan.json", "scenarios/orphan.json: $.base: The base scenario"),
        ["cyclic base references"] = (
            w =>
            {
                w.Write("scenarios/loop-a.json", "{\"base\": \"loop-b.json\"}");
                w.Write("scenarios/loop-b.json", "{\"base\": \"loop-a.json\"}");
            },
            "scenarios/loop-a.json", "$.base: The base scenarios form a cycle: loop-a.json → loop-b.json → loop-a.json."),
        ["fleet of an unknown vehicle type"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["fleet"]!["siping-depot"]!["e12-999"] = 2),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.fleet.siping-depot.e12-999: The fleet names the vehicle type 'e12-999', which is not defined."),
        ["more buses than the depot parks"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["fleet"]!["siping-depot"]!["e12-422"] = 41),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.fleet.siping-depot: 41 vehicles are based at 'siping-depot', which parks 40."),
        ["charger at an unknown place"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["chargers"]!["siping-terminal-pantograph"]!["place"] = "siping-station"),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.chargers.siping-terminal-pantograph.place: The charger site 'siping-terminal-pantograph' stands at 'siping-station', which is no depot or stop."),
        ["maximum headway below minimum"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["maxHeadwayMinutes"] = 5),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.policy.maxHeadwayMinutes: The maximum headway (5 min) is below the minimum headway (10 min)."),
        ["trips that cannot fill the span within the headway"] = (
            w => w.EditJson("scenarios/baishan-tonghua.json", s => s["policy"]!["maxHeadwayMinutes"] = 45),
            "scenarios/baishan-tonghua.json", "scenarios/baishan-tonghua.json: $.policy.tripTarget: 12 outbound departures cannot cover the span 06:30–18:00 with headways of at most 45 min."),
        ["misspelt field"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["minLayoverMinute"] = 5),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.policy.minLayoverMinute: 'minLayoverMinute' is not a field here."),
        ["text where a number belongs"] = (
            w => w.EditJson("vehicle-types.json", v => v["c9-365"]!["seats"] = "many"),
            "scenarios/baicheng-songyuan-proposal.json", "vehicle-types.json: $.c9-365.seats: 'seats' is the text \"many\"; it must be a number."),
        ["unknown day type"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["dayType"] = "holyday"),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.dayType: 'holyday' is not a valid dayType."),
        ["time of day out of range"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["inbound"]!["firstDeparture"] = "06:75"),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.policy.inbound.firstDeparture: '06:75' is not a time of day."),
        ["road link to an undeclared place"] = (
            w => w.EditJson("corridors/baicheng-songyuan.json", c => c["roadLinks"]![4]!["to"] = "qianguo"),
            "scenarios/baicheng-songyuan.json", "corridors/baicheng-songyuan.json: $.roadLinks[4].to: The road link names 'qianguo', which is no stop, depot or junction of this corridor."),
        ["depot cut off from the road network"] = (
            w => w.EditJson("corridors/baicheng-songyuan.json", c => c["roadLinks"]!.AsArray().RemoveAt(6)),
            "scenarios/baicheng-songyuan.json", "corridors/baicheng-songyuan.json: $.roadLinks: No road leads from 'songyuan-terminal' to 'songyuan-depot'"),
        ["missing corridor file"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = "../corridors/siping.json"),
            "scenarios/siping-liaoyuan-winter.json", "scenarios/siping-liaoyuan.json: $.corridors.siping-liaoyuan.$include: The file"),
        ["corridor without stops"] = (
            w => w.EditJson("corridors/baishan-tonghua.json", c => c["stops"] = new JsonObject()),
            "scenarios/baishan-tonghua.json", "corridors/baishan-tonghua.json: $.terminalA: The terminal 'baishan-terminal' is not among the corridor's stops."),
        ["empty scenario"] = (
            w => w.Write("scenarios/empty.json", "{}"),
            "scenarios/empty.json", "scenarios/empty.json: $.corridors: 'corridors' is missing."),
        ["occupancy above 150 %"] = (
            w => w.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["desiredOccupancy"] = 2.5),
            "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan.json: $.policy.desiredOccupancy: 'desiredOccupancy' is 2.5; it must lie between 0.05 and 1.5."),
    };

    public static TheoryData<string> BrokenInputs() => new(Broken.Keys);

    [Fact]
    public void BrokenInputs_AreAtLeastFifteen() => Assert.True(Broken.Count >= 15);

    [Theory]
    [MemberData(nameof(BrokenInputs))]
    public void Validate_BrokenInput_PointsAtTheProblemAndExitsTwo(string brokenInput)
    {
        var (breakIt, scenario, expected) = Broken[brokenInput];
        using var workspace = new ScenarioWorkspace();
        breakIt(workspace);
        var (code, output, error) = workspace.Run("validate", scenario);
        Assert.True(code == ExitCodes.BadInput, $"{brokenInput}: exit {code}\n{output}\n{error}");
        Assert.Contains($"invalid  {scenario}", output, StringComparison.Ordinal);
        Assert.True(error.Contains(expected, StringComparison.Ordinal), $"{brokenInput}: expected «{expected}» in:\n{error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblemsInSeveralFiles_ReportsEveryOne()
    {
        using var workspace = new ScenarioWorkspace();
        workspace.EditJson("vehicle-types.json", v => v["e12-422"]!["battery"]!["usableCeilingPercent"] = 120);
        workspace.EditJson("corridors/siping-liaoyuan.json", c => c["depots"]!["liaoyuan-depot"]!["parkingCapacity"] = -1);
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["policy"]!["minHeadwayMinutes"] = "ten");
        workspace.Append("demand/siping-liaoyuan-weekday-outbound.csv", "99,outbound,3\n");

        var (code, _, error) = workspace.Run("validate", "scenarios/siping-liaoyuan-growth.json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("vehicle-types.json: $.e12-422.battery.usableCeilingPercent:", error, StringComparison.Ordinal);
        Assert.Contains("corridors/siping-liaoyuan.json: $.depots.liaoyuan-depot.parkingCapacity:", error, StringComparison.Ordinal);
        Assert.Contains("scenarios/siping-liaoyuan.json: $.policy.minHeadwayMinutes:", error, StringComparison.Ordinal);
        Assert.Contains("demand/siping-liaoyuan-weekday-outbound.csv: line 19: The hour '99'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidAndInvalidTogether_ExitsTwoAndReportsBoth()
    {
        using var workspace = new ScenarioWorkspace();
        workspace.Write("scenarios/orphan.json", "{\"base\": \"gone.json\"}");
        var (code, output, _) = workspace.Run("validate", "scenarios/siping-liaoyuan.json", "scenarios/orphan.json");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("ok       scenarios/siping-liaoyuan.json", output, StringComparison.Ordinal);
        Assert.Contains("invalid  scenarios/orphan.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OverrideThatBreaksTheScenario_IsReportedAtTheOverride()
    {
        using var workspace = new ScenarioWorkspace();
        var (code, _, error) = workspace.Run("validate", "scenarios/siping-liaoyuan.json", "--set", "policy.desiredOccupancy=3");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("override: policy.desiredOccupancy: 'desiredOccupancy' is 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JsonFormat_ListsProblemsAsData()
    {
        using var workspace = new ScenarioWorkspace();
        workspace.EditJson("vehicle-types.json", v => v["e12-422"]!["battery"]!["usableCeilingPercent"] = 120);
        var (code, output, _) = workspace.Run("validate", "scenarios/siping-liaoyuan.json", "--format", "json");
        Assert.Equal(ExitCodes.BadInput, code);
        var report = JsonNode.Parse(output)!.AsArray();
        var problem = report[0]!["problems"]![0]!;
        Assert.False(report[0]!["valid"]!.GetValue<bool>());
        Assert.Equal("vehicle-types.json", problem["source"]!.GetValue<string>());
        Assert.Equal("$.e12-422.battery.usableCeilingPercent", problem["location"]!.GetValue<string>());
    }
}
