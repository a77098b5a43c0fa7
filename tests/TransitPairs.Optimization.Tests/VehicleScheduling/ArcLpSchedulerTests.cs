using System.Diagnostics;
using CsCheck;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>
/// The multiple-depot path on the all-pairs network: arc LP (checked against the LP with every
/// arc at once), LP dive, block moves between depots, and the whole scheduler against brute force.
/// </summary>
public sealed class ArcLpSchedulerTests
{
    private static readonly SolveOptions AllPairs = new(TimeSpan.FromSeconds(300), 1, 0);

    /// <summary>Days with two or three depots whose vehicle limits bind now and then.</summary>
    private static readonly Gen<(SyntheticDaySpec Spec, int Seed)> MultiDepotDays =
        from trips in Gen.Int[10, 70]
        from terminals in Gen.Int[2, 5]
        from depots in Gen.Int[2, 3]
        from limit in Gen.Int[3, 40]
        from seed in Gen.Int[0, 1_000_000]
        select (new SyntheticDaySpec(trips, terminals, depots, limit, EmptyRuns: true, MinLayoverMinutes: 5), seed);

    private static ConnectionNetwork Network(VehicleSchedulingProblem problem) =>
        NetworkFactory.Build(TripScheduler.Map(problem).Problem, NetworkKind.AllPairs);

