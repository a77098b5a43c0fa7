using System.Text.Json.Nodes;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

public sealed class ShowCommandTests
{
    private static (int Code, string Out, string Error) Run(params string[] args) => Planning.Cli.Run(args);

    private static string Scenario(string name) => Path.Combine(TestPaths.Data, "scenarios", name);

    [Fact]
    public void Show_SipingLiaoyuan_SummarisesCorridorPatternsFleetAndChargers()
    {
        var (code, output, error) = Run("show", Scenario("siping-liaoyuan.json"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("corridor   siping-liaoyuan  四平—辽源 (Sìpíng–Liáoyuán)", output, StringComparison.Ordinal);
        Assert.Contains("           express    express    97.0 km     95 /    88 /    82  seated-only", output, StringComparison.Ordinal);
        Assert.Contains("             siping-terminal → dongliao → liaoyuan-terminal", output, StringComparison.Ordinal);
        Assert.Contains("siping-terminal – liaoyuan-terminal 88 min 97 km", output, StringComparison.Ordinal);
        Assert.Contains("fleet      20 vehicles: 10 × e12-422 at siping-depot, 10 × e12-422 at liaoyuan-depot", output, StringComparison.Ordinal);
        Assert.Contains("siping-terminal-pantograph at siping-terminal: 1 × 300 kW", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Show_WinterVariant_AppliesTheWinterFactorToRunTimes()
    {
        var (code, output, _) = Run("show", Scenario("siping-liaoyuan-winter.json"));
        Assert.Equal(ExitCodes.Ok, code);
        // 95 / 88 / 82 min × 1.15
        Assert.Contains("97.0 km  109.3 / 101.2 /  94.3  seated-only", output, StringComparison.Ordinal);
        Assert.Contains("winter ×1.15 applied", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_TodayWithTripTarget_SaysHowTripsAreCounted()
    {
        var (_, output, _) = Run("show", Scenario("baishan-tonghua.json"));
        Assert.Contains("fixed service: 24 trips/day counted one-way = 12 outbound + 12 inbound", output, StringComparison.Ordinal);
        Assert.Contains("rail       ILLUSTRATIVE-1 at tonghua-station: arrives 08:05", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_WithOverride_ShowsTheOverriddenScenario()
    {
        var (code, output, _) = Run("show", Scenario("siping-liaoyuan.json"), "--set", "demand.scale=1.3", "--set", "fleet.siping-depot.e12-422=12");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("demand     scale ×1.3, weekday ×1", output, StringComparison.Ordinal);
        Assert.Contains("fleet      22 vehicles", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_JsonFormat_PrintsTheComposedScenario()
    {
        var (code, output, _) = Run("show", Scenario("siping-liaoyuan-growth.json"), "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1.3, json["demand"]!["scale"]!.GetValue<double>());
        Assert.Equal("siping-terminal", json["corridors"]!["siping-liaoyuan"]!["terminalA"]!.GetValue<string>());
    }

    [Fact]
    public void Show_InvalidScenario_ExitsTwo()
    {
        var (code, output, error) = Run("show", Scenario("no-such.json"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("The scenario file does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_WithoutEquals_IsBadInput()
    {
        var (code, _, error) = Run("show", Scenario("siping-liaoyuan.json"), "--set", "season");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--set: season: An override must be KEY=VALUE.", error, StringComparison.Ordinal);
    }
}
