namespace TransitPairs.TestSupport;

/// <summary>
/// Where the tests find the repository's <c>data/</c> and the public benchmark instances. The
/// instances ship inside the repository (<c>benchmarks/instances/</c>, origins in its
/// <c>SOURCES.md</c>), so a fresh clone runs every test; <c>TRANSITPAIRS_SHARED_BENCHMARKS</c>
/// may point at another copy laid out the same way.
/// </summary>
internal static class TestPaths
{
    /// <summary>Names the variable that points at another instance folder.</summary>
    public const string InstancesVariable = "TRANSITPAIRS_SHARED_BENCHMARKS";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>TransitPairs.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>data/</c> of the repository.</summary>
    public static string Data => Path.Combine(RepositoryRoot, "data");

    /// <summary>
    /// The benchmark instances: <see cref="InstancesVariable"/> when set, else
    /// <c>benchmarks/instances</c> of the repository.
    /// </summary>
    public static string Instances
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(InstancesVariable);
            return !string.IsNullOrEmpty(overridden)
                ? Path.GetFullPath(overridden)
                : Path.Combine(RepositoryRoot, "benchmarks", "instances");
        }
    }

    /// <summary>A file of the benchmark instances (e.g. <c>Instance("gtfs", "kart.zip")</c>); throws, naming it, when it is missing.</summary>
    public static string Instance(params string[] parts)
    {
        var path = Path.Combine([Instances, .. parts]);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{path} is missing: the benchmark instances ship in benchmarks/instances/ (see its SOURCES.md); {InstancesVariable}, when set, must point at a folder laid out the same way.",
                path);
    }

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