    [Fact]
    public void Converge_FromOneConnectionPerTrip_ReachesTheLpWithEveryArcAndItsDualsCertifyIt()
    {
        MultiDepotDays.Sample(day =>
        {
            var network = Network(SyntheticDay.Generate(day.Spec, day.Seed));
            var full = FullLp(network);

            // Start from one connection per trip end only: pricing has to bring in the rest.
            var start = new bool[network.ArcCount];
            for (var v = 0; v < network.NodeCount; v++)
            {
                if (network.OutStart[v] < network.OutStart[v + 1])
                {
                    start[network.OutStart[v]] = true;
                }
            }

            using var lp = new ArcGenerationLp(network, start);
            var bound = lp.Converge(Stopwatch.StartNew(), TimeSpan.FromSeconds(30));
            if (full is null)
            {
                // Infeasible with every arc (too few vehicles): infeasible with fewer as well.
                Assert.True(bound is null, $"{bound} {lp.Failure}");
                return;
            }

            Assert.NotNull(bound);
            Assert.True(bound.Converged);
            Assert.Equal(full.Value, bound.Value, precision: 3);

            // The duals alone certify the value (what reduced-cost fixing needs): no bound duals hide in it.
            var certified = bound.Pi.Sum() + Enumerable.Range(0, network.Depots.Length).Sum(k => bound.Mu[k] * network.Depots[k].VehicleLimit);
            Assert.Equal(bound.Value, certified, precision: 3);
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_RandomDaysUpToEightTripsOnTheAllPairsNetwork_MatchesBruteForce()
    {
        var days =
            from trips in Gen.Int[1, 8]
            from terminals in Gen.Int[1, 3]
            from depots in Gen.Int[2, 3]
            from limit in Gen.Int[1, 4]
            from layover in Gen.Int[0, 15]
            from seed in Gen.Int[0, 1_000_000]
            select (new SyntheticDaySpec(trips, terminals, depots, limit, EmptyRuns: true, layover, 6 * 60, 9 * 60), seed);
        days.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Item1, day.seed);
            var result = TripScheduler.Solve(problem, AllPairs, NetworkKind.AllPairs);
            var best = BruteForce.Cheapest(problem);
            if (best is null)
            {
                Assert.Equal(SolveStatus.Infeasible, result.Status);
                return;
            }

            Assert.Equal(SolveStatus.Optimal, result.Status);
            Assert.Equal(best.Value, result.Solution!.Cost);
            Assert.Equal(result.Solution!.Cost, result.Solution!.LowerBound);
        }, iter: 100, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_MultiDepotDays_PassTheCheckerWithTheLpBoundBelowTheCost()
    {
        MultiDepotDays.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Spec, day.Seed);
            var result = TripScheduler.Solve(problem, AllPairs, NetworkKind.AllPairs);
            if (result.Status == SolveStatus.Infeasible)
            {
                Assert.Null(FullLp(Network(problem)));
                return;
            }

            Assert.Contains("arc LP", result.Method, StringComparison.Ordinal);
            var check = VehicleScheduleChecker.Check(problem, result.Solution!.Schedule, result.Solution!.Cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            Assert.True(result.Solution!.LowerBound <= result.Solution!.Cost);
            Assert.True(result.Solution!.Schedule.Vehicles >= result.Solution!.FleetLowerBound);
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Dive_FromTheConvergedLp_GivesACompleteScheduleAtLeastTheLpValue()
    {
        MultiDepotDays.Sample(day =>
        {
            var network = Network(SyntheticDay.Generate(day.Spec, day.Seed));
            var clock = Stopwatch.StartNew();
            using var lp = new ArcGenerationLp(network, new bool[network.ArcCount]);
            if (lp.Converge(clock, TimeSpan.FromSeconds(30)) is not { } bound)
            {
                return;
            }

            var dived = lp.Dive(clock, TimeSpan.FromSeconds(30));
            Assert.True(dived is not null, lp.Failure);
            AssertCovers(network, dived.Value.Blocks);
            Assert.Equal(Cost(network, dived.Value.Blocks), dived.Value.Cost);
            Assert.True(dived.Value.Cost >= bound.Value - 1e-6);
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Improve_FromTheSuperDepotStart_NeverCostsMoreAndKeepsEveryTripOnce()
    {
        MultiDepotDays.Sample(day =>
        {
            var network = Network(SyntheticDay.Generate(day.Spec, day.Seed));
            if (SuperDepotStart.Build(network, fits: null) is not { Complete: true } start)
            {
                return;
            }

            var startCost = Cost(network, start.Blocks);
            var improved = DepotReassignment.Improve(network, start.Blocks.Select(b => b.Block), Stopwatch.StartNew(), TimeSpan.FromSeconds(30));
            AssertCovers(network, improved.Blocks);
            Assert.Equal(Cost(network, improved.Blocks), improved.Cost);
            Assert.True(improved.Cost <= startCost);
            for (var k = 0; k < network.Depots.Length; k++)
            {
                Assert.True(improved.Blocks.Count(b => b.Block.Depot == k) <= network.Depots[k].VehicleLimit);
            }

            // Repeated while cheaper: never dearer than one pass, and every schedule it reports is a real one.
            var seen = new List<long>();
            var repeated = DepotReassignment.ImproveWhileCheaper(network, (start.Blocks, startCost), Stopwatch.StartNew(), TimeSpan.FromSeconds(30), s =>
            {
                AssertCovers(network, s.Blocks);
                Assert.Equal(Cost(network, s.Blocks), s.Cost);
                seen.Add(s.Cost);
                return true;
            });
            Assert.True(repeated.Cost <= improved.Cost);
            Assert.Equal(seen.OrderByDescending(c => c).Distinct(), seen);
            Assert.Equal(seen.Count == 0 ? startCost : seen[^1], repeated.Cost);
            for (var k = 0; k < network.Depots.Length; k++)
            {
                Assert.True(repeated.Blocks.Count(b => b.Block.Depot == k) <= network.Depots[k].VehicleLimit);
            }
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>The LP with every arc of every depot at once (GLOP), or null when infeasible.</summary>
    private static double? FullLp(ConnectionNetwork network)
    {
        var m = network.Depots.Length;
        var n = network.TripCount;
        bool[][] All(int length) => [.. Enumerable.Range(0, m).Select(k => Enumerable.Repeat(network.Depots[k].VehicleLimit > 0, length).ToArray())];
        var keepOut = All(n);
        var keepIn = All(n);
        for (var k = 0; k < m; k++)
        {
            for (var t = 0; t < n; t++)
            {
                keepOut[k][t] &= network.Depots[k].PullOutCost[t] >= 0;
                keepIn[k][t] &= network.Depots[k].PullInCost[t] >= 0;
            }
        }

        using var solver = MpSolver.CreateSolver("GLOP")!;
        var model = new CompactFlowModel(solver, network, new CompactFlowModel.Keep(All(network.ArcCount), keepOut, keepIn, All(n)), integer: false, threads: 1, seed: 0);
        return model.SolveLp()?.Value;
    }

    /// <summary>Cost recomputed from the network: vehicle, pull-out, connections, pull-in.</summary>
    private static long Cost(ConnectionNetwork network, IEnumerable<(VspBlock Block, long ConnectionCost)> blocks)
    {
        long total = 0;
        foreach (var (block, _) in blocks)
        {
            var depot = network.Depots[block.Depot];
            total += network.VehicleCost + depot.PullOutCost[block.Trips[0]] + depot.PullInCost[block.Trips[^1]];
            for (var i = 1; i < block.Trips.Length; i++)
            {
                var e = network.TripEnd[block.Trips[i - 1]];
                var s = network.TripStart[block.Trips[i]];
                var arc = Enumerable.Range(network.OutStart[e], network.OutStart[e + 1] - network.OutStart[e]).Single(a => network.ArcHead[a] == s);
                total += network.ArcCost[arc];
            }
        }

        return total;
    }

    private static void AssertCovers(ConnectionNetwork network, IEnumerable<(VspBlock Block, long ConnectionCost)> blocks) =>
        Assert.Equal(Enumerable.Range(0, network.TripCount), blocks.SelectMany(b => b.Block.Trips).Order());
}
