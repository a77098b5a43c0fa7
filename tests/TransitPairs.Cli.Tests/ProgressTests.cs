using TransitPairs.Cli.Tests.Planning;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests;

/// <summary>
/// Progress on stderr for long work: shown on a (fake) terminal, absent when stderr is redirected
/// or when json/csv data goes to a pipe, and never changing what the command prints on stdout.
/// </summary>
public sealed class ProgressTests
{
    /// <summary>One depot and plain blocks: exact min-cost flow, the same rows on every run.</summary>
    private static readonly string[] Sweep =
    [
        "sweep", BundledPlans.ScenarioPath("baishan-tonghua-proposal"), "--vary", "demand.scale=0.8,1.2", "--time-limit", "600",
        "--blocks", "plain", "--parallel", "1", "--set", "fleet.tonghua-depot=null", "--set", "fleet.baishan-depot.e12-350=12",
    ];

    private static (int Code, string Out, string Error) Run(bool stdoutIsTerminal, bool stderrIsTerminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(args, output, error, stdoutIsTerminal, stderrIsTerminal);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command on a fake terminal and redirected; both must succeed.</summary>
    private static ((int Code, string Out, string Error) Terminal, (int Code, string Out, string Error) Redirected) OnTerminalAndRedirected(string[] terminalArgs, string[] redirectedArgs)
    {
        var terminal = Run(stdoutIsTerminal: true, stderrIsTerminal: true, terminalArgs);
        var redirected = Run(stdoutIsTerminal: false, stderrIsTerminal: false, redirectedArgs);
        Assert.True(terminal.Code == 0, terminal.Error);
        Assert.True(redirected.Code == 0, redirected.Error);
        return (terminal, redirected);
    }

    [Fact]
    public void Sweep_OnATerminal_ShowsVariantOfNWithElapsedAndRemainingAndTheSameRows()
    {
        var (terminal, redirected) = OnTerminalAndRedirected(Sweep, Sweep);
        Assert.Contains("sweep · variant 1 of 2", terminal.Error, StringComparison.Ordinal);
        Assert.Contains("variant 2 of 2", terminal.Error, StringComparison.Ordinal);
        Assert.Contains("elapsed · about ", terminal.Error, StringComparison.Ordinal);
        Assert.Contains(" left", terminal.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, redirected.Error);
        Assert.Equal(redirected.Out, terminal.Out);
        Assert.Equal(3, terminal.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Sweep_CsvToAPipeWithStderrOnATerminal_ShowsNothing()
    {
        var piped = Run(stdoutIsTerminal: false, stderrIsTerminal: true, Sweep);
        Assert.True(piped.Code == 0, piped.Error);
        Assert.DoesNotContain("variant", piped.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, piped.Error);
    }

    [Fact]
    public void PlanRange_OnATerminal_ShowsDayOfNAndTheSolveStages()
    {
        var root = Path.Combine(Path.GetTempPath(), "transitpairs-progress", Guid.NewGuid().ToString("N"));
        try
        {
            string[] args = ["plan", BundledPlans.ScenarioPath("siping-liaoyuan"), "--from", "2026-06-10", "--to", "2026-06-11", "--time-limit", "5", "--blocks", "plain"];
            var (terminal, redirected) = OnTerminalAndRedirected([.. args, "--out", Path.Combine(root, "a")], [.. args, "--out", Path.Combine(root, "b")]);
            Assert.Contains("plan · day 1 of 2 · timetable", terminal.Error, StringComparison.Ordinal);
            Assert.Contains("day 2 of 2", terminal.Error, StringComparison.Ordinal);
            Assert.Contains("vehicle blocks", terminal.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(" · ", redirected.Error, StringComparison.Ordinal);
            Assert.Contains("planning siping-liaoyuan 2026-06-10", redirected.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public void Mdvsp_OnATerminal_ShowsTheStageAndItsSize_NotWhenJsonGoesToAPipe()
    {
        string[] args = ["mdvsp", TestPaths.Instance("mdvsp", "small", "n50m2s0.inp.gz"), "--time-limit", "300", "--threads", "1"];
        var terminal = Run(true, true, args);
        var piped = Run(false, true, [.. args, "--format", "json"]);
        Assert.True(terminal.Code == 0, terminal.Error);
        Assert.True(piped.Code == 0, piped.Error);
        Assert.Contains("mdvsp n50m2s0.inp.gz · solving 50 trips, 2 depots", terminal.Error, StringComparison.Ordinal);
        Assert.Contains("at most ", terminal.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, piped.Error);
    }
}
