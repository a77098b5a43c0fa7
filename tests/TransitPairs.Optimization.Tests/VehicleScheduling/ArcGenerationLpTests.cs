using System.Diagnostics;
using System.Globalization;
using CsCheck;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;
using TransitPairs.TestSupport;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>
/// The arc LP itself: the perturbed right-hand sides it generates arcs with change nothing of
/// the LP value it ends with, the dual bound of every round is a valid lower bound, and the value
/// is the published LP bound of pepin2009 instances.
/// </summary>
public sealed class ArcGenerationLpTests
{
    private static Gen<(int Trips, int Depots, int Seed)> Instances => MultiDepotHeuristicTests.Instances;

    /// <summary>Converges the LP of <paramref name="network"/> from the super-depot start, the way the scheduler does.</summary>
    private static (ArcGenerationLp.Bound Bound, List<ArcGenerationLp.RoundTrace> Trace) Converge(ConnectionNetwork network, double perturbation)
    {
        var start = SuperDepotStart.Build(network, fits: null)!;
        using var lp = new ArcGenerationLp(network, ArcLpScheduler.StartArcs(network, start.Blocks.Select(b => b.Block)), perturbation: perturbation);
        var bound = lp.Converge(Stopwatch.StartNew(), TimeSpan.FromSeconds(300));
        Assert.True(bound is { Converged: true }, lp.Failure);
        return (bound, lp.Trace);
    }

    private static double Tolerance(double value) => 1e-3 + (Math.Abs(value) * 1e-9);

    [Fact]
    public void Converge_PerturbedOrNot_SameLpValueAndEveryDualBoundBelowIt()
    {
        Instances.Sample(spec =>
        {
            var network = NetworkFactory.Build(CarpanetoInstance.Generate(spec.Trips, spec.Depots, spec.Seed));
            var (exact, exactTrace) = Converge(network, perturbation: 0);
            var (perturbed, perturbedTrace) = Converge(network, ArcGenerationLp.CoverPerturbation);

            Assert.True(Math.Abs(perturbed.Value - exact.Value) <= Tolerance(exact.Value), $"{spec}: perturbed {perturbed.Value}, true {exact.Value}");
            foreach (var round in exactTrace.Concat(perturbedTrace))
            {
                Assert.True(round.DualBound <= exact.Value + Tolerance(exact.Value), $"{spec}: dual bound {round.DualBound} above the LP value {exact.Value}");
            }

            // At convergence every reduced cost is ≥ 0 and the dual bound is the LP value.
            Assert.True(Math.Abs(perturbed.DualBound - exact.Value) <= Tolerance(exact.Value), $"{spec}: final dual bound {perturbed.DualBound}, LP {exact.Value}");
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>
    /// A dive straight after construction rounds the true LP, not the perturbed one (the scheduler
    /// dives on an LP whose convergence the clock cut short): a checked schedule at or above the LP bound.
    /// </summary>
    [Fact]
    public void Dive_WithoutConverging_RoundsTheTrueLpToACheckedSchedule()
    {
        Instances.Sample(spec =>
        {
            var instance = CarpanetoInstance.Generate(spec.Trips, spec.Depots, spec.Seed);
            var network = NetworkFactory.Build(instance);
            var (exact, _) = Converge(network, perturbation: 0);
            var start = SuperDepotStart.Build(network, fits: null)!;
            using var lp = new ArcGenerationLp(network, ArcLpScheduler.StartArcs(network, start.Blocks.Select(b => b.Block)));
            var dived = lp.Dive(Stopwatch.StartNew(), TimeSpan.FromSeconds(300));

            Assert.True(dived is not null, $"{spec}: {lp.Failure}");
            var (blocks, cost) = dived.Value;
            var check = CostMatrixScheduleChecker.Check(instance, [.. blocks.Select(b => (b.Block.Depot, (IReadOnlyList<int>)b.Block.Trips))], cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            Assert.True(cost >= exact.Value - Tolerance(exact.Value), $"{spec}: {cost} below the LP bound {exact.Value}");
        }, iter: 15, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>The LP value is the published LP bound (<c>lp_bound</c> of known.csv, to the cent).</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("m4n500s3")]
    [InlineData("m8n500s0")]
    public void Converge_PepinInstance_IsThePublishedLpBound(string name)
    {
        var known = File.ReadLines(TestPaths.Instance("mdvsp", "pepin2009", "known.csv")).Select(l => l.Split(',')).Single(f => f[0] == name);
        var lpBound = double.Parse(known[5], CultureInfo.InvariantCulture);
        var network = NetworkFactory.Build(MdvspInstanceReader.ReadCostMatrix(TestPaths.Instance("mdvsp", "pepin2009", name + ".inp.gz")));

        var (bound, _) = Converge(network, ArcGenerationLp.CoverPerturbation);

        Assert.True(Math.Abs(bound.Value - lpBound) <= 0.01, $"{name}: LP {bound.Value}, published {lpBound}");
        Assert.True(Math.Abs(bound.DualBound - lpBound) <= 0.01, $"{name}: dual bound {bound.DualBound}, published {lpBound}");
    }
}
