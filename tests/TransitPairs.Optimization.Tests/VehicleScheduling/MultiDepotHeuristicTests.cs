using System.Diagnostics;
using System.Globalization;
using CsCheck;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;
using TransitPairs.TestSupport;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>
/// The primal side of several depots that does not wait for the LP: the first schedule (super-depot
/// flow, block moves) and the rounding of LP shares, on random Carpaneto-style instances, checked
/// by the independent cost-matrix checker and against the LP bound.
/// </summary>
public sealed class MultiDepotHeuristicTests
{
    /// <summary>
    /// Random Carpaneto-style instance specifications (also used by <see cref="ArcGenerationLpTests"/>) that have a schedule:
    /// the generator's vehicle limits are drawn at random and now and then park fewer vehicles than the trips need
    /// (40 trips, 2 depots, seed 961439: 9 + 9 vehicles where 20 chains are the fewest), which OR-Tools' min-cost flow over the
    /// super-depot proves (every Carpaneto depot reaches every trip, so the depots' vehicles together are what limits).
    /// </summary>
    internal static readonly Gen<(int Trips, int Depots, int Seed)> Instances =
        (from trips in Gen.Int[6, 60]
         from depots in Gen.Int[2, 4]
         from seed in Gen.Int[0, 1_000_000]
         select (trips, depots, seed))
        .Where(spec => HasSchedule(NetworkFactory.Build(CarpanetoInstance.Generate(spec.trips, spec.depots, spec.seed))));

    private static bool HasSchedule(ConnectionNetwork network) => MinCostFlowScheduler.SolveFlowWithOrTools(network, SuperDepotStart.Arcs(network)) is not null;

    /// <summary>
    /// The instance that showed the generator's short fleets (a CI run's random sample): no schedule with the depots' 9 + 9
    /// vehicles, by our flow and by OR-Tools', so no first schedule; with a vehicle a trip there is one.
    /// </summary>
    [Fact]
    public void SuperDepotStart_DepotsParkTooFewVehicles_NoStartAndOrToolsAgrees()
    {
        var network = NetworkFactory.Build(CarpanetoInstance.Generate(40, 2, 961439));

        Assert.Equal(18, network.Depots.Sum(d => d.VehicleLimit));
        Assert.Null(SuperDepotStart.Build(network, fits: null));
        Assert.False(HasSchedule(network));
        Assert.NotNull(MinCostFlowScheduler.SolveFlowWithOrTools(network, SuperDepotStart.Arcs(network) with { VehicleLimit = network.TripCount }));
    }

    /// <summary>A random instance, its network and its converged arc LP.</summary>
    private static (CostMatrixInstance Instance, ConnectionNetwork Network, ArcGenerationLp.Bound Relaxation) Relaxed((int Trips, int Depots, int Seed) spec)
    {
        var instance = CarpanetoInstance.Generate(spec.Trips, spec.Depots, spec.Seed);
        var network = NetworkFactory.Build(instance);
        using var lp = new ArcGenerationLp(network, new bool[network.ArcCount]);
        var relaxation = lp.Converge(Stopwatch.StartNew(), TimeSpan.FromSeconds(120));
        Assert.True(relaxation is { Converged: true }, lp.Failure);
        return (instance, network, relaxation);
    }

