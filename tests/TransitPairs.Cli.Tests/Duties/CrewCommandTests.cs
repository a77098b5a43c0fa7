using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Google.OrTools.LinearSolver;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Duties;

/// <summary>
/// The public crew benchmarks (shipped in benchmarks/instances/crew) through the real command:
/// every answer passes the independent checker before it is printed, so a zero exit code is
/// already a checked answer. Limits are long enough that only a proof ends the fast cases.
/// </summary>
public sealed class CrewCommandTests
{
    private static string Instance(params string[] parts) => Path.Combine([TestPaths.RepositoryRoot, "benchmarks", "instances", "crew", .. parts]);

    private static JsonElement Solve(string path, int seconds, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["crew", path, "--time-limit", seconds.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--format", "json", .. extra], output, error);
        Assert.True(code == 0, error.ToString());
        return JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    public static TheoryData<string, int, long> Known(string size)
    {
        var data = new TheoryData<string, int, long>();
        foreach (var f in File.ReadAllLines(Instance("beasley-cao", "known.csv")).Skip(1).Select(l => l.Split(',')))
        {
            if (size == "fast" ? f[1] is "50" or "100" or "150" : f[1] is "200" or "250" or "300")
            {
                data.Add(f[0], int.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Known), "fast")]
    public void BeasleyCao_SmallInstances_ProvenOptimalAtEveryKnownK(string instance, int crews, long optimum) => AssertOptimum(instance, crews, optimum);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Known), "slow")]
    public void BeasleyCao_LargeInstances_ProvenOptimalAtEveryKnownK(string instance, int crews, long optimum) => AssertOptimum(instance, crews, optimum);

    private static void AssertOptimum(string instance, int crews, long optimum)
    {
        var r = Solve(Instance("beasley-cao", instance + ".txt.gz"), 600, "--crews", crews.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(crews, r.GetProperty("duties").GetInt32());
        Assert.Equal(optimum, r.GetProperty("cost").GetInt64());
        Assert.Equal(optimum, r.GetProperty("lowerBound").GetInt64());
        Assert.Equal("optimal", r.GetProperty("status").GetString());
    }

    /// <summary>TRACS II's count or fewer, and the LP bound settles it (t1, r2, r4: the bound meets the count).</summary>
    [Theory]
    [InlineData("t1", 7)]
    [InlineData("r2", 14)]
    [InlineData("r4", 25)]
    public void CspLib_Instance_MatchesTracsWithAProof(string instance, int tracs)
    {
        var r = Solve(Instance("csplib-022", instance + ".gz"), 600);
        Assert.True(r.GetProperty("duties").GetInt32() <= tracs);
        Assert.Equal(r.GetProperty("duties").GetInt32(), r.GetProperty("lowerBound").GetInt32());
        Assert.Equal("optimal", r.GetProperty("status").GetString());
    }

    /// <summary>
    /// r1 (2,503 candidate shifts): the proven optimum agrees with SCIP over every candidate in a
    /// model written here, apart from the solver, and equals TRACS II's 11.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void CspLib_R1_OptimumAgreesWithAnIndependentExactCoverModel()
    {
        var path = Instance("csplib-022", "r1.gz");
        var r = Solve(path, 600);
        Assert.Equal("optimal", r.GetProperty("status").GetString());
        Assert.Equal(IndependentOptimum(path), r.GetProperty("duties").GetInt32());
        Assert.Equal(11, r.GetProperty("duties").GetInt32());
    }

    private static int IndependentOptimum(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var tokens = reader.ReadToEnd().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        int rows = tokens[0], columns = tokens[1], at = 3;
        using var mip = Solver.CreateSolver("SCIP");
        var cover = Enumerable.Range(0, rows).Select(_ => mip.MakeConstraint(1, 1, string.Empty)).ToArray();
        var objective = mip.Objective();
        for (var c = 0; c < columns; c++)
        {
            at++; // cost: always 1
            var m = tokens[at++];
            var x = mip.MakeBoolVar(string.Empty);
            objective.SetCoefficient(x, 1);
            for (var k = 0; k < m; k++)
            {
                cover[tokens[at++]].SetCoefficient(x, 1);
            }
        }

        objective.SetMinimization();
        mip.SetTimeLimit(1_200_000);
        Assert.Equal(Solver.ResultStatus.OPTIMAL, mip.Solve());
        return (int)Math.Round(objective.Value());
    }

    /// <summary>The OR-Tools example's small day: at least its counting bound of 6 drivers, proven minimum drivers.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void OrToolsExample_SmallDay_DriversAtTheirProvenBound()
    {
        var r = Solve(Instance("ortools-sample", "small.csv"), 120);
        var drivers = r.GetProperty("drivers");
        Assert.True(drivers.GetProperty("driverLowerBound").GetInt32() >= 6);
        Assert.Equal(drivers.GetProperty("driverLowerBound").GetInt32(), drivers.GetProperty("drivers").GetInt32());
    }

    [Fact]
    public void Crew_CpSatMethodOnABeasleyCaoFile_ExitsTwoNamingTheOption()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TransitPairsCli.Run(["crew", Instance("beasley-cao", "csp50.txt.gz"), "--crews", "27", "--method", "cpsat"], output, error);
        Assert.Equal(2, code);
        Assert.Contains("--method", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Crew_BrokenInstance_ExitsTwoNamingTheFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"csp-broken-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "3 480\n1 10\n20 x\n");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = TransitPairsCli.Run(["crew", path], output, error);
            Assert.Equal(2, code);
            Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
            Assert.Contains("line 3", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
