using TransitPairs.Corridors;
using TransitPairs.IO.Scenarios;
using TransitPairs.TestSupport;
using TransitPairs.Validation;

namespace TransitPairs.IO.Tests.Scenarios;

/// <summary>A segment load profile next to the hourly counts, written into a copy of a bundled scenario.</summary>
public sealed class SegmentLoadTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "transitpairs-segments", Guid.NewGuid().ToString("N"));

    public SegmentLoadTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteScenario(string segmentCsv)
    {
        File.WriteAllText(Path.Combine(folder, "segments.csv"), segmentCsv);
        var scenario = Path.Combine(folder, "with-segments.json");
        var baseScenario = Path.Combine(TestPaths.Data, "scenarios", "siping-liaoyuan.json").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(scenario, $$"""
            {
              "base": "{{baseScenario}}",
              "demand": { "profiles": { "siping-liaoyuan": { "segmentFiles": ["segments.csv"] } } }
            }
            """);
        return scenario;
    }

    [Fact]
    public void Load_SegmentProfile_IsReadNextToTheHourlyCounts()
    {
        var scenario = WriteScenario("""
            hour,direction,pattern,from,to,passengers
            7,outbound,local,siping-terminal,dongliao,52
            7,outbound,local,dongliao,liaoyuan-terminal,61
            7,inbound,local,liaoyuan-terminal,dongliao,20
            """);
        var s = ScenarioLoader.Load(scenario);
        var demand = s.Demand.For("siping-liaoyuan")!;
        Assert.Equal(3, demand.SegmentLoads.Length);
        Assert.Equal(61, demand.SegmentLoads.Single(l => l.FromStop == "dongliao" && l.Direction == Direction.Outbound).Passengers);
        Assert.Equal(540, demand.RawDailyPassengers(Direction.Outbound));
    }

    [Fact]
    public void Load_SegmentThatIsNoSegmentOfThePattern_IsReportedWithItsLine()
    {
        var scenario = WriteScenario("""
            hour,direction,pattern,from,to,passengers
            7,outbound,local,siping-terminal,dongliao,52
            7,outbound,local,siping-terminal,liaoyuan-terminal,61
            8,outbound,rapid,siping-terminal,dongliao,5
            """);
        var e = Assert.Throws<InputException>(() => ScenarioLoader.Load(scenario));
        Assert.Collection(
            e.Problems,
            p => Assert.Equal(("line 3", "'siping-terminal' → 'liaoyuan-terminal' is no segment of pattern 'local' going outbound."), (p.Location, p.Problem)),
            p => Assert.Equal(("line 4", "'rapid' is no pattern of corridor 'siping-liaoyuan'."), (p.Location, p.Problem)));
        Assert.All(e.Problems, p => Assert.EndsWith("segments.csv", p.Source, StringComparison.Ordinal));
    }
}
