using System.Diagnostics;
using TransitPairs.IO.Planning;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;

namespace TransitPairs.Cli.Tests.Planning;

/// <summary>A plan that fails or is killed leaves the previous plan folder exactly as it was.</summary>
[Collection(BundledPlansCollection.Name)]
public sealed class PlanFailureTests(BundledPlans plans)
{
    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes, StringComparer.Ordinal);

    private static void AssertSame(Dictionary<string, byte[]> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(after[kv.Key]), $"{kv.Key} changed"));
    }

    /// <summary>A copy of a bundled plan's folder, as an earlier run would have left it.</summary>
    private string EarlierPlan(string name)
    {
        var folder = Path.Combine(plans.Root, "earlier-" + Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(plans.Folder(name)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    [Fact]
    public void Write_OutputStepFailsAfterSomeFiles_PreviousPlanUntouchedAndNoTemporaryLeft()
    {
        var folder = EarlierPlan("siping-liaoyuan");
        var before = Snapshot(folder);
        var scenario = ScenarioLoader.Load(BundledPlans.ScenarioPath("siping-liaoyuan-winter"));
        var winter = Planner.Plan(scenario, PlanSolveOptions.From(scenario, 10, 1, 1, BlockStage.Plain)).Plan;

        var failure = Assert.Throws<IOException>(() => PlanFolder.Replace(folder, temp =>
        {
            PlanOutputs.WriteFiles(winter, temp);
            throw new IOException("disk full (simulated after every file was written)");
        }));

        Assert.Contains("disk full", failure.Message, StringComparison.Ordinal);
        AssertSame(before, folder);
        Assert.Equal([Path.GetFileName(folder)], Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Plan_InfeasibleFleet_ExitsOneAndLeavesThePreviousPlan()
    {
        var folder = EarlierPlan("siping-liaoyuan");
        var before = Snapshot(folder);
        var (code, _, stderr) = Cli.Run("plan", BundledPlans.ScenarioPath("siping-liaoyuan"), "--out", folder, "--time-limit", "10", "--blocks", "plain",
            "--set", "fleet.siping-depot.e12-422=1", "--set", "fleet.liaoyuan-depot.e12-422=1");
        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains("no feasible plan", stderr, StringComparison.Ordinal);
        AssertSame(before, folder);
    }

    [Fact]
    public void Plan_ProcessKilledWhileSolving_PreviousPlanByteIdentical()
    {
        var folder = EarlierPlan("siping-liaoyuan");
        var before = Snapshot(folder);
        var cli = typeof(TransitPairsCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "plan", BundledPlans.ScenarioPath("siping-liaoyuan-growth"), "--out", folder, "--time-limit", "60" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        // The host says on stderr when it starts solving; kill it then, before anything is written.
        var line = process.StandardError.ReadLine();
        Assert.StartsWith("planning ", line, StringComparison.Ordinal);
        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        Assert.NotEqual(0, process.ExitCode);
        AssertSame(before, folder);
    }
}
