using System.Diagnostics;
using System.Text.Json.Nodes;
using TransitPairs.Cli.Tests.Commands;
using TransitPairs.IO.Planning;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Tests.BadInput;

/// <summary>
/// The rows of the fuzz pass that fell short (issue 17), one test each: every one exits 2 with the
/// file or option, the JSON path or value, and what is accepted; nothing is written or deleted.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly ScenarioWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static void AssertBadInput((int Code, string Out, string Error) run, params string[] expected)
    {
        Assert.True(run.Code == ExitCodes.BadInput, $"exit {run.Code}: {run.Error}");
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--fleet", "abc", "'abc' is not a number", "buses from 0 to 100,000")]
    [InlineData("--fleet", "1.5", "'1.5' is not a whole number", "buses from 0 to 100,000")]
    [InlineData("--fleet", "99999999999", "99,999,999,999 is out of range", "buses from 0 to 100,000")]
    [InlineData("--budget", "abc", "'abc' is not a number", "yuan from 0 to 100,000,000,000")]
    public void Allocate_OptionValueThatIsNoCount_ExitsTwoNamingOptionValueAndWhatIsAccepted(string option, string value, string problem, string accepted) =>
        AssertBadInput(workspace.Run("allocate", "scenarios/siping-liaoyuan.json", option, value), option + ": " + problem, accepted);

    [Theory]
    [InlineData("scenarios/siping-liaoyuan.json", "policy.minHeadwayMinutes", "scenarios/siping-liaoyuan.json: $.policy.minHeadwayMinutes")]
    [InlineData("scenarios/siping-liaoyuan.json", "policy.maxHeadwayMinutes", "scenarios/siping-liaoyuan.json: $.policy.maxHeadwayMinutes")]
    [InlineData("scenarios/siping-liaoyuan.json", "policy.minLayoverMinutes", "scenarios/siping-liaoyuan.json: $.policy.minLayoverMinutes")]
    [InlineData("scenarios/siping-liaoyuan.json", "policy.driverRules.minRestMinutes", "scenarios/siping-liaoyuan.json: $.policy.driverRules.minRestMinutes")]
    [InlineData("scenarios/baishan-tonghua.json", "railEvents[0].minTransferMinutes", "scenarios/baishan-tonghua.json: $.railEvents[0].minTransferMinutes")]
    public void Validate_DurationAt1e308InTheFile_ExitsTwoWithPathAndLargestAccepted(string scenario, string field, string where)
    {
        workspace.EditJson(scenario, s => Set(s, field, 1e308));
        AssertBadInput(workspace.Run("validate", scenario), where, "1E+308 minutes", "the largest value accepted is 10,080 minutes");
    }

    [Theory]
    [InlineData("patterns.local.stops[1].minutes.peak", "$.patterns.local.stops[1].minutes.peak")]
    [InlineData("roadLinks[0].minutes", "$.roadLinks[0].minutes")]
    public void Validate_CorridorRunTimeAt1e308_ExitsTwoInTheCorridorFile(string field, string path)
    {
        workspace.EditJson("corridors/siping-liaoyuan.json", c => Set(c, field, 1e308));
        AssertBadInput(workspace.Run("validate", "scenarios/siping-liaoyuan.json"), "corridors/siping-liaoyuan.json: " + path, "the largest value accepted is 10,080 minutes");
    }

    [Theory]
    [InlineData("policy.minLayoverMinutes=1e308", "override: policy.minLayoverMinutes", "10,080 minutes")]
    [InlineData("policy.driverRules.maxDrivingPerDayMinutes=1e308", "override: policy.driverRules.maxDrivingPerDayMinutes", "10,080 minutes")]
    [InlineData("options.timeLimitSeconds=1e308", "override: options.timeLimitSeconds", "the largest value accepted is 604,800 seconds")]
    public void Plan_DurationAt1e308ThroughSet_ExitsTwoBeforeSolving(string set, string where, string accepted) =>
        AssertBadInput(workspace.Run("plan", "scenarios/siping-liaoyuan.json", "--set", set, "--out", "plan-out"), where, "1E+308", accepted);

    [Fact]
    public void Validate_TimeLimitOfZero_IsReportedInSeconds()
    {
        var run = workspace.Run("validate", "scenarios/siping-liaoyuan.json", "--set", "options.timeLimitSeconds=0");
        AssertBadInput(run, "options.timeLimitSeconds", "0 seconds");
        Assert.DoesNotContain("minutes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAndPlan_PatternDistanceAt1e308_ExitTwoDistanceOutOfRange()
    {
        workspace.EditJson("corridors/siping-liaoyuan.json", c => Set(c, "patterns.express.stops[1].km", 1e308));
        const string Where = "corridors/siping-liaoyuan.json: $.patterns.express.stops[1].km: 'km' is 1E+308 km: out of range; the largest value accepted is 10,000 km.";
        AssertBadInput(workspace.Run("validate", "scenarios/siping-liaoyuan.json"), Where);
        AssertBadInput(workspace.Run("plan", "scenarios/siping-liaoyuan.json", "--out", "plan-out"), Where);
        Assert.False(Directory.Exists(workspace.PathOf("plan-out")));
    }

    [Fact]
    public void Validate_NumberOutOfRange_IsPrintedShort()
    {
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["demand"]!["scale"] = -1e308);
        var run = workspace.Run("validate", "scenarios/siping-liaoyuan.json");
        AssertBadInput(run, "$.demand.scale", "-1E+308");
        Assert.DoesNotMatch(@"\d{20}", run.Error);
    }

    [Fact]
    public void Validate_EmptyInclude_ExitsTwoWithItsJsonPath()
    {
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = string.Empty);
        var run = workspace.Run("validate", "scenarios/siping-liaoyuan.json");
        AssertBadInput(run, "scenarios/siping-liaoyuan.json: $.corridors.siping-liaoyuan.$include: The file name is empty.");
        Assert.DoesNotContain("is missing", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$include")]
    [InlineData("base")]
    public void Validate_IncludeOrBaseOutOfTheScenarioTree_IsRefusedWithoutOpeningIt(string key)
    {
        var secret = Path.Combine(Path.GetDirectoryName(workspace.Root)!, Path.GetFileName(workspace.Root) + "-secret.json");
        File.WriteAllText(secret, "root:x:0:0");
        try
        {
            var escape = "../../" + Path.GetFileName(secret);
            workspace.EditJson("scenarios/siping-liaoyuan.json", s =>
            {
                if (key == "base")
                {
                    s["base"] = escape;
                }
                else
                {
                    s["corridors"]!["siping-liaoyuan"]!["$include"] = escape;
                }
            });
            var run = workspace.Run("validate", "scenarios/siping-liaoyuan.json");
            var path = key == "base" ? "$.base" : "$.corridors.siping-liaoyuan.$include";
            AssertBadInput(run, $"scenarios/siping-liaoyuan.json: {path}: '{escape}' leads out of the scenario's folder tree");
            Assert.DoesNotContain("root", run.Error.Replace("root of", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("not valid JSON", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Validate_IncludedFileThatDoesNotParse_SaysWhichKeyPulledItIn()
    {
        workspace.Write("corridors/broken.json", "{ \"name\": ");
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = "../corridors/broken.json");
        AssertBadInput(workspace.Run("validate", "scenarios/siping-liaoyuan.json"),
            "corridors/broken.json: line 1", "(The file is named by $.corridors.siping-liaoyuan.$include of scenarios/siping-liaoyuan.json.)");
    }

    [Fact]
    public void Validate_IncludeOfAnInclude_IsFollowed()
    {
        workspace.Write("corridors/alias.json", "{\"$include\": \"siping-liaoyuan.json\"}");
        workspace.Write("corridors/alias-of-alias.json", "{\"$include\": \"alias.json\"}");
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = "../corridors/alias-of-alias.json");
        var (code, output, error) = workspace.Run("validate", "scenarios/siping-liaoyuan.json");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith("ok ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IncludesInACycle_AreReportedAsACycle()
    {
        workspace.Write("corridors/a.json", "{\"$include\": \"b.json\"}");
        workspace.Write("corridors/b.json", "{\"$include\": \"a.json\"}");
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = "../corridors/a.json");
        AssertBadInput(workspace.Run("validate", "scenarios/siping-liaoyuan.json"),
            "$.corridors.siping-liaoyuan.$include: The includes form a cycle: corridors/a.json → corridors/b.json → corridors/a.json.");
    }

    [Fact]
    public void Commands_FolderWhereAFileBelongs_SayItIsAFolder()
    {
        workspace.EditJson("scenarios/siping-liaoyuan.json", s => s["corridors"]!["siping-liaoyuan"]!["$include"] = "../corridors");
        AssertBadInput(workspace.Run("validate", "scenarios/siping-liaoyuan.json"), "$.corridors.siping-liaoyuan.$include: The file 'corridors' is a folder, not a file.");
        AssertBadInput(workspace.Run("plan", "scenarios"), "scenarios: This is a folder, not a file.");
        AssertBadInput(workspace.Run("schedule", "--trips", "demand"), "This is a folder, not a file.");
    }

    [Fact]
    public void Options_ValueOfTheWrongKind_AreNamedInWordsNotTypes()
    {
        var run = workspace.Run("plan", "scenarios/siping-liaoyuan.json", "--threads", "abc");
        AssertBadInput(run, "--threads: 'abc' is not a whole number.");
        Assert.DoesNotContain("Nullable", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OutNamingAFile_ExitsTwoAndLeavesTheFile()
    {
        workspace.Write("notes.txt", "my notes");
        AssertBadInput(workspace.Run("plan", "scenarios/siping-liaoyuan.json", "--out", "notes.txt"), "--out: notes.txt: This is a file, not a folder");
        Assert.Equal("my notes", File.ReadAllText(workspace.PathOf("notes.txt")));
    }

    [Theory]
    [InlineData("schedule", "--trips", "scenarios/siping-liaoyuan.json", "--out")]
    [InlineData("sweep", "scenarios/siping-liaoyuan.json", "--vary", "demand.scale=1,2", "--out")]
    [InlineData("compare", "scenarios/siping-liaoyuan.json", "scenarios/siping-liaoyuan-winter.json", "--report")]
    public void Commands_FileOptionNamingAFolder_ExitTwoAndWriteNothing(params string[] args)
    {
        var folder = workspace.PathOf("results");
        Directory.CreateDirectory(folder);
        AssertBadInput(workspace.Run([.. args, "results"]), $"{args[^1]}: 'results' is a folder, not a file");
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    /// <summary>The fuzz pass's worst row: <c>plan --out .</c> in a project folder deleted its data and notes.</summary>
    [Fact]
    public void Plan_OutNamingAFolderOfOtherFiles_ExitsTwoAndTouchesNothing()
    {
        workspace.Write("notes.md", "keep me");
        var before = Directory.GetFileSystemEntries(workspace.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var run = workspace.Run("plan", "scenarios/siping-liaoyuan.json", "--out", ".");
        AssertBadInput(run, "--out: .: The folder holds 'README.md', which plan did not write", "--force");
        Assert.Equal(before, Directory.GetFileSystemEntries(workspace.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Equal("keep me", File.ReadAllText(workspace.PathOf("notes.md")));
    }

    [Fact]
    public void CheckTarget_PreviousPlanOutputEmptyFolderOrForce_AreAccepted()
    {
        var plan = Directory.CreateDirectory(workspace.PathOf("out/earlier")).FullName;
        foreach (var file in PlanOutputs.Files)
        {
            File.WriteAllText(Path.Combine(plan, file), "x");
        }

        Directory.CreateDirectory(Path.Combine(plan, "2026-06-10"));
        File.WriteAllText(Path.Combine(plan, "2026-06-10", "kpis.json"), "{}");
        PlanFolder.CheckTarget(plan, "--out", force: false);
        PlanFolder.CheckTarget(Directory.CreateDirectory(workspace.PathOf("out/empty")).FullName, "--out", force: false);
        PlanFolder.CheckTarget(workspace.Root, "--out", force: true);
        File.WriteAllText(Path.Combine(plan, "2026-06-10", "mine.txt"), "x");
        var e = Assert.Throws<InputException>(() => PlanFolder.CheckTarget(plan, "--out", force: false));
        Assert.Contains("'2026-06-10/mine.txt'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_TemporaryOfAKilledRun_IsRemovedByTheNextRun()
    {
        var parent = Directory.CreateDirectory(workspace.PathOf("out")).FullName;
        var folder = Path.Combine(parent, "plan");
        var gone = DeadProcessId();
        var stale = Directory.CreateDirectory(Path.Combine(parent, $".plan.{gone}.{Guid.NewGuid():N}.tmp")).FullName;
        File.WriteAllText(Path.Combine(stale, "timetable.csv"), "half");
        PlanFolder.Replace(folder, temp => File.WriteAllText(Path.Combine(temp, "kpis.json"), "{}"));
        Assert.Equal(["plan"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_PreviousPlanMovedAsideByAKilledRun_IsPutBack()
    {
        var parent = Directory.CreateDirectory(workspace.PathOf("out")).FullName;
        var folder = Path.Combine(parent, "plan");
        var aside = Directory.CreateDirectory(Path.Combine(parent, $".plan.{DeadProcessId()}.{Guid.NewGuid():N}.old")).FullName;
        File.WriteAllText(Path.Combine(aside, "kpis.json"), "previous");
        var e = Assert.Throws<IOException>(() => PlanFolder.Replace(folder, _ => throw new IOException("disk full")));
        Assert.Equal("disk full", e.Message);
        Assert.Equal("previous", File.ReadAllText(Path.Combine(folder, "kpis.json")));
        Assert.Equal(["plan"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    /// <summary>The id of a process that has ended (a short child process, waited for).</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Sets a dotted path with list indexes (<c>patterns.local.stops[1].km</c>) in a JSON tree.</summary>
    private static void Set(JsonObject root, string path, double value)
    {
        JsonNode node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = parts[i].Split('[') is [var n, var rest] ? (n, int.Parse(rest.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)) : (parts[i], -1);
            if (i == parts.Length - 1 && index < 0)
            {
                node[name] = value;
                return;
            }

            node = node[name]!;
            if (index >= 0)
            {
                if (i == parts.Length - 1)
                {
                    node[index] = value;
                    return;
                }

                node = node[index]!;
            }
        }
    }
}
