namespace TransitPairs.TestSupport;

/// <summary>
/// Where the tests find the repository's <c>data/</c> and the shared benchmark files. The shared
/// folder sits beside the repository (<c>../shared</c>); a user's fresh clone may not have it,
/// so tests that need it use <see cref="SharedBenchmarksFactAttribute"/> and skip with a reason.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>TransitPairs.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>data/</c> of the repository.</summary>
    public static string Data => Path.Combine(RepositoryRoot, "data");

    /// <summary><c>../shared/benchmarks</c> beside the repository, or null when it is absent.</summary>
    public static string? SharedBenchmarks
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("TRANSITPAIRS_SHARED_BENCHMARKS");
            var path = !string.IsNullOrEmpty(overridden)
                ? overridden
                : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "benchmarks"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The shared benchmarks folder; throws when absent (use the skip attributes first).</summary>
    public static string RequireSharedBenchmarks(params string[] parts) =>
        Path.Combine([SharedBenchmarks ?? throw new InvalidOperationException(SharedBenchmarksFactAttribute.Reason), .. parts]);

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

/// <summary>A fact that needs <c>../shared/benchmarks</c>; skipped, with the reason shown, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedBenchmarksFactAttribute : FactAttribute
{
    public const string Reason =
        "needs ../shared/benchmarks beside the repository (public benchmark instances; not part of a fresh clone). Set TRANSITPAIRS_SHARED_BENCHMARKS to its path to run.";

    public SharedBenchmarksFactAttribute()
    {
        if (TestPaths.SharedBenchmarks is null)
        {
            Skip = Reason;
        }
    }
}

/// <summary>A theory that needs <c>../shared/benchmarks</c>; skipped, with the reason shown, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedBenchmarksTheoryAttribute : TheoryAttribute
{
    public SharedBenchmarksTheoryAttribute()
    {
        if (TestPaths.SharedBenchmarks is null)
        {
            Skip = SharedBenchmarksFactAttribute.Reason;
        }
    }
}
