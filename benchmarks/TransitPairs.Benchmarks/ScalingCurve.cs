using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The scaling curve of single-depot scheduling (time-space network, exact min-cost flow) on
/// generated corridor days of growing size, with a stopwatch breakdown of the phases and the
/// growth exponent fitted by least squares on log(time) against log(trips).
/// </summary>
/// <remarks>
/// One warm-up solve, then each size is solved <c>repeats</c> times; the table gives medians.
/// Phases: map (domain → integer core), network (time-space build), flow (network simplex min-cost flow
/// and the flow decomposition into blocks), timed in one run; then the whole solve end to end
/// (which also builds the domain blocks with their events) in a second run. Memory: managed bytes allocated per solve (what BenchmarkDotNet's memory diagnoser
/// counts) and the process's peak working set after the size, which also holds the native memory
/// of the flow solver; sizes run in increasing order so the peak belongs to the largest so far.
/// CPU time is the better figure on a shared machine: other processes stretch the wall time.
/// </remarks>
internal static class ScalingCurve
{
    public static readonly int[] DefaultSizes = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000];

    private sealed record Point(int Trips, int Vehicles, int Arcs, double MapSeconds, double NetworkSeconds, double FlowSeconds, double TotalSeconds, double CpuSeconds, long AllocatedBytes, long PeakWorkingSet);

    public static int Run(TextWriter output, TextWriter log, IReadOnlyList<int> sizes, int repeats)
    {
        var options = new SolveOptions(TimeSpan.FromMinutes(10), 1, 0);
        var points = new List<Point>();
        using var process = Process.GetCurrentProcess();
        TripScheduler.Solve(Instances.CorridorDay(sizes.Min()), options, NetworkKind.TimeSpace); // warm-up: JIT and first-touch allocations
        foreach (var trips in sizes)
        {
            var problem = Instances.CorridorDay(trips);
            var samples = new List<Point>();
            for (var r = 0; r < repeats; r++)
            {
                // The phases one after the other, with a stopwatch around each.
                Settle();
                var clock = Stopwatch.StartNew();
                var mapped = TripScheduler.Map(problem).Problem;
                var map = clock.Elapsed.TotalSeconds;
                var network = NetworkFactory.Build(mapped, NetworkKind.TimeSpace);
                var build = clock.Elapsed.TotalSeconds - map;
                var flow = Stopwatch.StartNew();
                MinCostFlowScheduler.Solve(network, flow);
                var flowSeconds = flow.Elapsed.TotalSeconds;

                // Then the whole solve end to end (map, network, flow, domain blocks with events):
                // wall time, CPU time of the process and managed bytes allocated by the call.
                Settle();
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                clock.Restart();
                var result = TripScheduler.Solve(problem, options, NetworkKind.TimeSpace);
                var total = clock.Elapsed.TotalSeconds;
                var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                samples.Add(new Point(trips, result.Solution!.Schedule.Blocks.Length, network.ArcCount, map, build, flowSeconds, total, cpuSeconds, bytes, 0));
            }

            process.Refresh();
            var median = Median(samples) with { PeakWorkingSet = process.PeakWorkingSet64 };
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trips} trips: {median.TotalSeconds:0.000} s wall, {median.CpuSeconds:0.000} s CPU, {median.Vehicles} vehicles, {median.Arcs} arcs"));
            points.Add(median);
        }

        Write(output, points, repeats);
        return 0;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
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
            CpuSeconds = Mid(p => p.CpuSeconds),
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
        output.WriteLine(string.Create(inv, $"Median of {repeats} solve(s) per size; one worker; seed {Instances.Seed}."));
        output.WriteLine();
        output.WriteLine("| trips | vehicles | arcs | map s | network s | flow + decomposition s | total wall s | total CPU s | CPU µs / trip | allocated MB | peak working set MB |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            output.WriteLine(string.Create(inv,
                $"| {p.Trips} | {p.Vehicles} | {p.Arcs} | {p.MapSeconds:0.000} | {p.NetworkSeconds:0.000} | {p.FlowSeconds:0.000} | {p.TotalSeconds:0.000} | {p.CpuSeconds:0.000} | {p.CpuSeconds / p.Trips * 1e6:0.0} | {p.AllocatedBytes / 1e6:0.0} | {p.PeakWorkingSet / 1e6:0} |"));
        }

        output.WriteLine();
        string Exponent(Func<Point, double> y, int from = 0)
        {
            var chosen = points.Where(p => p.Trips >= from).Select(p => ((double)p.Trips, y(p))).ToList();
            return chosen.Count >= 2 ? GrowthExponent(chosen).ToString("0.00", inv) : "-";
        }

        output.WriteLine($"Growth exponent (log-log least squares) of CPU time: {Exponent(p => p.CpuSeconds)} over all sizes, {Exponent(p => p.CpuSeconds, 10_000)} from 10,000 trips up; of wall time: {Exponent(p => p.TotalSeconds)} and {Exponent(p => p.TotalSeconds, 10_000)}; of allocated memory: {Exponent(p => p.AllocatedBytes)}.");
    }
}
