using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using TransitPairs.Planning;
using TransitPairs.Validation;

namespace TransitPairs.IO.Planning;

/// <summary>
/// The rows of a sweep, one per variant: <c>variant</c> (1-based), <c>variants</c> (the grid's
/// size), the value of every varied key, <c>status</c> (<c>ok</c> or <c>infeasible</c>), the KPI
/// columns of <see cref="PlanKpis.Columns"/> (empty when infeasible) and the two solver statuses.
/// Only figures that repeat for the same inputs are in it (no wall-clock seconds), so that slices
/// merged give exactly the unsharded table. CSV or JSON (an array of objects; numbers as numbers).
/// </summary>
public sealed class SweepTable
{
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    public SweepTable(IEnumerable<string> header, IEnumerable<ImmutableArray<string>> rows)
    {
        Header = [.. header];
        Rows = [.. rows.OrderBy(r => int.Parse(r[0], CultureInfo.InvariantCulture))];
        if (Header.Length < 2 || Header[0] != "variant" || Header[1] != "variants" || Rows.Any(r => r.Length != Header.Length))
        {
            throw new ArgumentException("A sweep table starts with the columns variant and variants, and every row fills every column.", nameof(header));
        }
    }

    public ImmutableArray<string> Header { get; }

    /// <summary>Rows in variant order, each aligned with <see cref="Header"/>.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows { get; }

    /// <summary>The columns after the varied keys.</summary>
    public static ImmutableArray<string> ResultColumns { get; } = ["status", .. PlanKpis.Columns.Select(c => c.Key), "timetableStatus", "blocksStatus", "crewStatus"];

    /// <summary>The header of a sweep over <paramref name="grid"/>.</summary>
    public static ImmutableArray<string> HeaderOf(SweepGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return ["variant", "variants", .. grid.Axes.Select(a => a.Key), .. ResultColumns];
    }

    /// <summary>The row of a variant: its KPIs, or status <c>infeasible</c> with empty KPIs when <paramref name="kpis"/> is null.</summary>
    public static ImmutableArray<string> Row(SweepGrid grid, SweepVariant variant, PlanKpis? kpis)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(variant);
        string[] results = kpis is null
            ? ["infeasible", .. PlanKpis.Columns.Select(_ => string.Empty), string.Empty, string.Empty, string.Empty]
            : ["ok", .. PlanKpis.Columns.Select(c => c.Text(kpis)), kpis.TimetableStatus, kpis.BlocksStatus, kpis.CrewStatus];
        return [variant.Number.ToString(CultureInfo.InvariantCulture), grid.Count.ToString(CultureInfo.InvariantCulture), .. variant.Values, .. results];
    }

    /// <summary>Writes the table as CSV or JSON (<paramref name="format"/> <c>csv</c> or <c>json</c>).</summary>
    public void Write(TextWriter writer, string format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (format == "json")
        {
            var array = new JsonArray([.. Rows.Select(r => (JsonNode?)new JsonObject(Header.Select((h, i) => KeyValuePair.Create(h, Cell(h, r[i])))))]);
            writer.Write(array.ToJsonString(PlanKpiJson.Options));
            writer.Write('\n');
            return;
        }

        using var csv = CsvWriter.Create(writer, CsvOptions, leaveOpen: true);
        csv.WriteHeader([.. Header]);
        foreach (var row in Rows)
        {
            csv.WriteRecord([.. row]);
        }
    }

    private static JsonNode? Cell(string column, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var numeric = column is "variant" or "variants" || PlanKpis.Columns.Any(c => c.Key == column)
            || (!ResultColumns.Contains(column) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains('e', StringComparison.OrdinalIgnoreCase));
        return numeric ? JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) : JsonValue.Create(text);
    }

    /// <summary>Reads a table written by <see cref="Write"/> (CSV or JSON, told apart by the first character).</summary>
    public static SweepTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, string.Empty, Directory.Exists(path) ? "This is a folder, not a file." : "The file does not exist.", "Give the files the shards wrote."));
        }

        var text = File.ReadAllText(path);
        try
        {
            return text.TrimStart().StartsWith('[') ? ReadJson(text) : ReadCsv(text);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InputException(new InputProblem(path, string.Empty, $"This is not a sweep table: {e.Message}", "Give the CSV or JSON files written by 'transitpairs sweep'."));
        }
    }

    private static SweepTable ReadJson(string text)
    {
        var rows = JsonNode.Parse(text)!.AsArray().Select(n => n!.AsObject()).ToList();
        if (rows.Count == 0)
        {
            throw new FormatException("it has no rows");
        }

        var header = rows[0].Select(kv => kv.Key).ToList();
        return new SweepTable(header, rows.Select(r => header.Select(h => r[h] switch
        {
            null => string.Empty,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var v => v.ToJsonString(),
        }).ToImmutableArray()));
    }

    private static SweepTable ReadCsv(string text)
    {
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { Separator = ',' });
        csv.ReadHeader();
        var header = csv.Headers.ToList();
        var rows = new List<ImmutableArray<string>>();
        while (csv.Read())
        {
            rows.Add([.. header.Select(h => csv.GetString(h) ?? string.Empty)]);
        }

        return new SweepTable(header, rows);
    }

    /// <summary>
    /// Joins slices of one sweep: same header, no variant twice, and together every variant from 1
    /// to the grid's size. The result is the unsharded table.
    /// </summary>
    public static SweepTable Merge(IReadOnlyList<(string Path, SweepTable Table)> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var problems = new List<InputProblem>();
        if (slices.Count == 0)
        {
            throw new InputException(new InputProblem("--merge", string.Empty, "No files to merge.", "Give the files the shards wrote."));
        }

        var header = slices[0].Table.Header;
        foreach (var (path, table) in slices.Where(s => !s.Table.Header.SequenceEqual(header)))
        {
            problems.Add(new InputProblem(path, "header", $"The columns differ from {slices[0].Path}.", "Merge only slices of the same sweep."));
        }

        var rows = slices.SelectMany(s => s.Table.Rows.Select(r => (s.Path, Row: r))).ToList();
        foreach (var twice in rows.GroupBy(r => r.Row[0]).Where(g => g.Count() > 1))
        {
            problems.Add(new InputProblem(string.Join(", ", twice.Select(t => t.Path).Distinct()), $"variant {twice.Key}", "The variant appears more than once.", "Give each shard's file once."));
        }

        var sizes = rows.Select(r => r.Row[1]).Distinct().ToList();
        if (problems.Count == 0 && sizes.Count == 1)
        {
            var size = int.Parse(sizes[0], CultureInfo.InvariantCulture);
            var missing = Enumerable.Range(1, size).Except(rows.Select(r => int.Parse(r.Row[0], CultureInfo.InvariantCulture))).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new InputProblem("--merge", string.Empty, $"{missing.Count} of {size} variants are missing (first: {missing[0]}).", "Give the files of every shard."));
            }
        }
        else if (sizes.Count > 1)
        {
            problems.Add(new InputProblem("--merge", string.Empty, $"The slices come from grids of different sizes ({string.Join(", ", sizes)}).", "Merge only slices of the same sweep."));
        }

        return problems.Count > 0 ? throw new InputException(problems) : new SweepTable(header, rows.Select(r => r.Row));
    }
}
