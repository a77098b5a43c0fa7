using System.Collections.Immutable;
using System.Text.Json.Nodes;
using TransitPairs.Scenarios;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scenarios;

/// <summary>The outcome of reading a scenario: the scenario when it is valid, and every problem found.</summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<InputProblem> Problems)
{
    public bool IsValid => Scenario is not null && Problems.Count == 0;
}

/// <summary>
/// Loads scenario files (JSON, see <c>data/README.md</c> for the format): follows <c>base</c>
/// scenarios, applies overrides, includes corridor and vehicle-type files, reads demand CSVs, and
/// checks everything, reporting every problem with its file and JSON path or CSV line.
/// </summary>
public static class ScenarioLoader
{
    private static readonly IReadOnlyDictionary<string, string> NoOverrides = ImmutableDictionary<string, string>.Empty;

    /// <summary>Loads the scenario at <paramref name="path"/>; throws <see cref="InputException"/> with every problem when it is not valid.</summary>
    public static Scenario Load(string path) => Load(path, NoOverrides);

    /// <summary>
    /// Loads the scenario at <paramref name="path"/> with dotted-key <paramref name="overrides"/>
    /// applied after its base chain (e.g. <c>demand.scale=1.2</c>, <c>season=winter</c>,
    /// <c>fleet.siping-depot.e12-422=10</c>; see <see cref="JsonMerge.ApplyOverrides"/>).
    /// Throws <see cref="InputException"/> with every problem when it is not valid.
    /// </summary>
    public static Scenario Load(string path, IReadOnlyDictionary<string, string> overrides)
    {
        var result = Validate(path, overrides);
        return result.IsValid ? result.Scenario! : throw new InputException(result.Problems);
    }

    /// <summary>Reads and checks the scenario without throwing for bad input.</summary>
    public static ScenarioLoadResult Validate(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = ScenarioDocument.Compose(path, overrides ?? NoOverrides);
        if (document.Root is null)
        {
            return new ScenarioLoadResult(null, document.Problems.Problems);
        }

        var scenario = new ScenarioReader(document).Read();
        if (scenario is null && !document.Problems.Any)
        {
            // Every reader that gives up records why; this is the net under a reader that forgot.
            document.Problems.Add(new InputProblem(document.MainFile, "$", "The scenario could not be read.", "Run with TRANSITPAIRS_DEBUG=1 and report the scenario: a check is missing its message."));
        }

        var problems = document.Problems.Problems;
        return new ScenarioLoadResult(problems.Count == 0 ? scenario : null, problems);
    }

    /// <summary>The composed JSON of a scenario (bases merged, overrides applied, includes inlined), for showing or diffing.</summary>
    public static JsonObject? Compose(string path, IReadOnlyDictionary<string, string>? overrides = null) =>
        ScenarioDocument.Compose(path, overrides ?? NoOverrides).Root;
}

/// <summary>Loads <c>data/calendar.json</c>: public holidays, make-up working days, the Spring Festival peak and seasons.</summary>
public static class CalendarLoader
{
    /// <summary>Loads the calendar at <paramref name="path"/>; throws <see cref="InputException"/> with every problem.</summary>
    public static ServiceCalendar Load(string path)
    {
        var problems = new List<InputProblem>();
        var calendar = Read(Path.GetFullPath(path), problems);
        return problems.Count == 0 && calendar is not null ? calendar : throw new InputException(problems);
    }

    internal static ServiceCalendar? Read(string fullPath, ICollection<InputProblem> problems)
    {
        var sources = new SourceMap();
        var display = ScenarioDocument.Display(fullPath);
        var sink = new ProblemSink(sources, display);
        ServiceCalendar? calendar = null;
        if (!File.Exists(fullPath))
        {
            sink.Add(new InputProblem(display, string.Empty, Directory.Exists(fullPath) ? "This is a folder, not the calendar file." : "The calendar file does not exist.", "Point 'calendar' at data/calendar.json or a copy of it."));
        }
        else
        {
            var document = ScenarioDocument.Parse(fullPath, sink);
            if (document is not null)
            {
                calendar = new ScenarioReader.CalendarReader(new JsonScope(document, "$", sink)).Read();
            }
        }

        foreach (var p in sink.Problems)
        {
            problems.Add(p);
        }

        return sink.Any ? null : calendar;
    }
}
