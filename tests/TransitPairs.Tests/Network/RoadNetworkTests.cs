using CsCheck;
using NodaTime;
using TransitPairs.Network;
using TransitPairs.Validation;

namespace TransitPairs.Tests.Network;

public sealed class RoadNetworkTests
{
    // A terminal, a depot beside it, an interchange and a far terminal; the old road is shorter
    // in km but slower than the expressway.
    private static RoadNetwork Corridor() => new(
        ["a-terminal", "a-depot", "interchange", "town", "b-terminal"],
        [
            new RoadLink("a-depot", "a-terminal", 3, Duration.FromMinutes(8)),
            new RoadLink("a-terminal", "interchange", 8, Duration.FromMinutes(15)),
            new RoadLink("interchange", "b-terminal", 89, Duration.FromMinutes(73)),
            new RoadLink("interchange", "town", 70, Duration.FromMinutes(55)),
            new RoadLink("town", "b-terminal", 14, Duration.FromMinutes(22)),
        ]);

    [Fact]
    public void EmptyRun_DepotToFarTerminal_TakesTheFastestRouteNotTheShortest()
    {
        var run = Corridor().EmptyRun("a-depot", "b-terminal");
        Assert.Equal("96 min 100.0 km", $"{run.Minutes} min {run.Km:0.0} km");
    }

    [Fact]
    public void EmptyRun_SamePlace_IsZero()
    {
        var run = Corridor().EmptyRun("town", "town");
        Assert.Equal(new EmptyRun(Duration.Zero, 0), run);
    }

    [Fact]
    public void EmptyRun_IsTheSameBothWays()
    {
        var network = Corridor();
        Assert.Equal(network.EmptyRun("a-depot", "town"), network.EmptyRun("town", "a-depot"));
    }

    [Fact]
    public void EmptyRun_UnknownPlace_NamesTheParameter()
    {
        var e = Assert.Throws<InvalidValueException>(() => Corridor().EmptyRun("a-depot", "nowhere"));
        Assert.Equal("toPlaceId", e.ParamName);
    }

    [Fact]
    public void EmptyRun_Unreachable_SaysNoRoadLeads()
    {
        var network = new RoadNetwork(["a", "b", "island"], [new RoadLink("a", "b", 5, Duration.FromMinutes(6))]);
        Assert.False(network.Connects("a", "island"));
        var e = Assert.Throws<InvalidValueException>(() => network.EmptyRun("a", "island"));
        Assert.Contains("No road leads", e.Problem, StringComparison.Ordinal);
        Assert.Equal(-1, network.Matrix(["a", "island"]).Minutes(0, 1));
    }

    [Fact]
    public void RoadLink_ToItself_IsRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new RoadLink("a", "a", 1, Duration.FromMinutes(1)));
        Assert.Equal("to", e.ParamName);
    }

    [Fact]
    public void RoadNetwork_LinkToUndeclaredPlace_IsRejected()
    {
        var e = Assert.Throws<InvalidValueException>(() => new RoadNetwork(["a"], [new RoadLink("a", "b", 1, Duration.FromMinutes(1))]));
        Assert.Equal("links", e.ParamName);
    }

    [Fact]
    public void Matrix_RoundsMinutesUp()
    {
        var network = new RoadNetwork(["a", "b"], [new RoadLink("a", "b", 1, Duration.FromSeconds(61))]);
        var matrix = network.Matrix(["a", "b"]);
        Assert.Equal(2, matrix.Minutes(0, 1));
        Assert.Equal(1000, matrix.Metres(1, 0));
    }

    /// <summary>Random connected road networks: shortest times obey the triangle inequality and match a Floyd–Warshall check.</summary>
    [Fact]
    public void EmptyRuns_RandomNetworks_ObeyTriangleInequalityAndMatchFloydWarshall()
    {
        var gen =
            from n in Gen.Int[2, 8]
            from extra in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Int[1, 90], Gen.Int[1, 120]).Array[0, 12]
            from chain in Gen.Select(Gen.Int[1, 90], Gen.Int[1, 120]).Array[n - 1]
            select (n, extra, chain);
        gen.Sample(t =>
        {
            var (n, extra, chain) = t;
            var places = Enumerable.Range(0, n).Select(i => $"p{i}").ToArray();
            var links = new List<RoadLink>();
            for (var i = 1; i < n; i++)
            {
                links.Add(new RoadLink(places[i - 1], places[i], chain[i - 1].Item1, Duration.FromMinutes(chain[i - 1].Item2)));
            }

            links.AddRange(extra.Where(e => e.Item1 != e.Item2).Select(e => new RoadLink(places[e.Item1], places[e.Item2], e.Item3, Duration.FromMinutes(e.Item4))));
            var network = new RoadNetwork(places, links);

            // Independent check: Floyd–Warshall on minutes.
            var best = new long[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    best[i, j] = i == j ? 0 : long.MaxValue / 4;
                }
            }

            foreach (var l in links)
            {
                var (a, b) = (Array.IndexOf(places, l.From), Array.IndexOf(places, l.To));
                var m = (long)l.Time.TotalMinutes;
                best[a, b] = Math.Min(best[a, b], m);
                best[b, a] = Math.Min(best[b, a], m);
            }

            for (var k = 0; k < n; k++)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        best[i, j] = Math.Min(best[i, j], best[i, k] + best[k, j]);
                    }
                }
            }

            var matrix = network.Matrix(places);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (matrix.Minutes(i, j) != best[i, j])
                    {
                        return false;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        if (matrix.Minutes(i, j) > matrix.Minutes(i, k) + matrix.Minutes(k, j))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }
}
