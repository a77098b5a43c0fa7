using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Tests.Duties;

/// <summary>
/// The duty column generation against brute force: on random small duty graphs (span, driving,
/// continuous driving, rests) every partition of the tasks into feasible chains is enumerated
/// apart from the solver, and the solver's proven cost must equal the least of them.
/// </summary>
public sealed class DutyColumnGenerationTests
{
    private static DutyGraph RandomGraph(Random random, int n, int? exact)
    {
        var start = new int[n];
        var end = new int[n];
        var driving = new int[n];
        var t = 0;
        for (var i = 0; i < n; i++)
        {
            t += random.Next(0, 60);
            start[i] = t;
            driving[i] = random.Next(30, 150);
            end[i] = t + driving[i];
        }

        var succ = new int[n][];
        var cost = new long[n][];
        for (var i = 0; i < n; i++)
        {
            var next = Enumerable.Range(0, n).Where(j => start[j] >= end[i] && random.NextDouble() < 0.8).ToArray();
            succ[i] = next;
            cost[i] = [.. next.Select(_ => (long)random.Next(0, 50))];
        }

        var open = Enumerable.Range(0, n).Select(_ => 1000L + random.Next(0, 100)).ToArray();
        var close = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 30)).ToArray();
        return new DutyGraph(start, end, driving, new int[n], open, close, succ, cost, new DutyLimits(400, 0, 10, 10, 300, 200, 200, 20), exact);
    }

    /// <summary>Least cost of a partition into feasible chains by exhaustive search (null: none).</summary>
    private static long? BruteForce(DutyGraph g, int? exact)
    {
        var n = g.TaskCount;
        long? best = null;
        var used = new bool[n];
        void Search(int duties, long cost)
        {
            var first = Enumerable.Range(0, n).Where(i => !used[i]).OrderBy(i => g.Position[i]).Cast<int?>().FirstOrDefault();
            if (first is null)
            {
                if (exact is null || duties == exact)
                {
                    best = best is null ? cost : Math.Min(best.Value, cost);
                }

                return;
            }

            var s = first.Value;
            var chain = new List<int> { s };
            used[s] = true;
            Extend(chain, duties, cost);
            used[s] = false;
        }

        void Extend(List<int> chain, int duties, long cost)
        {
            if (Feasible(g, chain) && g.MayClose(chain[0], chain[^1]))
            {
                Search(duties + 1, cost + g.CostOf(chain)!.Value);
            }

            foreach (var j in g.Successors[chain[^1]].Where(j => !used[j]))
            {
                chain.Add(j);
                used[j] = true;
                Extend(chain, duties, cost);
                used[j] = false;
                chain.RemoveAt(chain.Count - 1);
            }
        }

        Search(0, 0);
        return best;
    }

    private static bool Feasible(DutyGraph g, List<int> chain)
    {
        int total = 0, continuous = 0;
        for (var k = 0; k < chain.Count; k++)
        {
            if (k > 0 && g.Start[chain[k]] - g.End[chain[k - 1]] >= g.Limits.RestResets)
            {
                continuous = 0;
            }

            total += g.Driving[chain[k]];
            continuous += g.Driving[chain[k]];
            if (continuous > g.Limits.MaxContinuous)
            {
                return false;
            }
        }

        return total <= g.Limits.MaxDriving && g.InWindow(chain[0], chain[^1]);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, null)]
    public void ColumnGeneration_SmallRandomGraph_MatchesBruteForce(int seed, int? exact)
    {
        var random = new Random(seed);
        var g = RandomGraph(random, 7, exact);
        var expected = BruteForce(g, exact);
        var options = new SolveOptions(TimeSpan.FromSeconds(300));
        var result = ColumnGeneration.Solve(new DutyGraphPricer(g), options, options.StartBudget());
        if (expected is null)
        {
            Assert.False(result.HasSolution);
            return;
        }

        Assert.True(result.Proven);
        Assert.Equal(expected.Value, result.Cost);
        Assert.Equal(expected.Value, result.LowerBound);
        Assert.Equal(expected.Value, result.Duties.Sum(d => g.CostOf(d)!.Value));
        Assert.Equal(Enumerable.Range(0, 7), result.Duties.SelectMany(d => d).Order());
    }
}
