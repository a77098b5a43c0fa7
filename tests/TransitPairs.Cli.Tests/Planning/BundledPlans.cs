using System.Collections.Concurrent;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>
/// Every bundled scenario planned once per test run (<c>transitpairs plan</c> in-process, one thread,
/// at most 10 s per stage: a limit, not a duration; the shared CI cores may be busy), into <c>Root/out/&lt;scenario&gt;/</c>. Shared by the plan tests so that
/// each scenario is solved only once.
/// </summary>
public sealed class BundledPlans : IDisposable
{
    public BundledPlans()
    {
        Root = Directory.CreateTempSubdirectory("tp-plans-").FullName;
        var results = new ConcurrentDictionary<string, (int Code, string Out, string Error)>(StringComparer.Ordinal);
        Parallel.ForEach(Scenarios, new ParallelOptions { MaxDegreeOfParallelism = 2 }, name =>
        {
            results[name] = Cli.Run("plan", ScenarioPath(name), "--out", Folder(name), "--time-limit", "10", "--threads", "1", "--format", "json");
        });
        Results = new Dictionary<string, (int, string, string)>(results, StringComparer.Ordinal);
    }

    /// <summary>The names of the bundled scenarios (file names without .json).</summary>
    public static IReadOnlyList<string> Scenarios { get; } =
        [.. Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    public string Root { get; }

    /// <summary>Exit code, stdout and stderr of each scenario's plan.</summary>
    public IReadOnlyDictionary<string, (int Code, string Out, string Error)> Results { get; }

    public static string ScenarioPath(string name) => Path.Combine(TestPaths.Data, "scenarios", name + ".json");

    public string Folder(string name) => Path.Combine(Root, "out", name);

    public void Dispose()
    {
        // The screenshots (Root/out/screenshots) stay for people to look at; the rest goes.
        foreach (var entry in Directory.GetDirectories(Root).Concat(Directory.GetDirectories(Path.Combine(Root, "out"))))
        {
            if (Path.GetFileName(entry) is not ("out" or "screenshots"))
            {
                Directory.Delete(entry, recursive: true);
            }
        }
    }
}

/// <summary>The host run in-process with captured output.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class BundledPlansCollection : ICollectionFixture<BundledPlans>
{
    public const string Name = "bundled plans";
}
