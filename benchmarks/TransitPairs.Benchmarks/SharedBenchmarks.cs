namespace TransitPairs.Benchmarks;

/// <summary>
/// Where the benchmarks find the repository's <c>data/</c> and the public instances of
/// <c>benchmarks/instances</c>. BenchmarkDotNet runs each benchmark from a generated folder under
/// <c>bin/</c>, so both are found by walking up from the running assembly.
/// </summary>
internal static class SharedBenchmarks
{
    /// <summary>Names the variable that points at another copy of the instances, laid out like <c>benchmarks/instances</c>.</summary>
    public const string Variable = "TRANSITPAIRS_SHARED_BENCHMARKS";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>TransitPairs.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>data/</c> of the repository.</summary>
    public static string Data => Path.Combine(RepositoryRoot, "data");

    /// <summary>
    /// The public instances: <see cref="Variable"/> when set, else <c>benchmarks/instances</c> of the
    /// repository (they ship with it; origins in its <c>SOURCES.md</c>); null when absent.
    /// </summary>
    public static string? Folder
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(Variable);
            var folder = !string.IsNullOrEmpty(overridden) ? overridden : Path.Combine(RepositoryRoot, "benchmarks", "instances");
            return Directory.Exists(folder) ? folder : null;
        }
    }

    /// <summary>A sub-folder of the instances (e.g. <c>mdvsp/pepin2009</c>), or null when absent.</summary>
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
        $"{what}: skipped, {Folder ?? Path.Combine(RepositoryRoot, "benchmarks", "instances")} not found (the public instances ship in benchmarks/instances/; {Variable}, when set, must name a folder laid out the same way).";

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
