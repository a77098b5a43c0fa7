using System.Globalization;
using CsvHelper;
using TransitPairs.Corridors;
using TransitPairs.Demand;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Reads demand counts pasted from ticket sales. Hourly max-load counts:
/// <c>hour,direction,passengers</c> (hour 0–47 of the service day; direction <c>outbound</c> or
/// <c>inbound</c>). Segment loads: <c>hour,direction,pattern,from,to,passengers</c>. Lines starting
/// with <c>#</c> are comments (for the source of the figures). Every bad row is reported with its line.
/// </summary>
public static class DemandCsv
{
    private static readonly string[] HourlyColumns = ["hour", "direction", "passengers"];
    private static readonly string[] SegmentColumns = ["hour", "direction", "pattern", "from", "to", "passengers"];

    /// <summary>Reads hourly counts from <paramref name="path"/>; problems go to <paramref name="problems"/>, good rows are returned.</summary>
    public static List<(HourlyDemand Demand, int Line)> ReadHourly(string path, ICollection<InputProblem> problems) =>
        Read(path, HourlyColumns, problems, (row, line, source) =>
        {
            var hour = Hour(row, line, source, problems);
            var direction = DirectionOf(row, line, source, problems);
            var passengers = Passengers(row, line, source, problems);
            return hour is { } h && direction is { } d && passengers is { } p ? (new HourlyDemand(h, d, p), line) : ((HourlyDemand, int)?)null;
        }).OfType<(HourlyDemand, int)>().ToList();

    /// <summary>Reads segment loads from <paramref name="path"/>; problems go to <paramref name="problems"/>, good rows are returned.</summary>
    public static List<(SegmentLoad Load, int Line)> ReadSegments(string path, ICollection<InputProblem> problems)
    {
        var result = new List<(SegmentLoad, int)>();
        Read(path, SegmentColumns, problems, (row, line, source) =>
        {
            var hour = Hour(row, line, source, problems);
            var direction = DirectionOf(row, line, source, problems);
            var passengers = Passengers(row, line, source, problems);
            var pattern = row.GetString("pattern")?.Trim() ?? string.Empty;
            var from = row.GetString("from")?.Trim() ?? string.Empty;
            var to = row.GetString("to")?.Trim() ?? string.Empty;
            if (hour is { } h && direction is { } d && passengers is { } p)
            {
                try
                {
                    result.Add((new SegmentLoad(h, d, pattern, from, to, p), line));
                }
                catch (InvalidValueException e)
                {
                    problems.Add(new InputProblem(source, $"line {line}", $"Column '{e.ParamName}': {e.Problem}", e.Fix));
                }
            }

            return (int?)null;
        });
        return result;
    }

    private static List<T?> Read<T>(string path, string[] columns, ICollection<InputProblem> problems, Func<CsvReader, int, string, T?> readRow)
    {
        var source = ScenarioDocument.Display(path);
        var rows = new List<T?>();
        if (!File.Exists(path))
        {
            problems.Add(new InputProblem(source, string.Empty, Directory.Exists(path) ? "This is a folder, not a demand file." : "The demand file does not exist.", "Check the path (relative to the scenario file's folder)."));
            return rows;
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            CommentPrefix = '#',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
        };
        using var csv = CsvReader.FromFile(path, options);
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 0 || header.All(string.IsNullOrEmpty))
        {
            problems.Add(new InputProblem(source, "line 1", "The file has no header line.", $"Start the file with the header: {string.Join(',', columns)}"));
            return rows;
        }

        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new InputProblem(source, "header", $"The header lacks the column(s) {string.Join(", ", missing)} (found: {string.Join(", ", header)}).",
                $"Use the header: {string.Join(',', columns)}"));
            return rows;
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Count)
            {
                problems.Add(new InputProblem(source, $"line {line}", $"The row has {csv.FieldCount} field(s); the header has {header.Count}.",
                    $"Give one value per column: {string.Join(',', header)}."));
                continue;
            }

            rows.Add(readRow(csv, line, source));
        }

        return rows;
    }

    private static int? Hour(CsvReader row, int line, string source, ICollection<InputProblem> problems)
    {
        var text = row.GetString("hour") ?? string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 47)
        {
            return hour;
        }

        problems.Add(new InputProblem(source, $"line {line}", $"The hour '{text}' is not a whole number from 0 to 47.", "Write the hour of the service day, e.g. 7 for 07:00–07:59 (24 and later after midnight)."));
        return null;
    }

    private static Direction? DirectionOf(CsvReader row, int line, string source, ICollection<InputProblem> problems)
    {
        var text = row.GetString("direction") ?? string.Empty;
        if (JsonScope.TryEnum<Direction>(text, out var direction))
        {
            return direction;
        }

        problems.Add(new InputProblem(source, $"line {line}", $"The direction '{text}' is neither outbound nor inbound.", "Write 'outbound' (terminal A → B) or 'inbound' (B → A)."));
        return null;
    }

    private static int? Passengers(CsvReader row, int line, string source, ICollection<InputProblem> problems)
    {
        var text = row.GetString("passengers") ?? string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var passengers))
        {
            return passengers;
        }

        problems.Add(new InputProblem(source, $"line {line}", $"The passenger count '{text}' is not a whole number of 0 or more.", "Write a count such as 42."));
        return null;
    }
}
