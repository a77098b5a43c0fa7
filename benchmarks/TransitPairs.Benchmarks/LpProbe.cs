using System.Diagnostics;
using System.Globalization;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The multiple-depot arc LP alone on one cost-matrix instance: how long it takes to converge
/// (wall and CPU), in how many solves and with how many arcs, under the GLOP parameters given;
/// per solve GLOP's seconds and iterations, the value, the dual bound and the arcs priced in; with
/// <c>--dive</c> also the LP dives after it (one per share of <c>--dive-shares</c>), each with its block moves.
/// </summary>
internal static class LpProbe
{
    public static int Run(TextWriter output, string path, string glopParameters, int arcsPerTail, int seconds, long mipCeiling, string solverId, double perturbation, int startConnections, double[] diveShares)
    {
        var clock = Stopwatch.StartNew();
        var instance = MdvspInstanceReader.ReadCostMatrix(path);
        var network = NetworkFactory.Build(instance);
        var start = SuperDepotStart.Build(network, fits: null) ?? throw new InvalidOperationException("no super-depot flow");
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var built = clock.Elapsed;
        using var lp = new ArcGenerationLp(network, ArcLpScheduler.StartArcs(network, start.Blocks.Select(b => b.Block), startConnections), glopParameters, arcsPerTail, solverId, perturbation: perturbation);
        var bound = lp.Converge(clock, TimeSpan.FromSeconds(seconds));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{instance.Name} {solverId} [{glopParameters}] {startConnections} start connections, {arcsPerTail} arcs per tail, perturbation {perturbation}: converged {bound?.Converged}, value {bound?.Value:0.00}, {bound?.Rounds} solves, {bound?.Arcs} arcs, {(clock.Elapsed - built).TotalSeconds:0.00} s wall, {cpu.TotalSeconds:0.00} s CPU"));
        foreach (var r in lp.Trace)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  solve {r.SolveSeconds:0.00} s, {r.Iterations} iterations, value {r.Value:0.00}, dual bound {r.DualBound:0.00}; pricing {r.PricingSeconds:0.00} s, {r.Added} arcs added, {r.Arcs} arcs"));
        }

        foreach (var share in bound is { Converged: true } ? diveShares : [])
        {
            // The LP dives after it, as the scheduler runs them: each then improved by block moves.
            var diveStart = clock.Elapsed;
            var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            var dived = lp.Dive(clock, clock.Elapsed + TimeSpan.FromSeconds(seconds), share);
            var diveSeconds = (clock.Elapsed - diveStart).TotalSeconds;
            var moved = dived is { } d ? DepotReassignment.Improve(network, d.Blocks.Select(b => b.Block), clock, clock.Elapsed + TimeSpan.FromSeconds(seconds)).Cost : (long?)null;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dive {share}: {(dived is null ? "none" : dived.Value.Cost.ToString(CultureInfo.InvariantCulture))} in {lp.DiveRounds} roundings ({diveSeconds:0.00} s wall), after block moves {moved} ({(clock.Elapsed - diveStart).TotalSeconds:0.00} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu2).TotalSeconds:0.00} s CPU)"));
        }

        if (mipCeiling > 0 && bound is { Converged: true })
        {
            // The reduced-cost arc MIP for every schedule costing at most mipCeiling: a wider arc set
            // than the solver's own (whose ceiling is its incumbent − 1), so a second opinion on an optimum.
            var mipStart = clock.Elapsed;
            var closing = ReducedCostArcMip.Solve(network, bound.Pi, bound.Mu, bound.Value, mipCeiling + 1, clock, clock.Elapsed + TimeSpan.FromSeconds(seconds), 2, 0, int.MaxValue);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reduced-cost arc MIP, ceiling {mipCeiling}: {closing?.KeptArcs} arcs kept, best {(closing?.Blocks is null ? "none" : closing.Cost.ToString(CultureInfo.InvariantCulture))}, bound {closing?.LowerBound}, proven {closing?.Proven}, {(clock.Elapsed - mipStart).TotalSeconds:0.0} s"));
        }

        return 0;
    }
}
