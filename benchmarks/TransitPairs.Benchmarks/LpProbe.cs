using System.Diagnostics;
using System.Globalization;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The multiple-depot arc LP alone on one cost-matrix instance: how long it takes to converge
/// (wall and CPU), in how many solves and with how many arcs, under the GLOP parameters given.
/// </summary>
internal static class LpProbe
{
    public static int Run(TextWriter output, string path, string glopParameters, int arcsPerTail, int seconds)
    {
        var clock = Stopwatch.StartNew();
        var instance = MdvspInstanceReader.ReadCostMatrix(path);
        var network = NetworkFactory.Build(instance);
        var start = SuperDepotStart.Build(network, fits: null) ?? throw new InvalidOperationException("no super-depot flow");
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var built = clock.Elapsed;
        using var lp = new ArcGenerationLp(network, ArcLpScheduler.StartArcs(network, start.Blocks.Select(b => b.Block)), glopParameters, arcsPerTail);
        var bound = lp.Converge(clock, TimeSpan.FromSeconds(seconds));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{instance.Name} [{glopParameters}] {arcsPerTail} arcs per tail: converged {bound?.Converged}, value {bound?.Value:0.00}, {bound?.Rounds} solves, {bound?.Arcs} arcs, {(clock.Elapsed - built).TotalSeconds:0.00} s wall, {cpu.TotalSeconds:0.00} s CPU"));
        return 0;
    }
}
