namespace TransitPairs.Benchmarks;

/// <summary>
/// Where the benchmarks find the repository's <c>data/</c> and the public instances of
/// <c>../shared/benchmarks</c>. BenchmarkDotNet runs each benchmark from a generated folder under
/// <c>bin/</c>, so both are found by walking up from the running assembly.
/// </summary>
internal static class SharedBenchmarks
{
    /// <summary>Names the variable that points at the shared folder when it is not beside the repository.</summary>
    public const string Variable = "TRANSITPAIRS_SHARED_BENCHMARKS";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>TransitPairs.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>data/</c> of the repository.</summary>
    public static string Data => Path.Combine(RepositoryRoot, "data");

    /// <summary>
    /// The shared benchmarks folder: <see cref="Variable"/> when set, else the first
    /// <c>shared/benchmarks</c> beside the repository or beside one of its parent folders (a git
    /// worktree under <c>wt/</c> sees the same folder as the main clone); null when absent.
    /// </summary>
    public static string? Folder
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return Directory.Exists(overridden) ? overridden : null;
            }

            for (var dir = Directory.GetParent(RepositoryRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "benchmarks");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>A sub-folder of the shared benchmarks (e.g. <c>mdvsp/pepin2009</c>), or null when absent.</summary>
    public static string? SubFolder(params string[] parts)
    {
        if (Folder is not { } folder)
        {
            return null;
        }

        var path = Path.Combine([folder, .. parts]);
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>The sentence printed when a benchmark or the quality table skips the public instances.</summary>
    public static string AbsentMessage(string what) =>
        $"{what}: skipped, ../shared/benchmarks not found beside the repository (public instances, not part of a fresh clone). Set {Variable} to its path to include it.";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TransitPairs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TransitPairs.sln not found above " + AppContext.BaseDirectory);
    }
}
