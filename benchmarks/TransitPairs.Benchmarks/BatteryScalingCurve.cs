using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The scaling curve of battery scheduling on generated winter days (<see cref="SyntheticBatteryDay"/>:
/// two terminals 100 km apart, depot chargers): for each size, one solve within its own time limit,
/// the plan checked by <see cref="BatteryScheduleChecker"/>, the fleet against both bounds (the
/// no-battery fleet and the block master's LP bound), wall and CPU time, and the process's peak
/// working set (sizes run in increasing order, so the peak belongs to the largest so far). The growth
/// exponent is fitted on CPU time against trips.
/// </summary>
internal static partial class BatteryScalingCurve
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public static readonly int[] DefaultSizes = [100, 200, 500, 1_000];

    /// <summary>Time limit per size, seconds: 10 s at 100 trips, 30 s at 200, 60 s at 500, 120 s at 1,000.</summary>
    public static double LimitFor(int trips) => trips switch
    {
        <= 100 => 10,
        <= 200 => 30,
        <= 500 => 60,
        _ => 120,
    };

    public static int Run(TextWriter output, TextWriter log, IReadOnlyList<int> sizes, int workers, int seed)
    {
        using var process = Process.GetCurrentProcess();
        var rows = new List<(int Trips, BatteryScheduleResult Result, bool Checked, double Wall, double Cpu, long Peak)>();
        var failed = false;
        foreach (var trips in sizes)
        {
            // The previous size's garbage (and the native solver memory its finalizers release) is not this size's.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (OperatingSystem.IsLinux())
            {
                // Native memory the solvers freed stays in glibc's arenas unless trimmed: give it back to the system.
                _ = MallocTrim(0);
            }
            var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(trips), seed);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = BatteryScheduler.Solve(problem, new BatterySolveOptions(LimitFor(trips), workers, seed));
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var check = result.HasPlan && BatteryScheduleChecker.Check(problem, result.Schedule).IsValid;
            failed |= !check;
            rows.Add((trips, result, check, wall, cpuSeconds, process.PeakWorkingSet64));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{trips} trips: {result.Vehicles} vehicles, bounds {result.NoBatteryFleetBound} / {result.BatteryFleetBound}, {wall:0.0} s wall, {cpuSeconds:0.0} s CPU, checked {check}, {result.Columns} columns"));
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Generated winter days (seed {seed}), {workers} worker(s); limit 10 / 30 / 60 / 120 s by size."));
        output.WriteLine();
        output.WriteLine("| trips | limit s | vehicles | no-battery bound | battery LP bound | gap to tighter bound | checked | columns | wall s | CPU s | peak working set MB |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|");
        foreach (var (trips, r, ok, wall, cpu, peak) in rows)
        {
            output.WriteLine(string.Create(inv,
                $"| {trips} | {LimitFor(trips):0} | {r.Vehicles} | {r.NoBatteryFleetBound} | {r.BatteryFleetBound} | {r.FleetGap:P1} | {(ok ? "yes" : "NO")} | {r.Columns} | {wall:0.0} | {cpu:0.0} | {peak / 1e6:0} |"));
        }

        if (rows.Count >= 2)
        {
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"Growth exponent of CPU time in trips (least squares on logs): {ScalingCurve.GrowthExponent([.. rows.Select(r => ((double)r.Trips, Math.Max(1e-3, r.Cpu)))]):0.00}."));
        }

        return failed ? 1 : 0;
    }
}
