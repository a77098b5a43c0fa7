using System.Globalization;
using System.Text.Json;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

/// <summary>The MDVSP benchmark instances through the real command (every schedule passes the independent checker first).</summary>
public sealed class MdvspCommandTests
{
    private static JsonElement Solve(string folder, string instance, int seconds)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var path = TestPaths.Instance("mdvsp", folder, instance + ".inp.gz");
        var code = TransitPairsCli.Run(["mdvsp", path, "--time-limit", seconds.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--format", "json"], output, error);
        Assert.True(code == 0, error.ToString());
        return JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    private static Dictionary<string, string[]> Known(string folder) =>
        File.ReadAllLines(TestPaths.Instance("mdvsp", folder, "known.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f);

    private static void AssertKnownOptimum(string instance)
    {
        var known = Known("small")[instance];
        var result = Solve("small", instance, 600);
        Assert.Equal("optimal", result.GetProperty("status").GetString());
        Assert.Equal(long.Parse(known[3], CultureInfo.InvariantCulture), result.GetProperty("cost").GetInt64());
        Assert.Equal(int.Parse(known[4], CultureInfo.InvariantCulture), result.GetProperty("vehicles").GetInt32());
        Assert.Equal(result.GetProperty("cost").GetInt64() - (10_000 * result.GetProperty("vehicles").GetInt64()), result.GetProperty("operatingCost").GetInt64());
    }

    /// <summary>One instance per size (and depot count), in the normal run.</summary>
    [Theory]
    [InlineData("n50m2s0")]
    [InlineData("n100m3s1")]
    [InlineData("n150m4s2")]
    public void Mdvsp_SmallInstance_SolvedToItsKnownOptimum(string instance) => AssertKnownOptimum(instance);

    /// <summary>All 36 small instances (a few minutes on two cores).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Mdvsp_AllSmallInstances_SolvedToTheirKnownOptimum()
    {
        foreach (var instance in Known("small").Keys)
        {
            AssertKnownOptimum(instance);
        }
    }

    /// <summary>
    /// A 500-trip Pepin instance (4 depots) at the limit of 120 s: the fleet must be the
    /// minimum and the operating cost (cost − 10,000 per vehicle) within 1 % of the best known.
    /// All eight instances are in docs/vehicle-blocks.md.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Mdvsp_PepinInstance_UsesTheMinimumFleetWithinOnePercentOfTheBestKnownOperatingCost()
    {
        var known = Known("pepin2009")["m4n500s0"];
        var result = Solve("pepin2009", "m4n500s0", 120);
        var minFleet = int.Parse(known[6], CultureInfo.InvariantCulture);
        var bestOperating = long.Parse(known[3], CultureInfo.InvariantCulture) - (10_000L * minFleet);
        Assert.Equal(minFleet, result.GetProperty("vehicles").GetInt32());
        Assert.True(result.GetProperty("operatingCost").GetInt64() <= bestOperating * 1.01, result.ToString());
        Assert.True(result.GetProperty("lowerBound").GetDouble() <= long.Parse(known[3], CultureInfo.InvariantCulture), result.ToString());
    }
}
