using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The scaling curve of single-depot scheduling (time-space network, exact min-cost flow) on
/// generated corridor days of growing size, with a stopwatch breakdown of the phases and the
/// growth exponent fitted by least squares on log(time) against log(trips).
/// </summary>
/// <remarks>
/// Each size is solved <c>repeats</c> times after one warm-up solve; the table gives medians.
/// Phases: map (domain → integer core), network (time-space build), flow (OR-Tools min-cost flow
/// and the flow decomposition into blocks), blocks (domain blocks with their events) = total minus
/// the others. Memory: managed bytes allocated per solve (what BenchmarkDotNet's memory diagnoser
/// counts) and the process's peak working set after the size, which also holds the native memory
/// of the flow solver; sizes run in increasing order so the peak belongs to the largest so far.
/// </remarks>
internal static class ScalingCurve
{
    public static readonly int[] DefaultSizes = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000];

    private sealed record Point(int Trips, int Vehicles, int Arcs, double MapSeconds, double NetworkSeconds, double FlowSeconds, double TotalSeconds, long AllocatedBytes, long PeakWorkingSet);

    public static int Run(TextWriter output, TextWriter log, IReadOnlyList<int> sizes, int repeats)
    {
        var options = new VspOptions(TimeSpan.FromMinutes(10), Threads: 1, Seed: 0, NetworkKind.TimeSpace);
        var points = new List<Point>();
        foreach (var trips in sizes)
        {
            var problem = Instances.CorridorDay(trips);
            TripScheduler.Solve(problem, options); // warm-up: JIT and first-touch allocations
            var samples = new List<Point>();
            for (var r = 0; r < repeats; r++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                var mapped = TripScheduler.Map(problem).Problem;
                var map = clock.Elapsed.TotalSeconds;
                var network = NetworkFactory.Build(mapped, NetworkKind.TimeSpace);
                var build = clock.Elapsed.TotalSeconds - map;
                var flowClock = Stopwatch.StartNew();
                MinCostFlowScheduler.Solve(network, flowClock);
                var flow = flowClock.Elapsed.TotalSeconds;

                // The whole solve once more end to end (it repeats map, network and flow, then
                // builds the domain blocks): the total and the allocation of one call.
                GC.Collect();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                clock.Restart();
                var result = TripScheduler.Solve(problem, options);
                var total = clock.Elapsed.TotalSeconds;
                var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                samples.Add(new Point(trips, result.Schedule.Blocks.Length, network.ArcCount, map, build, flow, total, bytes, 0));
            }

            using var process = Process.GetCurrentProcess();
            var median = Median(samples) with { PeakWorkingSet = process.PeakWorkingSet64 };
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trips} trips: {median.TotalSeconds:0.000} s, {median.Vehicles} vehicles, {median.Arcs} arcs"));
            points.Add(median);
        }

        Write(output, points, repeats);
        return 0;
    }

    private static Point Median(List<Point> samples)
    {
        double Mid(Func<Point, double> f) => samples.Select(f).Order().ElementAt(samples.Count / 2);
        return samples[0] with
        {
            MapSeconds = Mid(p => p.MapSeconds),
            NetworkSeconds = Mid(p => p.NetworkSeconds),
            FlowSeconds = Mid(p => p.FlowSeconds),
            TotalSeconds = Mid(p => p.TotalSeconds),
            AllocatedBytes = (long)Mid(p => p.AllocatedBytes),
        };
    }

    /// <summary>Slope of the least-squares line through (log x, log y): y grows as x^slope.</summary>
    public static double GrowthExponent(IReadOnlyList<(double X, double Y)> points)
    {
        var xs = points.Select(p => Math.Log(p.X)).ToArray();
        var ys = points.Select(p => Math.Log(p.Y)).ToArray();
        var mx = xs.Average();
        var my = ys.Average();
        var sxy = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum();
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    private static void Write(TextWriter output, List<Point> points, int repeats)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Median of {repeats} solves per size after one warm-up; one worker; seed {Instances.Seed}."));
        output.WriteLine();
        output.WriteLine("| trips | vehicles | arcs | map s | network s | flow + decomposition s | blocks s | total s | µs / trip | allocated MB | peak working set MB |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            var blocks = Math.Max(0, p.TotalSeconds - p.MapSeconds - p.NetworkSeconds - p.FlowSeconds);
            output.WriteLine(string.Create(inv,
                $"| {p.Trips} | {p.Vehicles} | {p.Arcs} | {p.MapSeconds:0.000} | {p.NetworkSeconds:0.000} | {p.FlowSeconds:0.000} | {blocks:0.000} | {p.TotalSeconds:0.000} | {p.TotalSeconds / p.Trips * 1e6:0.0} | {p.AllocatedBytes / 1e6:0.0} | {p.PeakWorkingSet / 1e6:0} |"));
        }

        output.WriteLine();
        var all = points.Select(p => ((double)p.Trips, p.TotalSeconds)).ToList();
        var large = points.Where(p => p.Trips >= 10_000).Select(p => ((double)p.Trips, p.TotalSeconds)).ToList();
        var memory = points.Select(p => ((double)p.Trips, (double)p.AllocatedBytes)).ToList();
        output.WriteLine(string.Create(inv, $"Growth exponent of time (log-log least squares): {GrowthExponent(all):0.00} over all sizes; {(large.Count >= 2 ? GrowthExponent(large).ToString("0.00", inv) : "-")} from 10,000 trips up."));
        output.WriteLine(string.Create(inv, $"Growth exponent of allocated memory: {GrowthExponent(memory):0.00}."));
    }
}
