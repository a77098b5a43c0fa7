using TransitPairs.IO.Gtfs;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>The feeds <c>plan</c> writes go through real GTFS consumers.</summary>
[Collection(BundledPlansCollection.Name)]
public sealed class PlanFeedToolsTests(BundledPlans plans, GtfsToolsFixture tools) : IClassFixture<GtfsToolsFixture>
{
    /// <summary>One feed per corridor goes through the real GTFS tools (the other scenarios share these corridors).</summary>
    [Theory]
    [InlineData("siping-liaoyuan")]
    [InlineData("baishan-tonghua-proposal")]
    [InlineData("baicheng-songyuan-proposal")]
    public void Plan_GtfsFeed_ImportsIntoGtfsAndRendersWithGtfsToHtml(string scenario)
    {
        var zip = Path.Combine(plans.Folder(scenario), "gtfs.zip");
        var feed = GtfsReader.Read(zip);
        var counts = tools.ImportAndCount(zip);
        Assert.Equal(
            $"trips={feed.Trips.Length} stopTimes={feed.StopTimes.Length} blocks={feed.Trips.Select(t => t.BlockId).Distinct().Count()} routes=1",
            $"trips={counts.Trips} stopTimes={counts.StopTimes} blocks={counts.Blocks} routes={counts.Routes}");
        Assert.Equal(2, tools.Render(zip).TimetablePages);
    }

}
