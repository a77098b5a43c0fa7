namespace TransitPairs.Cli.Tests;

public sealed class HostTests
{
    [Fact]
    public void Run_UnknownOption_ExitsTwoWithoutStackTrace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["--no-such-option"], output, error);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--no-such-option", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
