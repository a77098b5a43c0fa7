using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TransitPairs.Duties;
using TransitPairs.IO.Reports;
using TransitPairs.TestSupport;

namespace TransitPairs.IO.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    private static PlanReport TwoTrips(bool withCharts = true)
    {
        var stations = ImmutableArray.Create(new MareyStation("四平 Siping", 0), new MareyStation("东辽 Dongliao", 60), new MareyStation("辽源 Liaoyuan", 100));
        var trips = withCharts
            ? ImmutableArray.Create(
                new MareyTrip("SL-0700", "express", [(7 * 3600, 0), (8 * 3600 + 15 * 60, 100)]),
                new MareyTrip("LS-0830", "local", [(8 * 3600 + 30 * 60, 100), (9 * 3600, 60), (9 * 3600 + 55 * 60, 0)]))
            : [];
        var gantt = new GanttChart(withCharts
            ? [new GanttRow("V1", "E12", [new GanttSegment(GanttKind.Trip, 7 * 3600, 8 * 3600 + 900, "SL-0700"), new GanttSegment(GanttKind.Charge, 8 * 3600 + 900, 8 * 3600 + 1800, "辽源 terminal")])]
            : []);
        var loads = withCharts ? ImmutableArray.Create(new LoadProfile("Siping → Liaoyuan", [new HourLoad(7, 80, 117), new HourLoad(8, 40, 39)])) : [];
        return new PlanReport("siping-liaoyuan 2026-12-01", "weekday · winter", [new MareyDiagram("四平 – 辽源", stations, trips)], gantt, loads,
            [new KpiRow("Vehicles", ["2"])], ["Vehicle blocks optimal."])
        {
            Duties = withCharts ? TwoDrivers() : new DutyGantt([], null),
        };
    }

    /// <summary>The page as headless Chromium leaves it after its scripts ran (written to a temporary folder, removed after).</summary>
    private static string Browser(string html)
    {
        var folder = Directory.CreateTempSubdirectory("tp-report-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.html");
            File.WriteAllText(path, html);
            return HeadlessChromium.DumpDom(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Render_PlanWithTrips_BrowserFindsEveryChartAndNoScriptError()
    {
        var dom = Browser(HtmlReportWriter.Render(TwoTrips()));

        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Null(HeadlessChromium.BodyData(dom, "errors"));
        Assert.Contains("辽源 Liaoyuan", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PlanWithoutTrips_BrowserReportsEmptyCharts()
    {
        var check = HeadlessChromium.BodyData(Browser(HtmlReportWriter.Render(TwoTrips(withCharts: false))), "check");

        Assert.Equal("empty time-space diagram; empty vehicle blocks chart; empty load profile; empty driver duties chart", check);
    }

    [Fact]
    public void Render_BatteryPlan_BrowserFindsStateOfChargeAndChargerOccupancy()
    {
        var energy = new EnergyCharts(
            [new SocLine("V1", [(7 * 3600, 90), (8 * 3600 + 900, 50), (8 * 3600 + 1800, 70)])],
            [new ChargerOccupancy("liaoyuan-terminal-pantograph", 1, [(8 * 3600 + 900, 1), (8 * 3600 + 1800, 0)])]);

        var dom = Browser(HtmlReportWriter.Render(TwoTrips() with { Energy = energy }));

        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Null(HeadlessChromium.BodyData(dom, "errors"));
        Assert.Contains("class=\"soc-line\"", dom, StringComparison.Ordinal);
        Assert.Contains("liaoyuan-terminal-pantograph: buses charging (dashed: 1 points)", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BatteryPlanWithoutBuses_BrowserReportsTheEmptyEnergyCharts()
    {
        var check = HeadlessChromium.BodyData(Browser(HtmlReportWriter.Render(TwoTrips() with { Energy = new EnergyCharts([], [new ChargerOccupancy("a-plug", 2, [])]) })), "check");

        Assert.Equal("empty state-of-charge chart", check);
    }

    /// <summary>Two drivers; D2's day runs past midnight (24:40) like a late block.</summary>
    private static DutyGantt TwoDrivers() => new(
    [
        new DutyGanttRow("D1", "3.5 h driving, 8.0 paid",
        [
            new DutyGanttSegment(DutyActivityKind.SignOn, (6 * 3600) + 2700, 7 * 3600, null, "siping-depot"),
            new DutyGanttSegment(DutyActivityKind.Drive, 7 * 3600, (8 * 3600) + 900, "V1", "V1 trip SL-0700 siping → liaoyuan"),
            new DutyGanttSegment(DutyActivityKind.Break, (8 * 3600) + 900, (8 * 3600) + 2700, null, "liaoyuan"),
            new DutyGanttSegment(DutyActivityKind.Travel, (8 * 3600) + 2700, 9 * 3600, null, "liaoyuan → liaoyuan-depot"),
            new DutyGanttSegment(DutyActivityKind.Wait, 9 * 3600, (9 * 3600) + 300, null, "liaoyuan-depot"),
            new DutyGanttSegment(DutyActivityKind.SignOff, (9 * 3600) + 300, (9 * 3600) + 900, null, "liaoyuan-depot"),
        ]),
        new DutyGanttRow("D2", "2.0 h driving, 3.0 paid",
        [
            new DutyGanttSegment(DutyActivityKind.SignOn, (21 * 3600) + 2700, 22 * 3600, null, "siping-depot"),
            new DutyGanttSegment(DutyActivityKind.Drive, 22 * 3600, (24 * 3600) + 2400, "V2", "V2 empty run siping → liaoyuan-depot"),
            new DutyGanttSegment(DutyActivityKind.SignOff, (24 * 3600) + 2400, (24 * 3600) + 3000, null, "liaoyuan-depot"),
        ]),
    ], null);

    [Fact]
    public void Render_PlanWithDuties_BrowserFindsOneRowPerDriverWithEveryKindAndTimesPastMidnight()
    {
        var dom = Browser(HtmlReportWriter.Render(TwoTrips() with { Duties = TwoDrivers() }));

        Assert.Equal("ok", HeadlessChromium.BodyData(dom, "check"));
        Assert.Null(HeadlessChromium.BodyData(dom, "errors"));
        Assert.Equal(2, Regex.Count(dom, "class=\"duty-row\""));
        foreach (var kind in new[] { "signon", "drive", "break", "travel", "wait", "signoff" })
        {
            Assert.Contains($"duty-seg duty-{kind}\"", dom, StringComparison.Ordinal);
        }

        // The vehicle is written on the drive bars; the axis and the hover text go on past 24:00.
        Assert.Matches(">V1</text>", dom);
        Assert.Contains("driving 22:00–24:40 V2 empty run", dom, StringComparison.Ordinal);
        Assert.Matches(">25</text>", dom);
        Assert.Contains("break (resets continuous driving)", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DutiesWithoutDrivers_BrowserReportsTheEmptyDutyChart()
    {
        var check = HeadlessChromium.BodyData(Browser(HtmlReportWriter.Render(TwoTrips() with { Duties = new DutyGantt([], null) })), "check");

        Assert.Equal("empty driver duties chart", check);
    }

    [Fact]
    public void Render_DriverWithoutActivities_BrowserNamesTheDriver()
    {
        var duties = TwoDrivers();

        var check = HeadlessChromium.BodyData(Browser(HtmlReportWriter.Render(TwoTrips() with { Duties = duties with { Drivers = duties.Drivers.Add(new DutyGanttRow("D3", "0.0 h", [])) } })), "check");

        Assert.Equal("driver D3 has no activity drawn", check);
    }

    [Fact]
    public void Render_DutySectionCutOut_BrowserReportsItMissing()
    {
        // The page's own check, not the writer: a report whose duty section is lost fails in the browser.
        var html = HtmlReportWriter.Render(TwoTrips());
        var start = html.IndexOf("<div class=\"duties\">", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>\n</div>\n", start, StringComparison.Ordinal) + "</svg>\n</div>\n".Length;

        var check = HeadlessChromium.BodyData(Browser(html[..start] + html[end..]), "check");

        Assert.Equal("driver duties missing under a vehicle blocks chart", check);
    }

    [Fact]
    public void Render_NoDuties_SaysWhyInPlaceOfTheChart()
    {
        var html = HtmlReportWriter.Render(TwoTrips() with { Duties = DutyGantt.None("No driver duties: the crew stage was skipped.") });

        Assert.Contains("<h2>Driver duties</h2>\n<div class=\"duties\">\n<p class=\"duty-absent\">No driver duties: the crew stage was skipped.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"duty-gantt\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsSelfContained_NoExternalReferences()
    {
        var html = HtmlReportWriter.Render(TwoTrips());
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }
}
