using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using TransitPairs.IO.Scheduling;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;

namespace TransitPairs.Benchmarks;

/// <summary>One row of a <c>known.csv</c> of <c>benchmarks/instances/mdvsp</c>: the best known (or optimal) cost and the minimum fleet.</summary>
internal sealed record KnownResult(string Instance, long BestKnown, int MinFleet);

/// <summary>One solved instance, as a row of the quality table.</summary>
internal sealed record QualityRow(
    string Family,
    string Instance,
    int Depots,
    int Trips,
    int? Vehicles,
    int MinFleet,
    long? Cost,
    long BestKnown,
    double OperatingGap,
    long Bound,
    string Status,
    double Seconds)
{
    /// <summary>Relative gap of the cost to the best known value; NaN without a schedule.</summary>
    public double GapToBest => Cost is { } cost ? ((double)cost / BestKnown) - 1 : double.NaN;

    public bool Solved => Cost is not null;
}

/// <summary>
/// Quality next to speed: solves every instance in <c>benchmarks/instances/mdvsp</c> (cost-matrix
/// families with a <c>known.csv</c>) with the project's solver, checks each schedule with the
/// independent checker, and writes a Markdown table: vehicles against the minimum fleet, cost
/// against the best known value, the operating gap
/// <c>(cost − 10000·vehicles) / (best − 10000·min_fleet) − 1</c> of benchmarks/instances/SOURCES.md, the
/// solver's lower bound and the time.
/// </summary>
internal static class QualityTable
{
    /// <summary>The vehicle cost inside the benchmark matrices (5,000 on pull-out + 5,000 on pull-in).</summary>
    private const long VehicleCost = 10_000;

    public static int Run(TextWriter output, TextWriter log, VspOptions options, string? family)
    {
        var folder = SharedBenchmarks.SubFolder("mdvsp");
        if (folder is null)
        {
            log.WriteLine(SharedBenchmarks.AbsentMessage("quality table"));
            return 0;
        }

        var rows = new List<QualityRow>();
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(dir);
            var known = System.IO.Path.Combine(dir, "known.csv");
            if ((family is not null && family != name) || !File.Exists(known))
            {
                continue;
            }

            foreach (var result in ReadKnown(known))
            {
                var row = Solve(name, System.IO.Path.Combine(dir, result.Instance + ".inp.gz"), result, options);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Instance}: {row.Vehicles?.ToString(CultureInfo.InvariantCulture) ?? "no"} vehicles (min {row.MinFleet}), cost {row.Cost?.ToString(CultureInfo.InvariantCulture) ?? "-"} (best {row.BestKnown}), operating gap {row.OperatingGap:P2}, {row.Status}, {row.Seconds:0.0} s"));
                rows.Add(row);
            }
        }

        Write(output, rows, options);
        return 0;
    }

    /// <summary>The rows of a known.csv; pepin2009 names the value <c>best_known</c>, small names it <c>optimal</c>.</summary>
    private static List<KnownResult> ReadKnown(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true });
        csv.ReadHeader();
        var best = csv.Headers.Contains("best_known", StringComparer.Ordinal) ? "best_known" : "optimal";
        var rows = new List<KnownResult>();
        while (csv.Read())
        {
            rows.Add(new KnownResult(
                csv.GetString("instance"),
                long.Parse(csv.GetString(best), CultureInfo.InvariantCulture),
                int.Parse(csv.GetString("min_fleet"), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static QualityRow Solve(string family, string path, KnownResult known, VspOptions options)
    {
        var instance = MdvspInstanceReader.ReadCostMatrix(path);
        var clock = Stopwatch.StartNew();
        var solution = VspSolver.Solve(instance, options);
        var seconds = clock.Elapsed.TotalSeconds;
        if (solution.Status == SolveStatus.Infeasible)
        {
            throw new InvalidOperationException($"{instance.Name}: the solver calls a feasible public instance infeasible.");
        }

        if (solution.Status == SolveStatus.NoSolutionFound)
        {
            // No schedule within the limit: a row of its own (with the bound), not the end of the table.
            return new QualityRow(family, instance.Name, instance.Depots, instance.Trips, null, known.MinFleet, null, known.BestKnown,
                double.NaN, (long)Math.Ceiling(solution.LowerBound), "no solution", seconds);
        }

        var check = CostMatrixScheduleChecker.Check(instance, [.. solution.Blocks.Select(b => (b.Depot, (IReadOnlyList<int>)b.Trips))], (long)solution.Cost);
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"{instance.Name}: the schedule failed the independent check: {string.Join(" ", check.Violations.Take(3))}");
        }

        var operating = (double)((long)solution.Cost - (VehicleCost * solution.Vehicles)) / (known.BestKnown - (VehicleCost * known.MinFleet));
        return new QualityRow(family, instance.Name, instance.Depots, instance.Trips, solution.Vehicles, known.MinFleet,
            (long)solution.Cost, known.BestKnown, operating - 1, (long)Math.Ceiling(solution.LowerBound), solution.Status.ToString().ToLowerInvariant(), seconds);
    }

    private static void Write(TextWriter output, List<QualityRow> rows, VspOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Time limit {options.TimeLimit.TotalSeconds:0} s per instance, {options.Threads} worker(s), seed {options.Seed}."));
        output.WriteLine();
        output.WriteLine("| instance | depots | trips | vehicles | min fleet | cost | best known | gap to best | operating gap | bound | status | seconds |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in rows)
        {
            output.WriteLine(r.Solved
                    ? string.Create(inv, $"| {r.Instance} | {r.Depots} | {r.Trips} | {r.Vehicles} | {r.MinFleet} | {r.Cost} | {r.BestKnown} | {r.GapToBest * 100:0.000} % | {r.OperatingGap * 100:0.00} % | {r.Bound} | {r.Status} | {r.Seconds:0.0} |")
                    : string.Create(inv, $"| {r.Instance} | {r.Depots} | {r.Trips} | - | {r.MinFleet} | - | {r.BestKnown} | - | - | {r.Bound} | {r.Status} | {r.Seconds:0.0} |"));
        }

        foreach (var group in rows.GroupBy(r => r.Family))
        {
            var solved = group.Where(r => r.Solved).ToList();
            output.WriteLine(string.Create(inv,
                $"| **{group.Key}: {group.Count()} instances, {solved.Count} solved** | | | {solved.Count(r => r.Vehicles == r.MinFleet)} at min fleet | | | {solved.Count(r => r.Cost == r.BestKnown)} at best | {(solved.Count > 0 ? solved.Average(r => r.GapToBest) * 100 : double.NaN):0.000} % mean | {(solved.Count > 0 ? solved.Average(r => r.OperatingGap) * 100 : double.NaN):0.00} % mean | | {group.Count(r => r.Status == "optimal")} optimal | {group.Sum(r => r.Seconds):0} total |"));
        }
    }
}
