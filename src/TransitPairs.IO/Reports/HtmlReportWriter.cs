using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using TransitPairs.Duties;

namespace TransitPairs.IO.Reports;

/// <summary>
/// Draws a <see cref="PlanReport"/> as one self-contained HTML page: inline CSS and SVG, no
/// network, no external fonts (the browser's CJK font renders Chinese names). A few lines of
/// script check on load that every chart drew something and record script errors in
/// <c>body[data-check]</c> / <c>body[data-errors]</c>, so a headless browser can verify the page.
/// </summary>
public static class HtmlReportWriter
{
    private const int ChartWidth = 1100;
    private const int LeftMargin = 170;
    private const int RightMargin = 20;

    private static readonly string[] PatternColours =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>The HTML page of one plan.</summary>
    public static string Render(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        Open(html, report.Title);
        html.Append("<h1>").Append(Encode(report.Title)).Append("</h1>\n");
        html.Append("<p class=\"sub\">").Append(Encode(report.Subtitle)).Append("</p>\n");
        html.Append("<h2>Key figures</h2>\n");
        KpiTable(html, ["Value"], report.Kpis);
        Notes(html, report.Notes);
        AppendCharts(html, report, idPrefix: "p0");
        Close(html);
        return html.ToString();
    }

    /// <summary>
    /// The HTML page of a comparison: the KPI table with one column per scenario (and the
    /// differences the caller put in it), then each scenario's charts side by side.
    /// </summary>
    public static string RenderComparison(string title, IReadOnlyList<string> columns, ImmutableArray<KpiRow> table, IReadOnlyList<PlanReport> scenarios)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scenarios);
        var html = new StringBuilder();
        Open(html, title);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        html.Append("<h2>Key figures side by side</h2>\n");
        KpiTable(html, columns, table);
        html.Append("<div class=\"side\">\n");
        for (var i = 0; i < scenarios.Count; i++)
        {
            html.Append("<section class=\"col\"><h2>").Append(Encode(scenarios[i].Title)).Append("</h2>\n");
            html.Append("<p class=\"sub\">").Append(Encode(scenarios[i].Subtitle)).Append("</p>\n");
            AppendCharts(html, scenarios[i], idPrefix: "p" + i.ToString(CultureInfo.InvariantCulture));
            html.Append("</section>\n");
        }

        html.Append("</div>\n");
        Close(html);
        return html.ToString();
    }

    private static void AppendCharts(StringBuilder html, PlanReport report, string idPrefix)
    {
        foreach (var marey in report.Marey)
        {
            html.Append("<h2>Time-space diagram: ").Append(Encode(marey.Name)).Append("</h2>\n");
            Marey(html, marey, idPrefix);
        }

        // The duties share the blocks' time axis, so that a driver's bar sits under the vehicle's.
        var hours = HourRange(report.Gantt.Vehicles.SelectMany(v => v.Segments).Select(s => (s.StartSeconds, s.EndSeconds))
            .Concat(report.Duties.Drivers.SelectMany(d => d.Segments).Select(s => (s.StartSeconds, s.EndSeconds)))
            .SelectMany(s => new[] { s.StartSeconds, s.EndSeconds }));
        html.Append("<h2>Vehicle blocks</h2>\n");
        Gantt(html, report.Gantt, hours);
        html.Append("<h2>Driver duties</h2>\n");
        DutyChart(html, report.Duties, hours);

        if (report.Energy is { } energy)
        {
            html.Append("<h2>State of charge of every battery bus</h2>\n");
            StateOfCharge(html, energy);
            html.Append("<h2>Charger occupancy</h2>\n");
            foreach (var site in energy.Sites)
            {
                Occupancy(html, site);
            }
        }

        html.Append("<h2>Hourly load against capacity</h2>\n");
        foreach (var load in report.Loads)
        {
            Load(html, load);
        }
    }

    private static void Open(StringBuilder html, string title)
    {
        html.Append("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(Encode(title)).Append("</title>\n");
        html.Append("""
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.sub{color:#555;margin:0 0 12px}
table.kpi{border-collapse:collapse;font-size:13px}table.kpi td,table.kpi th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:right}
table.kpi td:first-child,table.kpi th:first-child{text-align:left}
svg{display:block;background:#fff}svg text{font-size:11px;fill:#333}.grid{stroke:#e5e5e5}.axis{stroke:#888}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.side{display:flex;gap:16px}.side .col{flex:1;min-width:0}.side svg{width:100%;height:auto}.notes{font-size:12px;color:#555}
</style></head>
<body>

""");
    }

    private static void Close(StringBuilder html)
    {
        html.Append("""
<script>
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(e.message); document.body.dataset.errors = errors.join(' | '); });
  var problems = [];
  if (document.querySelectorAll('.marey-trip').length === 0) problems.push('empty time-space diagram');
  if (document.querySelectorAll('.gantt-seg').length === 0) problems.push('empty vehicle blocks chart');
  if (document.querySelectorAll('.load-bar').length === 0) problems.push('empty load profile');
  if (document.querySelectorAll('.duties').length !== document.querySelectorAll('svg.gantt').length) problems.push('driver duties missing under a vehicle blocks chart');
  document.querySelectorAll('svg.duty-gantt').forEach(function (svg) {
    var rows = svg.querySelectorAll('.duty-row');
    if (svg.querySelectorAll('.duty-seg').length === 0) problems.push('empty driver duties chart');
    else if (rows.length !== Number(svg.dataset.drivers)) problems.push('driver duties chart draws ' + rows.length + ' of ' + svg.dataset.drivers + ' drivers');
    rows.forEach(function (row) { if (row.querySelectorAll('.duty-seg').length === 0) problems.push('driver ' + row.dataset.driver + ' has no activity drawn'); });
  });
  if (document.querySelector('svg.soc') && document.querySelectorAll('.soc-line').length === 0) problems.push('empty state-of-charge chart');
  if (document.querySelector('svg.occupancy') && document.querySelectorAll('.occupancy-line').length === 0) problems.push('empty charger occupancy chart');
  document.body.dataset.check = problems.length === 0 ? 'ok' : problems.join('; ');
})();
</script>
</body></html>

""");
    }

    private static void KpiTable(StringBuilder html, IReadOnlyList<string> columns, ImmutableArray<KpiRow> rows)
    {
        html.Append("<table class=\"kpi\"><thead><tr><th>KPI</th>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr><td>").Append(Encode(row.Name)).Append("</td>");
            foreach (var value in row.Values)
            {
                html.Append("<td>").Append(Encode(value)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Notes(StringBuilder html, ImmutableArray<string> notes)
    {
        if (notes.IsDefaultOrEmpty)
        {
            return;
        }

        html.Append("<ul class=\"notes\">");
        foreach (var note in notes)
        {
            html.Append("<li>").Append(Encode(note)).Append("</li>");
        }

        html.Append("</ul>\n");
    }

    /// <summary>Hours shown: from the hour before the first event to the hour after the last.</summary>
    private static (int From, int To) HourRange(IEnumerable<int> seconds)
    {
        var list = seconds.ToList();
        if (list.Count == 0)
        {
            return (5, 23);
        }

        return (Math.Max(0, (list.Min() / 3600) - 0), Math.Min(48, (list.Max() / 3600) + 1));
    }

    private static void TimeAxis(StringBuilder html, int fromHour, int toHour, double top, double bottom, Func<int, double> x)
    {
        for (var h = fromHour; h <= toHour; h++)
        {
            var px = x(h * 3600);
            html.Append(Svg($"<line class=\"grid\" x1=\"{px:0.#}\" y1=\"{top:0.#}\" x2=\"{px:0.#}\" y2=\"{bottom:0.#}\"/>"));
            html.Append(Svg($"<text x=\"{px:0.#}\" y=\"{bottom + 14:0.#}\" text-anchor=\"middle\">{h:00}</text>"));
        }
    }

    private static void Marey(StringBuilder html, MareyDiagram marey, string idPrefix)
    {
        const double top = 12;
        var height = Math.Max(160, 40 * marey.Stations.Length);
        var bottom = top + height;
        var (fromHour, toHour) = HourRange(marey.Trips.SelectMany(t => t.Points.Select(p => p.Seconds)));
        var maxKm = marey.Stations.IsDefaultOrEmpty ? 1 : Math.Max(1, marey.Stations.Max(s => s.DistanceKm));
        double X(int s) => LeftMargin + ((ChartWidth - LeftMargin - RightMargin) * (s - (fromHour * 3600.0)) / ((toHour - fromHour) * 3600.0));
        double Y(double km) => top + (height * km / maxKm);

        var patterns = marey.Trips.Select(t => t.Pattern).Distinct(StringComparer.Ordinal).ToList();
        Legend(html, patterns.Select((p, i) => (p, PatternColours[i % PatternColours.Length])));
        html.Append(Svg($"<svg class=\"marey\" id=\"{idPrefix}-marey\" viewBox=\"0 0 {ChartWidth} {bottom + 24:0}\" width=\"{ChartWidth}\" height=\"{bottom + 24:0}\" role=\"img\">\n"));
        TimeAxis(html, fromHour, toHour, top, bottom, X);
        foreach (var station in marey.Stations)
        {
            var y = Y(station.DistanceKm);
            html.Append(Svg($"<line class=\"grid\" x1=\"{LeftMargin}\" y1=\"{y:0.#}\" x2=\"{ChartWidth - RightMargin}\" y2=\"{y:0.#}\"/>"));
            html.Append(Svg($"<text x=\"{LeftMargin - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">")).Append(Encode(station.Label)).Append("</text>\n");
        }

        foreach (var trip in marey.Trips)
        {
            var colour = PatternColours[patterns.IndexOf(trip.Pattern) % PatternColours.Length];
            var points = string.Join(' ', trip.Points.Select(p => Svg($"{X(p.Seconds):0.#},{Y(p.DistanceKm):0.#}")));
            html.Append(Svg($"<polyline class=\"marey-trip\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{points}\"><title>"))
                .Append(Encode(trip.TripId + " (" + trip.Pattern + ")")).Append("</title></polyline>\n");
        }

        html.Append("</svg>\n");
    }

    private static readonly ImmutableDictionary<GanttKind, (string Colour, string Name)> GanttStyle =
        new Dictionary<GanttKind, (string, string)>
        {
            [GanttKind.Trip] = ("#1f77b4", "trip in service"),
            [GanttKind.Deadhead] = ("#ff7f0e", "empty run"),
            [GanttKind.Layover] = ("#c7c7c7", "layover"),
            [GanttKind.Charge] = ("#2ca02c", "charging"),
            [GanttKind.PullOut] = ("#9467bd", "pull-out"),
            [GanttKind.PullIn] = ("#8c564b", "pull-in"),
        }.ToImmutableDictionary();

    private const double GanttTop = 6;
    private const double GanttRowHeight = 18;

    private static void Gantt(StringBuilder html, GanttChart gantt, (int From, int To) hours)
    {
        var x = OpenGantt(html, "class=\"gantt\"", gantt.Vehicles.Length, hours, GanttStyle.OrderBy(k => k.Key).Select(k => (k.Value.Name, k.Value.Colour)));
        for (var row = 0; row < gantt.Vehicles.Length; row++)
        {
            var vehicle = gantt.Vehicles[row];
            var y = GanttRowLabel(html, row, vehicle.VehicleId + " · " + vehicle.VehicleType);
            foreach (var segment in vehicle.Segments)
            {
                var (colour, name) = GanttStyle[segment.Kind];
                var inset = segment.Kind is GanttKind.Trip or GanttKind.Charge ? 2 : 5;
                GanttBar(html, "gantt-seg", x, y, inset, colour, segment.StartSeconds, segment.EndSeconds, $"{name} {Clock(segment.StartSeconds)}–{Clock(segment.EndSeconds)} {segment.Label}");
            }
        }

        html.Append("</svg>\n");
    }

    /// <summary>The legend, the opening svg element (with <paramref name="attributes"/>) and the hour grid of a Gantt chart of <paramref name="rows"/> rows; returns x of a time in seconds.</summary>
    private static Func<int, double> OpenGantt(StringBuilder html, string attributes, int rows, (int From, int To) hours, IEnumerable<(string Name, string Colour)> legend)
    {
        var bottom = GanttTop + (GanttRowHeight * Math.Max(1, rows));
        var (fromHour, toHour) = hours;
        double X(int s) => LeftMargin + ((ChartWidth - LeftMargin - RightMargin) * (s - (fromHour * 3600.0)) / ((toHour - fromHour) * 3600.0));
        Legend(html, legend);
        html.Append(Svg($"<svg {attributes} viewBox=\"0 0 {ChartWidth} {bottom + 24:0}\" width=\"{ChartWidth}\" height=\"{bottom + 24:0}\" role=\"img\">\n"));
        TimeAxis(html, fromHour, toHour, GanttTop, bottom, X);
        return X;
    }

    /// <summary>The label of Gantt row <paramref name="row"/>; returns the row's top y.</summary>
    private static double GanttRowLabel(StringBuilder html, int row, string label)
    {
        var y = GanttTop + (row * GanttRowHeight);
        html.Append(Svg($"<text x=\"{LeftMargin - 6}\" y=\"{y + 13:0.#}\" text-anchor=\"end\">")).Append(Encode(label)).Append("</text>\n");
        return y;
    }

    /// <summary>One bar of a Gantt row, at least a pixel wide, with its hover text; returns its left x and width.</summary>
    private static (double Left, double Width) GanttBar(StringBuilder html, string cssClass, Func<int, double> x, double y, int inset, string colour, int startSeconds, int endSeconds, string hover)
    {
        var left = x(startSeconds);
        var width = Math.Max(1.0, x(endSeconds) - left);
        html.Append(Svg($"<rect class=\"{cssClass}\" x=\"{left:0.##}\" y=\"{y + inset:0.#}\" width=\"{width:0.##}\" height=\"{GanttRowHeight - (2 * inset):0.#}\" fill=\"{colour}\"><title>"))
            .Append(Encode(hover)).Append("</title></rect>\n");
        return (left, width);
    }

    private static readonly ImmutableDictionary<DutyActivityKind, (string Colour, string Name, int Inset)> DutyStyle =
        new Dictionary<DutyActivityKind, (string, string, int)>
        {
            [DutyActivityKind.SignOn] = ("#9467bd", "sign-on", 4),
            [DutyActivityKind.Drive] = ("#1f77b4", "driving (vehicle written on the bar)", 1),
            [DutyActivityKind.Break] = ("#2ca02c", "break (resets continuous driving)", 4),
            [DutyActivityKind.Travel] = ("#ff7f0e", "travel as a passenger", 4),
            [DutyActivityKind.Wait] = ("#c7c7c7", "wait (shorter than a rest)", 6),
            [DutyActivityKind.SignOff] = ("#8c564b", "sign-off", 4),
        }.ToImmutableDictionary();

    /// <summary>
    /// One row per driver on the same time axis as the vehicle blocks (hours past 24 go on as 25, 26 …):
    /// sign-on, drives with the vehicle written on bars wide enough, breaks, travel, waits, sign-off;
    /// or the sentence saying why there are no duties.
    /// </summary>
    private static void DutyChart(StringBuilder html, DutyGantt duties, (int From, int To) hours)
    {
        html.Append("<div class=\"duties\">\n");
        if (duties.Absent is { } why)
        {
            html.Append("<p class=\"duty-absent\">").Append(Encode(why)).Append("</p>\n</div>\n");
            return;
        }

        const double labelMinWidth = 30;
        var x = OpenGantt(html, Svg($"class=\"duty-gantt\" data-drivers=\"{duties.Drivers.Length}\""), duties.Drivers.Length, hours, DutyStyle.OrderBy(k => k.Key).Select(k => (k.Value.Name, k.Value.Colour)));
        for (var row = 0; row < duties.Drivers.Length; row++)
        {
            var driver = duties.Drivers[row];
            html.Append("<g class=\"duty-row\" data-driver=\"").Append(Encode(driver.DriverId)).Append("\">");
            var y = GanttRowLabel(html, row, driver.DriverId + " · " + driver.Summary);
            foreach (var segment in driver.Segments)
            {
                var (colour, name, inset) = DutyStyle[segment.Kind];
                var (left, width) = GanttBar(html, $"duty-seg duty-{segment.Kind.ToString().ToLowerInvariant()}", x, y, inset, colour, segment.StartSeconds, segment.EndSeconds,
                    $"{name.Split(" (")[0]} {Clock(segment.StartSeconds)}–{Clock(segment.EndSeconds)} {segment.Label}");
                if (segment.Vehicle is { } vehicle && width >= labelMinWidth)
                {
                    html.Append(Svg($"<text class=\"duty-label\" x=\"{left + (width / 2):0.##}\" y=\"{y + 12.5:0.#}\" text-anchor=\"middle\" style=\"fill:#fff;font-size:9px\">")).Append(Encode(vehicle)).Append("</text>\n");
                }
            }

            html.Append("</g>\n");
        }

        html.Append("</svg>\n</div>\n");
    }

    /// <summary>One polyline per bus: state of charge (0–100 % of the pack) against the time of day.</summary>
    private static void StateOfCharge(StringBuilder html, EnergyCharts energy)
    {
        var points = energy.Buses.SelectMany(b => b.Points).ToList();
        var (fromHour, toHour) = points.Count == 0 ? (5, 23) : (points.Min(p => p.Seconds) / 3600, (points.Max(p => p.Seconds) / 3600) + 1);
        const double top = 10, bottom = 230, left = 60, right = ChartWidth - 10;
        double X(int seconds) => left + ((right - left) * (seconds - (fromHour * 3600.0)) / Math.Max(1, (toHour - fromHour) * 3600.0));
        double Y(double percent) => bottom - ((bottom - top) * percent / 100);
        html.Append(Svg($"<svg class=\"soc\" viewBox=\"0 0 {ChartWidth} {bottom + 24:0}\" width=\"{ChartWidth}\" height=\"{bottom + 24:0}\" role=\"img\">\n"));
        TimeAxis(html, fromHour, toHour, top, bottom, h => X(h * 3600));
        foreach (var percent in new[] { 0, 20, 40, 60, 80, 100 })
        {
            html.Append(Svg($"<line class=\"grid\" x1=\"{left:0}\" x2=\"{right:0}\" y1=\"{Y(percent):0.#}\" y2=\"{Y(percent):0.#}\"/><text x=\"{left - 6:0}\" y=\"{Y(percent) + 4:0.#}\" text-anchor=\"end\">{percent} %</text>\n"));
        }

        foreach (var bus in energy.Buses)
        {
            var line = string.Join(' ', bus.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Seconds):0.#},{Y(p.Percent):0.#}")));
            html.Append(Svg($"<polyline class=\"soc-line\" fill=\"none\" stroke=\"#2ca02c\" stroke-opacity=\"0.6\" points=\"{line}\"><title>{Encode(bus.VehicleId)}</title></polyline>\n"));
        }

        html.Append("</svg>\n");
    }

    /// <summary>A step line of the buses charging at one site, under a dashed line at its points.</summary>
    private static void Occupancy(StringBuilder html, ChargerOccupancy site)
    {
        var (fromHour, toHour) = site.Steps.IsEmpty ? (5, 23) : (site.Steps.Min(p => p.Seconds) / 3600, (site.Steps.Max(p => p.Seconds) / 3600) + 1);
        var most = Math.Max(site.Points, site.Steps.Select(p => p.Charging).DefaultIfEmpty(0).Max());
        const double top = 22, bottom = 110, left = 60, right = ChartWidth - 10;
        double X(int seconds) => left + ((right - left) * (seconds - (fromHour * 3600.0)) / Math.Max(1, (toHour - fromHour) * 3600.0));
        double Y(double buses) => bottom - ((bottom - top) * buses / Math.Max(1, most));
        html.Append(Svg($"<svg class=\"occupancy\" viewBox=\"0 0 {ChartWidth} {bottom + 24:0}\" width=\"{ChartWidth}\" height=\"{bottom + 24:0}\" role=\"img\">\n"));
        html.Append(Svg($"<text x=\"{left:0}\" y=\"14\">{Encode(site.SiteId)}: buses charging (dashed: {site.Points} points)</text>\n"));
        TimeAxis(html, fromHour, toHour, top, bottom, h => X(h * 3600));
        html.Append(Svg($"<line x1=\"{left:0}\" x2=\"{right:0}\" y1=\"{Y(site.Points):0.#}\" y2=\"{Y(site.Points):0.#}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>\n"));
        var steps = new List<string>();
        var previous = 0;
        foreach (var (seconds, charging) in site.Steps)
        {
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{X(seconds):0.#},{Y(previous):0.#} {X(seconds):0.#},{Y(charging):0.#}"));
            previous = charging;
        }

        html.Append(Svg($"<polyline class=\"occupancy-line\" fill=\"none\" stroke=\"#2ca02c\" points=\"{string.Join(' ', steps)}\"/>\n"));
        html.Append("</svg>\n");
    }

    private static void Load(StringBuilder html, LoadProfile load)
    {
        const double top = 10;
        const double height = 150;
        var bottom = top + height;
        var hours = load.Hours.OrderBy(h => h.Hour).ToList();
        if (hours.Count == 0)
        {
            return;
        }

        var fromHour = hours[0].Hour;
        var toHour = hours[^1].Hour + 1;
        var max = Math.Max(1, hours.Max(h => Math.Max(h.Passengers, h.Capacity)));
        double X(int s) => LeftMargin + ((ChartWidth - LeftMargin - RightMargin) * (s - (fromHour * 3600.0)) / ((toHour - fromHour) * 3600.0));
        double Y(double v) => bottom - (height * v / max);
        html.Append("<p class=\"sub\">").Append(Encode(load.Direction)).Append("</p>\n");
        Legend(html, [("passengers at the max-load point", "#6baed6"), ("places offered", "#d62728")]);
        html.Append(Svg($"<svg class=\"load\" viewBox=\"0 0 {ChartWidth} {bottom + 24:0}\" width=\"{ChartWidth}\" height=\"{bottom + 24:0}\" role=\"img\">\n"));
        TimeAxis(html, fromHour, toHour, top, bottom, X);
        html.Append(Svg($"<text x=\"{LeftMargin - 6}\" y=\"{top + 8:0.#}\" text-anchor=\"end\">{max:0} pax/h</text>\n"));
        var capacityPath = new StringBuilder();
        foreach (var hour in hours)
        {
            var x1 = X(hour.Hour * 3600) + 2;
            var x2 = X((hour.Hour + 1) * 3600) - 2;
            html.Append(Svg($"<rect class=\"load-bar\" x=\"{x1:0.#}\" y=\"{Y(hour.Passengers):0.#}\" width=\"{x2 - x1:0.#}\" height=\"{bottom - Y(hour.Passengers):0.#}\" fill=\"#6baed6\"><title>{hour.Hour:00}:00 {hour.Passengers:0} passengers, {hour.Capacity:0} places</title></rect>\n"));
            capacityPath.Append(Svg($"{(capacityPath.Length == 0 ? "M" : "L")}{x1 - 2:0.#},{Y(hour.Capacity):0.#}L{x2 + 2:0.#},{Y(hour.Capacity):0.#}"));
        }

        html.Append("<path fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" d=\"").Append(capacityPath).Append("\"/>\n</svg>\n");
    }

    private static void Legend(StringBuilder html, IEnumerable<(string Name, string Colour)> entries)
    {
        html.Append("<div class=\"legend\">");
        foreach (var (name, colour) in entries)
        {
            html.Append("<span><i style=\"background:").Append(colour).Append("\"></i>").Append(Encode(name)).Append("</span>");
        }

        html.Append("</div>\n");
    }

    private static string Clock(int seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}");

    private static string Svg(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
