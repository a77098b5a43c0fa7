using System.Collections.Concurrent;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>
/// Every bundled scenario (every file in <c>data/scenarios</c>) planned once per test run as an
/// analyst would: <c>transitpairs plan</c> in-process, one thread, battery-aware blocks where the
/// fleet has battery buses, a wall-clock budget of <see cref="TimeLimitSeconds"/> s for the whole
/// plan (a limit, not a duration: most finish far sooner); plus <see cref="PlainPlan"/>, Siping–Liaoyuan
/// with plain blocks. Into <c>Root/out/&lt;name&gt;/</c>; shared so that each is solved once.
/// </summary>
public sealed class BundledPlans : IDisposable
{
    /// <summary>
    /// The budget of each plan, seconds. The battery stage has a constructive plan from the start, also
    /// where the driver rule leaves the last trips to buses based where they end (the Baicheng–Songyuan
    /// battery days) or the fleet at a depot is tight (the Changchun–Jilin-like winter day; see
    /// <see cref="ShortLimitBatteryPlans"/>). 8 s lets column generation and CP-SAT improve it on a
    /// loaded two-core machine. Days over 40 trips (pruned, never proven optimal) use all of it.
    /// </summary>
    public const int TimeLimitSeconds = 8;

    /// <summary>
    /// The budget of a second attempt, seconds, for a plan that stopped at <see cref="TimeLimitSeconds"/>
    /// without a plan and with "more time" among its remedies (a clock cut, not a proof): on a CI
    /// machine running four test assemblies at once the first budget can buy too little CPU. These
    /// tests check the files of a plan, not how fast it comes; the time limit's own behaviour is tested
    /// in <c>PlanCommandTests</c>.
    /// </summary>
    public const int RetryTimeLimitSeconds = 60;

    public BundledPlans()
    {
        Root = Directory.CreateTempSubdirectory("tp-plans-").FullName;
        var results = new ConcurrentDictionary<string, (int Code, string Out, string Error)>(StringComparer.Ordinal);
        Parallel.ForEach(Scenarios.Append(PlainPlan), new ParallelOptions { MaxDegreeOfParallelism = 2 }, name =>
        {
            var result = PlanOnce(name, TimeLimitSeconds);
            if (result.Code == 1 && result.Error.Contains("more time: --time-limit", StringComparison.Ordinal))
            {
                result = PlanOnce(name, RetryTimeLimitSeconds);
            }

            results[name] = result;
        });
        Results = new Dictionary<string, (int, string, string)>(results, StringComparer.Ordinal);
    }

    private (int Code, string Out, string Error) PlanOnce(string name, int seconds)
    {
        var limit = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name == PlainPlan
            ? Cli.Run("plan", ScenarioPath("siping-liaoyuan"), "--out", Folder(name), "--time-limit", limit, "--threads", "1", "--format", "json", "--blocks", "plain")
            : Cli.Run("plan", ScenarioPath(name), "--out", Folder(name), "--time-limit", limit, "--threads", "1", "--format", "json");
    }

    /// <summary>The names of the bundled scenarios (file names without .json), found in the folder.</summary>
    public static IReadOnlyList<string> Scenarios { get; } =
        [.. Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    /// <summary>The plan of <c>siping-liaoyuan</c> with plain blocks (fewest vehicles exactly, energy not checked).</summary>
    public const string PlainPlan = "siping-liaoyuan-plain";

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
