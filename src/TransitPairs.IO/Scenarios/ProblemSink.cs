using TransitPairs.Validation;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Where each part of a composed scenario came from: for a path of the merged tree
/// (<c>$.corridors.siping-liaoyuan.patterns.express</c>), the file and the path inside that file
/// (<c>corridors/siping-liaoyuan.json</c>, <c>$.patterns.express</c>). Later layers win.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, (string File, string LocalPath)> origins = new(StringComparer.Ordinal);

    public void Set(string mergedPath, string file, string localPath) => origins[mergedPath] = (file, localPath);

    public void SetIfAbsent(string mergedPath, string file, string localPath) => origins.TryAdd(mergedPath, (file, localPath));

    /// <summary>The file and local path of <paramref name="mergedPath"/>: the nearest recorded ancestor plus the rest of the path.</summary>
    public (string File, string LocalPath) Resolve(string mergedPath, string fallbackFile)
    {
        for (var prefix = mergedPath; ; prefix = Parent(prefix))
        {
            if (origins.TryGetValue(prefix, out var origin))
            {
                return (origin.File, origin.LocalPath + mergedPath[prefix.Length..]);
            }

            if (prefix == "$")
            {
                return (fallbackFile, mergedPath);
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }
}

/// <summary>Collects every problem of one load, each placed in the file and at the path it came from.</summary>
internal sealed class ProblemSink(SourceMap sources, string mainFile)
{
    private readonly List<InputProblem> problems = [];
    private readonly List<string> hidden = [];

    public IReadOnlyList<InputProblem> Problems => problems;

    public bool Any => problems.Count > 0;

    public SourceMap Sources => sources;

    /// <summary>A problem at a path of the merged scenario tree.</summary>
    public void At(string mergedPath, string problem, string fix)
    {
        if (hidden.Any(h => mergedPath.StartsWith(h + ".", StringComparison.Ordinal) || mergedPath.StartsWith(h + "[", StringComparison.Ordinal)))
        {
            return;
        }

        var (file, local) = sources.Resolve(mergedPath, mainFile);
        Add(new InputProblem(file, local, problem, fix));
    }

    /// <summary>
    /// Drops later problems inside <paramref name="mergedPath"/>: its content failed to load (an
    /// include that could not be read), so "'name' is missing" there would only repeat that.
    /// </summary>
    public void Hide(string mergedPath) => hidden.Add(mergedPath);

    /// <summary>A problem in a file of its own (CSV, a file that does not parse).</summary>
    public void Add(InputProblem problem)
    {
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }
}
