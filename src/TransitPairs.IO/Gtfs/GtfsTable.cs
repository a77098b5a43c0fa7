using System.Globalization;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// What went wrong while reading a feed: errors make the read fail (every one listed), warnings
/// are reported and the row they name is skipped. The rule for which is which is in docs/gtfs.md.
/// </summary>
internal sealed class GtfsProblems(string feedName)
{
    /// <summary>Errors kept for the message; the rest are counted (a broken 300,000-row file must not flood the terminal).</summary>
    public const int MaxErrorsListed = 100;

    private readonly List<InputProblem> _errors = [];
    private readonly List<InputProblem> _warnings = [];
    private int _errorsNotListed;

    public string FeedName { get; } = feedName;

    public IReadOnlyList<InputProblem> Warnings => _warnings;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Errors so far, listed or not: a change tells that the row just read was bad.</summary>
    public int ErrorCount => _errors.Count + _errorsNotListed;

    public string Source(string file) => $"{FeedName}/{file}";

    public void Error(string file, string location, string problem, string fix)
    {
        if (_errors.Count < MaxErrorsListed)
        {
            _errors.Add(new InputProblem(Source(file), location, problem, fix));
        }
        else
        {
            _errorsNotListed++;
        }
    }

    public void Warning(string file, string location, string problem, string fix) =>
        _warnings.Add(new InputProblem(Source(file), location, problem, fix));

    /// <summary>Throws <see cref="InputException"/> with every error when there is one.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        var all = new List<InputProblem>(_errors);
        if (_errorsNotListed > 0)
        {
            all.Add(new InputProblem(FeedName, string.Empty,
                $"{_errorsNotListed} more problems of the kinds above are not listed.", "Fix the ones listed and read the feed again."));
        }

        throw new InputException(all);
    }
}

/// <summary>
/// Reads one GTFS file row by row with CsvHelper: UTF-8 with or without a byte-order mark, quoted
/// fields, spaces around values and header names trimmed, columns found by header name (optional
/// columns may be absent, unknown ones are ignored). Values are read as text and parsed here so
/// that a bad value becomes a problem with its line, not an exception.
/// </summary>
internal sealed class GtfsTable : IDisposable
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly GtfsProblems _problems;

    public GtfsTable(GtfsSource source, string file, GtfsProblems problems)
    {
        File = file;
        _problems = problems;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => problems.Error(file, $"line {record.LineNumber}",
                $"The row is not well-formed CSV ({record.Reason}).", "Quote a field that holds a comma or a quote, and double every quote inside it (\"\")."),
        };
        _csv = CsvReader.Create(source.OpenFile(file), options, leaveOpen: false);
        var header = _csv.Headers;
        for (var i = 0; i < header.Count; i++)
        {
            // A byte-order mark that survived a second encoding pass, or spaces, must not hide a column.
            _columns.TryAdd(header[i].Trim().Trim('\uFEFF').ToLowerInvariant(), i);
        }
    }

    public string File { get; }

    /// <summary>The line of the current row, as a text editor numbers it (the header is line 1).</summary>
    public string Location => $"line {LineNumber}";

    /// <summary>The line number of the current row (the header is line 1).</summary>
    public int LineNumber => (int)_csv.LineNumber;

    public bool HasColumn(string column) => _columns.ContainsKey(column);

    /// <summary>Reports every required column that is missing; true when all are there.</summary>
    public bool RequireColumns(params string[] columns)
    {
        var ok = true;
        foreach (var column in columns)
        {
            if (!HasColumn(column))
            {
                _problems.Error(File, string.Empty, $"The required column '{column}' is missing.",
                    $"Add the column '{column}' to the header line, as the GTFS reference defines it.");
                ok = false;
            }
        }

        return ok;
    }

    public bool Read() => _csv.Read();

    /// <summary>The trimmed value of <paramref name="column"/>, or null when the column is absent or the value empty.</summary>
    public string? Optional(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= _csv.FieldCount)
        {
            return null;
        }

        var value = _csv.GetString(index)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The value of a required field; reports the row and returns null when it is empty.</summary>
    public string? Required(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            Error($"{column} is empty.", $"Give every row a {column}.");
        }

        return value;
    }

    public void Error(string problem, string fix) => _problems.Error(File, Location, problem, fix);

    public void Warning(string problem, string fix) => _problems.Warning(File, Location, problem, fix);

    public int? OptionalInt(string column, int min, int max)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error($"{column} '{text}' is not a whole number from {min} to {max}.", $"Write {column} as a whole number from {min} to {max}.");
        return null;
    }

    public int? RequiredInt(string column, int min, int max)
    {
        var value = Required(column);
        return value is null ? null : OptionalInt(column, min, max);
    }

    public double? OptionalDouble(string column, double min, double max)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error($"{column} '{text}' is not a number from {min} to {max}.", $"Write {column} as a decimal number with a point, from {min} to {max}.");
        return null;
    }

    public LocalDate? OptionalDate(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        var parsed = DatePattern.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        Error($"{column} '{text}' is not a date YYYYMMDD.", $"Write {column} as YYYYMMDD, for example 20260301.");
        return null;
    }

    public LocalDate? RequiredDate(string column) => Required(column) is null ? null : OptionalDate(column);

    /// <summary>A time HH:MM:SS (hours may pass 24); null when empty; reported when unreadable.</summary>
    public ServiceTime? OptionalTime(string column, out bool bad)
    {
        bad = false;
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        if (ServiceTime.TryParse(text, out var time))
        {
            return time;
        }

        bad = true;
        Error($"{column} '{text}' is not a time HH:MM:SS.",
            $"Write {column} as HH:MM:SS; hours may pass 24 for trips after midnight (25:10:00), up to 48:00:00.");
        return null;
    }

    public void Dispose() => _csv.Dispose();
}