    [Fact]
    public void FirstScheduleAndLpRounding_RandomInstances_PassTheCheckerAndCostAtLeastTheLpBound()
    {
        Instances.Sample(spec =>
        {
            var (instance, network, relaxation) = Relaxed(spec);
            var clock = Stopwatch.StartNew();

            var start = SuperDepotStart.Build(network, fits: null);
            Assert.NotNull(start);
            Assert.True(start.Bound <= relaxation.Value + 1e-6);
            var candidates = new List<(List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)>();
            if (start.Complete)
            {
                candidates.Add(DepotReassignment.Improve(network, start.Blocks.Select(b => b.Block), clock, clock.Elapsed + TimeSpan.FromSeconds(30)));
            }

            var depotOf = Enumerable.Range(0, spec.Trips)
                .Select(t => Enumerable.Range(0, spec.Depots).MaxBy(k => relaxation.Shares[k][t]))
                .ToArray();
            if (DepotReassignment.FromAssignment(network, depotOf, clock, clock.Elapsed + TimeSpan.FromSeconds(30)) is { } rounded)
            {
                candidates.Add(rounded);
            }

            Assert.NotEmpty(candidates);
            foreach (var (blocks, cost) in candidates)
            {
                var check = CostMatrixScheduleChecker.Check(instance, [.. blocks.Select(b => (b.Block.Depot, (IReadOnlyList<int>)b.Block.Trips))], cost);
                Assert.True(check.IsValid, string.Join("\n", check.Violations));
                Assert.True(cost >= relaxation.Value - 1e-6, $"{cost} below the LP bound {relaxation.Value}");
            }
        }, iter: 30, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void LagrangeanDives_RandomInstances_PassTheCheckerAndBracketTheLpBound()
    {
        Instances.Sample(spec =>
        {
            var (instance, network, relaxation) = Relaxed(spec);
            var clock = Stopwatch.StartNew();
            var start = SuperDepotStart.Build(network, fits: null);
            if (start is not { Complete: true })
            {
                return;
            }

            var startCost = start.Schedule(network).Cost;
            var search = LagrangeanDepotHeuristic.Run(network, start.Schedule(network), clock, TimeSpan.MaxValue, maxSteps: 250);
            var (blocks, cost) = search.Best;
            var check = CostMatrixScheduleChecker.Check(instance, [.. blocks.Select(b => (b.Block.Depot, (IReadOnlyList<int>)b.Block.Trips))], cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            Assert.True(cost <= startCost);
            Assert.True(cost >= relaxation.Value - 1e-6, $"{cost} below the LP bound {relaxation.Value}");
            Assert.True(search.BestBound <= relaxation.Value + 1e-6, $"Lagrangean value {search.BestBound} above the LP bound {relaxation.Value}");
            Assert.True(search.BestBound >= start.Bound, $"Lagrangean value {search.BestBound} below the super-depot flow's {start.Bound}");
        }, iter: 20, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void LagrangeanDives_MoreSteps_NeverADearerSchedule()
    {
        var instance = CarpanetoInstance.Generate(120, 4, 5);
        var network = NetworkFactory.Build(instance);
        var start = SuperDepotStart.Build(network, fits: null)!;
        var startCost = start.Schedule(network).Cost;
        var costs = new[] { 80, 160, 320, 640 }
            .Select(steps => LagrangeanDepotHeuristic.Run(network, start.Schedule(network), Stopwatch.StartNew(), TimeSpan.MaxValue, maxSteps: steps).Best.Cost)
            .ToList();
        Assert.Equal(costs.OrderByDescending(c => c), costs);
    }

    /// <summary>
    /// The heuristic alone, a fixed number of steps (the same work on any machine), on public
    /// instances with proven optima: measured 0.04 % (n150m4s0) and 0.40 % (n150m3s0) operating gap.
    /// </summary>
    [Theory]
    [InlineData("n150m4s0")]
    [InlineData("n150m3s0")]
    public void LagrangeanDives_Alone_FixedSteps_WithinOnePercentOperatingGap(string name)
    {
        var instance = MdvspInstanceReader.ReadCostMatrix(TestPaths.Instance("mdvsp", "small", name + ".inp.gz"));
        var known = File.ReadLines(TestPaths.Instance("mdvsp", "small", "known.csv")).Select(l => l.Split(',')).Single(f => f[0] == name);
        var (optimum, minFleet) = (long.Parse(known[3], CultureInfo.InvariantCulture), int.Parse(known[4], CultureInfo.InvariantCulture));
        var network = NetworkFactory.Build(instance);
        var start = SuperDepotStart.Build(network, fits: null)!;
        var startCost = start.Schedule(network).Cost;
        var (blocks, cost) = LagrangeanDepotHeuristic.Run(network, start.Schedule(network), Stopwatch.StartNew(), TimeSpan.MaxValue, maxSteps: 400).Best;

        var check = CostMatrixScheduleChecker.Check(instance, [.. blocks.Select(b => (b.Block.Depot, (IReadOnlyList<int>)b.Block.Trips))], cost);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
        var operatingGap = ((double)(cost - (10_000L * blocks.Count)) / (optimum - (10_000L * minFleet))) - 1;
        Assert.True(operatingGap <= 0.01, $"{name}: cost {cost}, {blocks.Count} vehicles, operating gap {operatingGap:P2}");
    }

    [Fact]
    public void ReducedCostArcMip_DeadlinePassed_IsNotStartedAndWithTimeProvesTheOptimum()
    {
        var (instance, network, relaxation) = Relaxed((30, 3, 4));
        var clock = Stopwatch.StartNew();
        Assert.Null(ReducedCostArcMip.Solve(network, relaxation.Pi, relaxation.Mu, relaxation.Value, long.MaxValue, clock, TimeSpan.Zero, 1, 0));

        // With a limit only a proof ends (a 30-trip instance), the same call gives a checked optimum at or above the LP bound.
        var outcome = ReducedCostArcMip.Solve(network, relaxation.Pi, relaxation.Mu, relaxation.Value, long.MaxValue, clock, TimeSpan.FromSeconds(300), 1, 0);
        Assert.NotNull(outcome);
        Assert.True(outcome.Proven);
        Assert.NotNull(outcome.Blocks);
        Assert.True(outcome.Cost >= relaxation.Value - 1e-6);
        var check = CostMatrixScheduleChecker.Check(instance, [.. outcome.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], outcome.Cost);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
    }

    /// <summary>
    /// The arc MIP's ladder on random instances, every rung solved with a limit only a proof ends
    /// (at most 60 trips): ceilings rise to the incumbent, every rung below the optimum is proven
    /// empty (its ceiling a bound), and the first rung above it gives the optimum — the same as one
    /// MIP over every arc that can be in a cheaper schedule.
    /// </summary>
    [Fact]
    public void ArcMipLadder_RungByRung_ProvesEachCeilingUntilOneHoldsTheOptimum()
    {
        Instances.Sample(spec =>
        {
            var (instance, network, relaxation) = Relaxed(spec);
            if (SuperDepotStart.Build(network, fits: null) is not { Complete: true } start)
            {
                return;
            }

            var incumbent = start.Schedule(network).Cost;
            var clock = Stopwatch.StartNew();
            var whole = ReducedCostArcMip.Solve(network, relaxation.Pi, relaxation.Mu, relaxation.Value, incumbent + 1, clock, clock.Elapsed + TimeSpan.FromSeconds(300), 1, 0, int.MaxValue);
            Assert.True(whole is { Proven: true, Blocks: not null });
            var optimum = whole.Cost;

            var ladder = ReducedCostArcMip.Ladder(network, relaxation.Pi, relaxation.Mu, relaxation.Value, incumbent, int.MaxValue, fewest: 0);
            Assert.Equal(incumbent, ladder[^1]);
            Assert.Equal(ladder.Distinct().Order(), ladder);
            foreach (var ceiling in ladder)
            {
                var rung = ReducedCostArcMip.Solve(network, relaxation.Pi, relaxation.Mu, relaxation.Value, ceiling, clock, clock.Elapsed + TimeSpan.FromSeconds(300), 1, 0, int.MaxValue);
                Assert.True(rung is { Proven: true }, $"rung below {ceiling}");
                if (ceiling <= optimum)
                {
                    Assert.Null(rung.Blocks);
                    Assert.Equal(ceiling, rung.LowerBound);
                    continue;
                }

                Assert.NotNull(rung.Blocks);
                Assert.Equal(optimum, rung.Cost);
                var check = CostMatrixScheduleChecker.Check(instance, [.. rung.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], rung.Cost);
                Assert.True(check.IsValid, string.Join("\n", check.Violations));
                break;
            }
        }, iter: 12, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>
    /// The LP dives as the scheduler runs them, one after another on one LP (coarse to fine): each
    /// starts from nothing fixed, gives a complete schedule the checker accepts at or above the LP
    /// bound, and its steps do not depend on the deadline (two deadlines, the same schedules).
    /// </summary>
    [Fact]
    public void LpDives_OneAfterAnother_CompleteCheckedAndTheSameWhateverTheDeadline()
    {
        Instances.Sample(spec =>
        {
            var (instance, network, relaxation) = Relaxed(spec);
            var costs = new List<List<long>>();
            foreach (var seconds in new[] { 200, 400 })
            {
                var clock = Stopwatch.StartNew();
                using var lp = new ArcGenerationLp(network, new bool[network.ArcCount]);
                Assert.True(lp.Converge(clock, TimeSpan.FromSeconds(120)) is { Converged: true });
                var these = new List<long>();
                foreach (var share in new[] { 0.5, 0.25, 0.1, 0 })
                {
                    var dived = lp.Dive(clock, TimeSpan.FromSeconds(seconds), share);
                    Assert.True(dived is not null, lp.Failure);
                    var check = CostMatrixScheduleChecker.Check(instance, [.. dived.Value.Blocks.Select(b => (b.Block.Depot, (IReadOnlyList<int>)b.Block.Trips))], dived.Value.Cost);
                    Assert.True(check.IsValid, string.Join("\n", check.Violations));
                    Assert.True(dived.Value.Cost >= relaxation.Value - 1e-6);
                    these.Add(dived.Value.Cost);
                }

                costs.Add(these);
            }

            Assert.Equal(costs[0], costs[1]);
        }, iter: 12, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>
    /// The whole multiple-depot pipeline at two limits on a public 150-trip instance (solved to a
    /// proven optimum in about 1.5 s on an idle machine): the longer limit is never dearer. Both limits
    /// are far beyond what any stage needs, so load cannot reorder the stages; at limits a stage
    /// does not fit into, a longer run is not guaranteed better (the LP's convergence is timed, not
    /// counted: docs/vehicle-blocks.md).
    /// </summary>
    [Fact]
    public void Solve_LongerLimit_NeverADearerSchedule()
    {
        var instance = MdvspInstanceReader.ReadCostMatrix(TestPaths.Instance("mdvsp", "small", "n150m4s0.inp.gz"));
        var costs = new List<decimal>();
        foreach (var seconds in new[] { 100, 300 })
        {
            var options = new SolveOptions(TimeSpan.FromSeconds(seconds), workers: 2, seed: 1);
            var outcome = VspSolver.Solve(instance, options, options.StartBudget());
            Assert.True(outcome.HasSolution, outcome.Method);
            var check = CostMatrixScheduleChecker.Check(instance, [.. outcome.Solution!.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], (long)outcome.Solution.Cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            costs.Add(outcome.Solution.Cost);
        }

        Assert.True(costs[1] <= costs[0], $"{costs[0]} at 100 s, {costs[1]} at 300 s");
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameInstanceWithLimitsInCarpanetosRange()
    {
        var a = CarpanetoInstance.Generate(300, 4, 7);
        var b = CarpanetoInstance.Generate(300, 4, 7);
        Assert.True(a.Matrix.SequenceEqual(b.Matrix));
        Assert.True(a.VehicleLimits.SequenceEqual(b.VehicleLimits));
        Assert.All(a.VehicleLimits, v => Assert.InRange(v, 3 + (300 / 12), 3 + (300 / 8)));
        Assert.False(a.Matrix.SequenceEqual(CarpanetoInstance.Generate(300, 4, 8).Matrix));
    }

    [Fact]
    public void Solve_SmallGeneratedInstance_IsCheckedAndWithinTheLpBound()
    {
        var instance = CarpanetoInstance.Generate(40, 3, 11);
        var options = new SolveOptions(TimeSpan.FromSeconds(300), workers: 1, seed: 0);
        var outcome = VspSolver.Solve(instance, options, options.StartBudget());
        Assert.True(outcome.HasSolution, outcome.Method);
        var check = CostMatrixScheduleChecker.Check(instance, [.. outcome.Solution!.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], (long)outcome.Solution.Cost);
        Assert.True(check.IsValid, string.Join("\n", check.Violations));
        Assert.True(outcome.Gap <= 0.001, $"gap {outcome.Gap:P3}: {outcome.Method}");
    }
}
