using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TransitPairs.Optimization.VehicleScheduling.Battery;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The scaling curve of battery scheduling on generated winter days (<see cref="SyntheticBatteryDay"/>:
/// two terminals 100 km apart, depot chargers): for each size, one solve within its own time limit,
/// the plan checked by <see cref="BatteryScheduleChecker"/>, the fleet against both bounds (the
/// no-battery fleet and the block master's LP bound), wall and CPU time, and the peak working set.
/// With more than one size, each size runs in a child process of its own (this program with
/// <c>--row</c>), so a row's peak memory is that day's alone, as when a user plans it, and not what
/// the earlier sizes left in the process (which had put 315–335 MB on the 500-trip row against
/// 262–265 MB for the same day alone). The growth exponent is fitted on CPU time against trips.
/// </summary>
internal static class BatteryScalingCurve
{
    /// <summary>One measured size: what the child process prints as JSON with <c>--row</c>.</summary>
    internal sealed record Row(int Trips, int Vehicles, int NoBatteryBound, int BatteryBound, int NetworkBound, double Gap, bool Checked, int Columns, double Wall, double Cpu, long Peak);

    public static readonly int[] DefaultSizes = [100, 200, 500, 1_000];

    /// <summary>Time limit per size, seconds: 10 s at 100 trips, 30 s at 200, 60 s at 500, 120 s at 1,000.</summary>
    public static double LimitFor(int trips) => trips switch
    {
        <= 100 => 10,
        <= 200 => 30,
        <= 500 => 60,
        _ => 120,
    };

    /// <summary>Solves one size in this process and returns its row (the peak is this process's).</summary>
    public static Row Measure(TextWriter log, int trips, int workers, int seed)
    {
        var problem = SyntheticBatteryDay.Generate(new SyntheticBatteryDaySpec(trips), seed);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = BatteryScheduler.Solve(problem, new BatterySolveOptions(LimitFor(trips), workers, seed));
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var check = result.HasPlan && BatteryScheduleChecker.Check(problem, result.Schedule).IsValid;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{trips} trips: {result.Vehicles} vehicles, bounds {result.NoBatteryFleetBound} / {result.BatteryFleetBound} (network {result.NetworkFleetBound}), {wall:0.0} s wall, {cpuSeconds:0.0} s CPU, checked {check}, {result.Columns} columns"));
        return new Row(trips, result.Vehicles, result.NoBatteryFleetBound, result.BatteryFleetBound, result.NetworkFleetBound, result.FleetGap, check, result.Columns, wall, cpuSeconds, process.PeakWorkingSet64);
    }

    /// <summary>The <c>--row</c> mode: one size, its row as one line of JSON on stdout.</summary>
    public static int RunRow(TextWriter output, TextWriter log, IReadOnlyList<int> sizes, int workers, int seed)
    {
        if (sizes.Count != 1)
        {
            log.WriteLine("battery-scaling --row measures one size: give exactly one value to --sizes (e.g. --sizes 500).");
            return 2;
        }
        var trips = sizes[0];
        var row = Measure(log, trips, workers, seed);
        output.WriteLine(JsonSerializer.Serialize(row));
        return row.Checked ? 0 : 1;
    }

    /// <summary>Runs one size in a child process of this program and reads its row back.</summary>
    private static Row MeasureInChild(int trips, int workers, int seed)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            // Started as `dotnet TransitPairs.Benchmarks.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(BatteryScalingCurve).Assembly.Location);
        }
        foreach (var argument in new[] { "battery-scaling", "--row", "--sizes", Invariant(trips), "--threads", Invariant(workers), "--seed", Invariant(seed) })
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process for " + trips + " trips.");
        var text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        return line is null
            ? throw new InvalidOperationException($"The child process for {trips} trips exited with {child.ExitCode} and printed no row.")
            : JsonSerializer.Deserialize<Row>(line)!;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static int Run(TextWriter output, TextWriter log, IReadOnlyList<int> sizes, int workers, int seed)
    {
        var inProcess = sizes.Count == 1;
        List<Row> rows = inProcess
            ? [Measure(log, sizes[0], workers, seed)]
            : [.. sizes.Select(trips => MeasureInChild(trips, workers, seed))];
        foreach (var row in inProcess ? [] : rows)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Trips} trips (own process): {row.Vehicles} vehicles, bounds {row.NoBatteryBound} / {row.BatteryBound}, {row.Wall:0.0} s wall, {row.Cpu:0.0} s CPU, checked {row.Checked}, peak {row.Peak / 1e6:0} MB"));
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Generated winter days (seed {seed}), {workers} worker(s); limit 10 / 30 / 60 / 120 s by size; {(inProcess ? "one size, in this process" : "each size in its own process")}."));
        output.WriteLine();
        output.WriteLine("| trips | limit s | vehicles | no-battery bound | battery LP bound | of which network LP | gap to tighter bound | checked | columns | wall s | CPU s | peak working set MB |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(inv,
                $"| {r.Trips} | {LimitFor(r.Trips):0} | {r.Vehicles} | {r.NoBatteryBound} | {r.BatteryBound} | {(r.NetworkBound > 0 ? r.NetworkBound.ToString(CultureInfo.InvariantCulture) : "–")} | {r.Gap:P1} | {(r.Checked ? "yes" : "NO")} | {r.Columns} | {r.Wall:0.0} | {r.Cpu:0.0} | {r.Peak / 1e6:0} |"));
        }

        if (rows.Count >= 2)
        {
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"Growth exponent of CPU time in trips (least squares on logs): {ScalingCurve.GrowthExponent([.. rows.Select(r => ((double)r.Trips, Math.Max(1e-3, r.Cpu)))]):0.00}."));
        }

        return rows.All(r => r.Checked) ? 0 : 1;
    }
}
