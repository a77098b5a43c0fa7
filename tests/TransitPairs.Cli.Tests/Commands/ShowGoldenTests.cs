using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

/// <summary>
/// <c>show</c> is read by people: its whole output is compared with a committed file, so any change
/// (of the format or of data/) is a visible diff. To accept a change, regenerate the file with
/// <c>transitpairs show data/scenarios/NAME.json &gt; tests/TransitPairs.Cli.Tests/Golden/show-NAME.txt</c>.
/// </summary>
public sealed class ShowGoldenTests
{
    [Theory]
    [InlineData("siping-liaoyuan")]
    [InlineData("baishan-tonghua")]
    public void Show_BundledScenario_MatchesTheGoldenFile(string name)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["show", Path.Combine(TestPaths.Data, "scenarios", name + ".json")], output, error);
        var golden = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "TransitPairs.Cli.Tests", "Golden", $"show-{name}.txt"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(golden.ReplaceLineEndings("\n"), output.ToString().ReplaceLineEndings("\n"));
    }
}
