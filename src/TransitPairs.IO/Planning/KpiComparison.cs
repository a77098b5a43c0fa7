using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using TransitPairs.IO.Reports;
using TransitPairs.Planning;

namespace TransitPairs.IO.Planning;

/// <summary>One KPI across scenarios: the printed values and their differences against the first scenario.</summary>
/// <param name="Column">The KPI.</param>
/// <param name="Values">Value per scenario, rounded as printed.</param>
/// <param name="Differences">Value − first value, per scenario (0 for the first).</param>
/// <param name="Relative">Difference / first value, per scenario; null when the first value is 0.</param>
public sealed record KpiDifference(KpiColumn Column, ImmutableArray<double> Values, ImmutableArray<double> Differences, ImmutableArray<double?> Relative);

/// <summary>
/// KPIs of several plans side by side with absolute and relative differences against the first
/// (the baseline), computed on the printed (rounded) figures so that the table adds up.
/// </summary>
public sealed class KpiComparison
{
    public KpiComparison(IReadOnlyList<Plan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count < 2)
        {
            throw new ArgumentException("A comparison needs at least two plans.", nameof(plans));
        }

        Plans = [.. plans];
        Rows = [.. PlanKpis.Columns.Select(c =>
        {
            var values = plans.Select(p => c.Rounded(p.Kpis)).ToImmutableArray();
            var first = values[0];
            return new KpiDifference(c, values, [.. values.Select(v => Math.Round(v - first, 6))], [.. values.Select(v => first == 0 ? (double?)null : Math.Round((v - first) / first, 6))]);
        })];
    }

    public ImmutableArray<Plan> Plans { get; }

    public ImmutableArray<KpiDifference> Rows { get; }

    /// <summary>Scenario names in order (the first is the baseline).</summary>
    public ImmutableArray<string> Names => [.. Plans.Select(p => p.Scenario.Name)];

    /// <summary>A difference as printed: sign always shown, in the KPI's format.</summary>
    public static string Signed(KpiColumn column, double value)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = value.ToString(column.Format, CultureInfo.InvariantCulture);
        return value > 0 ? "+" + text : value == 0 ? text.TrimStart('-') : text;
    }

    /// <summary>A relative difference as printed: <c>+12.5 %</c>, or <c>–</c> when the baseline is 0.</summary>
    public static string Percent(double? relative) =>
        relative is { } r ? (r > 0 ? "+" : string.Empty) + (100 * r).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>Column headings: each scenario, and after every scenario but the first its Δ and Δ %.</summary>
    public ImmutableArray<string> Headings =>
        [.. Names.SelectMany((n, i) => i == 0 ? [n] : new[] { n, $"Δ {n}", $"Δ% {n}" })];

    /// <summary>The table rows (label with unit, then the cells in <see cref="Headings"/> order), status rows last.</summary>
    public ImmutableArray<KpiRow> TableRows()
    {
        var rows = Rows.Select(r => new KpiRow($"{r.Column.Label} ({r.Column.Unit})",
            [.. Plans.SelectMany((p, i) => i == 0
                ? [r.Column.Text(p.Kpis)]
                : new[] { r.Column.Text(p.Kpis), Signed(r.Column, r.Differences[i]), Percent(r.Relative[i]) })])).ToList();
        rows.Add(new KpiRow("Timetable solver", [.. Plans.SelectMany((p, i) => i == 0 ? [p.Kpis.TimetableStatus] : new[] { p.Kpis.TimetableStatus, string.Empty, string.Empty })]));
        rows.Add(new KpiRow("Vehicle-block solver", [.. Plans.SelectMany((p, i) => i == 0 ? [p.Kpis.BlocksStatus] : new[] { p.Kpis.BlocksStatus, string.Empty, string.Empty })]));
        rows.Add(new KpiRow("Driver-duty solver", [.. Plans.SelectMany((p, i) => i == 0 ? [p.Kpis.CrewStatus] : new[] { p.Kpis.CrewStatus, string.Empty, string.Empty })]));
        return [.. rows];
    }

    /// <summary>The comparison as JSON: scenarios, then per KPI its values, differences and relative differences.</summary>
    public JsonObject Json() => new()
    {
        ["baseline"] = Names[0],
        ["scenarios"] = new JsonArray([.. Plans.Select(p => (JsonNode?)new JsonObject
        {
            ["name"] = p.Scenario.Name,
            ["serviceDate"] = p.Scenario.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dayType"] = PlanKpiJson.Word(p.Scenario.DayType.ToString()),
            ["season"] = PlanKpiJson.Word(p.Scenario.Season.ToString()),
            ["timetableStatus"] = p.Kpis.TimetableStatus,
            ["blocksStatus"] = p.Kpis.BlocksStatus,
            ["crewStatus"] = p.Kpis.CrewStatus,
        })]),
        ["kpis"] = new JsonArray([.. Rows.Select(r => (JsonNode?)new JsonObject
        {
            ["key"] = r.Column.Key,
            ["label"] = r.Column.Label,
            ["unit"] = r.Column.Unit,
            ["values"] = new JsonArray([.. r.Values.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["differences"] = new JsonArray([.. r.Differences.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["relativeDifferences"] = new JsonArray([.. r.Relative.Select(v => (JsonNode?)(v is { } x ? JsonValue.Create(x) : null))]),
        })]),
    };

    /// <summary>CSV header: <c>kpi,unit</c>, then per scenario its value, and after the first <c>NAME_diff,NAME_rel</c>.</summary>
    public ImmutableArray<string> CsvHeader => ["kpi", "unit", .. Names.SelectMany((n, i) => i == 0 ? [n] : new[] { n, n + "_diff", n + "_rel" })];

    /// <summary>CSV rows in <see cref="CsvHeader"/> order (relative differences as fractions, empty when the baseline is 0).</summary>
    public IEnumerable<string[]> CsvRows() => Rows.Select(r => new[] { r.Column.Key, r.Column.Unit }
        .Concat(Plans.SelectMany((p, i) => i == 0
            ? [r.Column.Text(p.Kpis)]
            : new[]
            {
                r.Column.Text(p.Kpis),
                r.Differences[i].ToString(r.Column.Format, CultureInfo.InvariantCulture),
                r.Relative[i]?.ToString("0.000000", CultureInfo.InvariantCulture) ?? string.Empty,
            })).ToArray());

    /// <summary>The comparison report page (<see cref="HtmlReportWriter.RenderComparison"/>).</summary>
    public string Html() =>
        HtmlReportWriter.RenderComparison($"Comparison: {string.Join(" vs ", Names)}", Headings, TableRows(), [.. Plans.Select(PlanReportMapper.Map)]);
}
