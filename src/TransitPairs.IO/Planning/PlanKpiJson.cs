using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TransitPairs.Planning;

namespace TransitPairs.IO.Planning;

/// <summary>
/// KPIs as JSON and as table rows, from <see cref="PlanKpis.Columns"/> only, so that <c>plan</c>,
/// <c>compare</c>, <c>sweep</c> and the report show the same figures rounded the same way.
/// </summary>
public static class PlanKpiJson
{
    /// <summary>Indented, camelCase, Chinese characters kept as they are.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The KPI columns as a JSON object: key → value rounded as printed.</summary>
    public static JsonObject Values(PlanKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var values = new JsonObject();
        foreach (var column in PlanKpis.Columns)
        {
            values[column.Key] = column.Rounded(kpis);
        }

        values["timetableStatus"] = kpis.TimetableStatus;
        values["blocksStatus"] = kpis.BlocksStatus;
        values["crewStatus"] = kpis.CrewStatus;
        values["energyChecked"] = kpis.EnergyChecked;
        return values;
    }

    /// <summary>The content of <c>kpis.json</c>: which plan, its KPIs, solver seconds and the cost model.</summary>
    public static JsonObject Document(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var s = plan.Scenario;
        return new JsonObject
        {
            ["scenario"] = s.Name,
            ["serviceDate"] = s.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dayType"] = Word(s.DayType.ToString()),
            ["season"] = Word(s.Season.ToString()),
            ["kpis"] = Values(plan.Kpis),
            ["units"] = new JsonObject(PlanKpis.Columns.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Unit)))),
            ["solverSeconds"] = Math.Round(plan.Kpis.SolverSeconds, 3),
            ["notes"] = new JsonArray([.. plan.Notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
        };
    }

    /// <summary><c>SpringFestival</c> → <c>springFestival</c>.</summary>
    public static string Word(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
