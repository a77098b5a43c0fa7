using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using TransitPairs.Duties;
using TransitPairs.Validation;
using TokenStream = TransitPairs.IO.Scheduling.MdvspInstanceReader.TokenStream;

namespace TransitPairs.IO.Duties;

/// <summary>Which public crew format a file is in.</summary>
public enum CrewFormat
{
    /// <summary>Beasley–Cao <c>cspN.txt[.gz]</c>.</summary>
    BeasleyCao,

    /// <summary>CSPLib problem 22 set partitioning (<c>NAME.gz</c>).</summary>
    SetPartitioning,

    /// <summary>The OR-Tools bus driver example's shift CSV.</summary>
    ShiftCsv,
}

/// <summary>
/// Reads the public crew-scheduling formats (see <c>benchmarks/instances/crew/README.md</c>); plain or
/// gzipped, detected from the content. Problems name the file and the line.
/// </summary>
public static class CrewInstanceReader
{
    /// <summary>The format of <paramref name="path"/>: <c>.csv</c> → shift CSV; a name starting with <c>csp</c> → Beasley–Cao; otherwise set partitioning.</summary>
    public static CrewFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return CrewFormat.ShiftCsv;
        }

        return name.StartsWith("csp", StringComparison.OrdinalIgnoreCase) ? CrewFormat.BeasleyCao : CrewFormat.SetPartitioning;
    }

    /// <summary>Beasley–Cao: <c>N T</c>; N lines <c>start finish</c>; then <c>i j c</c> arcs (1-based) to the end.</summary>
    public static BeasleyCaoInstance ReadBeasleyCao(string path)
    {
        var tokens = new TokenStream(path);
        var n = tokens.NextInt("the number of tasks", min: 1);
        var span = tokens.NextInt("the longest duty span", min: 0);
        var tasks = ImmutableArray.CreateBuilder<CrewTask>(n);
        for (var i = 0; i < n; i++)
        {
            var line = tokens.Line;
            var start = tokens.NextInt($"task {i + 1}'s start", min: 0);
            var end = tokens.NextInt($"task {i + 1}'s finish", min: 0);
            if (end < start)
            {
                throw new InputException(new InputProblem(path, $"line {line}", $"task {i + 1} finishes at {end}, before it starts at {start}.", "Correct the task's times."));
            }

            tasks.Add(new CrewTask(start, end));
        }

        var arcs = ImmutableArray.CreateBuilder<CrewArc>();
        while (tokens.HasMore)
        {
            var line = tokens.Line;
            var from = tokens.NextInt("an arc's first task", 1, n) - 1;
            var to = tokens.NextInt("an arc's second task", 1, n) - 1;
            var cost = tokens.NextInt("an arc's cost", min: 0);
            if (tasks[to].StartMinute < tasks[from].EndMinute || to <= from)
            {
                throw new InputException(new InputProblem(path, $"line {line}", $"task {to + 1} cannot follow task {from + 1}: it starts before task {from + 1} finishes or comes earlier in the list.", "Remove the arc or correct the times."));
            }

            arcs.Add(new CrewArc(from, to, cost));
        }

        return new BeasleyCaoInstance(NameOf(path), span, tasks.MoveToImmutable(), arcs.ToImmutable());
    }

    /// <summary>CSPLib 22: <c>rows columns k</c>, then per candidate shift <c>cost m p1 … pm</c> (0-based pieces).</summary>
    public static SetPartitioningInstance ReadSetPartitioning(string path)
    {
        var tokens = new TokenStream(path);
        var rows = tokens.NextInt("the number of pieces of work", min: 1);
        var columns = tokens.NextInt("the number of candidate shifts", min: 0);
        var best = tokens.NextInt("the shifts of the published solution", min: 0);
        var shifts = ImmutableArray.CreateBuilder<CandidateShift>(columns);
        for (var c = 0; c < columns; c++)
        {
            var line = tokens.Line;
            var cost = tokens.NextInt($"shift {c}'s cost", min: 0);
            var m = tokens.NextInt($"shift {c}'s number of pieces", 1, rows);
            var pieces = new int[m];
            for (var p = 0; p < m; p++)
            {
                pieces[p] = tokens.NextInt($"a piece of shift {c}", 0, rows - 1);
            }

            if (pieces.Distinct().Count() != m)
            {
                throw new InputException(new InputProblem(path, $"line {line}", $"shift {c} names a piece twice.", "List each piece of a shift once."));
            }

            shifts.Add(new CandidateShift(cost, [.. pieces]));
        }

        tokens.ExpectEnd();
        return new SetPartitioningInstance(NameOf(path), rows, shifts.MoveToImmutable(), best);
    }

    /// <summary>The OR-Tools example's CSV <c>shift_id,start_minute,end_minute,duration_minutes</c>, under the example's rules.</summary>
    public static ShiftDayInstance ReadShifts(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, string.Empty, "The file does not exist.", "Check the path."));
        }

        string[] required = ["shift_id", "start_minute", "end_minute", "duration_minutes"];
        var problems = new List<InputProblem>();
        var pieces = ImmutableArray.CreateBuilder<ShiftPiece>();
        using (var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true }))
        {
            csv.ReadHeader();
            var missing = required.Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InputException(new InputProblem(path, "line 1", $"the header lacks the column(s) {string.Join(", ", missing)}.", $"Use the header {string.Join(',', required)}."));
            }

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                int? Whole(string column)
                {
                    var text = csv.GetString(column);
                    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    {
                        return v;
                    }

                    problems.Add(new InputProblem(path, $"line {line}", $"{column} '{text}' is not a whole number of minutes.", $"Write {column} as 0, 1, 2, …"));
                    return null;
                }

                var id = Whole("shift_id");
                var start = Whole("start_minute");
                var end = Whole("end_minute");
                var duration = Whole("duration_minutes");
                if (id is null || start is null || end is null || duration is null)
                {
                    continue;
                }

                if (end < start || duration > end - start)
                {
                    problems.Add(new InputProblem(path, $"line {line}", $"piece {id} runs {start}–{end} with {duration} min of driving.", "Make end_minute ≥ start_minute and duration_minutes ≤ end − start."));
                    continue;
                }

                pieces.Add(new ShiftPiece(id.Value, start.Value, end.Value, duration.Value));
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return new ShiftDayInstance(NameOf(path), pieces.ToImmutable(), new ShiftDayRules());
    }

    private static string NameOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".gz", ".txt", ".csv" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return name;
    }
}
