using System.Collections.Concurrent;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>
/// Every bundled scenario planned once per test run (<c>transitpairs plan</c> in-process, one
/// thread, at most 10 s per stage: a limit, not a duration) with plain blocks (the exact CP-SAT
/// battery stage takes minutes on the bigger corridors), and <see cref="BatteryPlan"/> with the
/// battery-aware blocks, into <c>Root/out/&lt;name&gt;/</c>. Shared so that each is solved once.
/// </summary>
public sealed class BundledPlans : IDisposable
{
    public BundledPlans()
    {
        Root = Directory.CreateTempSubdirectory("tp-plans-").FullName;
        var results = new ConcurrentDictionary<string, (int Code, string Out, string Error)>(StringComparer.Ordinal);
        Parallel.ForEach(Scenarios.Append(BatteryPlan), new ParallelOptions { MaxDegreeOfParallelism = 2 }, name =>
        {
            results[name] = name == BatteryPlan
                ? Cli.Run("plan", ScenarioPath("baishan-tonghua"), "--out", Folder(name), "--time-limit", "10", "--threads", "1", "--format", "json")
                : Cli.Run("plan", ScenarioPath(name), "--out", Folder(name), "--time-limit", "10", "--threads", "1", "--format", "json", "--blocks", "plain");
        });
        Results = new Dictionary<string, (int, string, string)>(results, StringComparer.Ordinal);
    }

    /// <summary>The names of the bundled scenarios (file names without .json).</summary>
    public static IReadOnlyList<string> Scenarios { get; } =
        [.. Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    /// <summary>The battery-aware plan of <c>baishan-tonghua</c> (12 battery buses, 24 trips, two trains to meet).</summary>
    public const string BatteryPlan = "baishan-tonghua-battery";

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
