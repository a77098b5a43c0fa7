using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TransitPairs.Duties;
using TransitPairs.IO.Duties;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>
/// The duty Gantt of report.html against the plan's own duties.csv, in a real browser: one row per
/// driver, one bar per activity; and the sentence in its place when a plan has no duties.
/// </summary>
[Collection(BundledPlansCollection.Name)]
public sealed class ReportDutyChartTests(BundledPlans plans)
{
    [Theory]
    [InlineData("baishan-tonghua")]
    [InlineData("baicheng-songyuan")]
    public void Report_PlanWithDuties_BrowserDrawsOneRowPerDriverAndOneBarPerActivity(string name)
    {
        var (code, _, error) = plans.Results[name];
        Assert.True(code == 0, error);
        var folder = plans.Folder(name);
        var crew = DutiesCsv.Read(Path.Combine(folder, "duties.csv"));
        var drivers = (int)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kpis.json")))!["kpis"]!["drivers"]!;
        Assert.True(drivers > 0 && crew.Drivers == drivers, $"{name}: {drivers} drivers in kpis.json, {crew.Drivers} in duties.csv");

        var dom = HeadlessChromium.DumpDom(Path.Combine(folder, "report.html"));

        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Null(HeadlessChromium.BodyData(dom, "errors"));
        Assert.Equal(drivers, Regex.Count(dom, "<g class=\"duty-row\""));
        Assert.Equal(crew.Duties.Sum(d => d.Activities.Length), Regex.Count(dom, "class=\"duty-seg "));
        Assert.Equal(crew.Duties.Sum(d => d.Activities.Count(a => a.Kind == DutyActivityKind.Drive)), Regex.Count(dom, "class=\"duty-seg duty-drive\""));
        var vehicle = crew.Duties[0].Activities.First(a => a.Kind == DutyActivityKind.Drive).VehicleId!;
        Assert.Contains($">{vehicle}</text>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"duty-absent\"", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BlocksNoDriverCanRun_SaysSoInPlaceOfTheDutyChart()
    {
        // Big packs in winter: the blocks end with night empty runs no driver may make (crew status infeasible).
        var folder = plans.Folder("baicheng-songyuan-bigpack-winter");
        Assert.Equal("infeasible", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kpis.json")))!["kpis"]!["crewStatus"]);
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));

        Assert.Matches("<p class=\"duty-absent\">No driver duties: none for these blocks under the driver rules \\(infeasible\\): [^<]*night driving", html);
        Assert.DoesNotContain("<svg class=\"duty-gantt\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_CrewSkipped_SaysSoInPlaceOfTheDutyChart()
    {
        var folder = Path.Combine(plans.Root, "crew-skip");
        var (code, _, error) = Cli.Run("plan", BundledPlans.ScenarioPath("baishan-tonghua"), "--out", folder, "--time-limit", "30", "--threads", "1", "--blocks", "plain", "--crew", "skip");
        Assert.True(code == 0, error);

        var dom = HeadlessChromium.DumpDom(Path.Combine(folder, "report.html"));

        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Contains("<p class=\"duty-absent\">No driver duties: the crew stage was skipped for this plan (vehicles only), so drivers and driver cost are not in the figures above.</p>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"duty-gantt\"", dom, StringComparison.Ordinal);
    }
}
