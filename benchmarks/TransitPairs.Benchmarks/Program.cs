using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Optimization.VehicleScheduling.Battery;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet's own options), or one of the
/// measurement modes: <c>quality</c> (the solver on every public MDVSP instance, as a Markdown
/// table), <c>scaling</c> (the single-depot scaling curve with its growth exponent),
/// <c>battery-scaling</c>, <c>carpaneto</c> (a generated instance), <c>heuristic</c> (the
/// multiple-depot Lagrangean dives alone, a fixed number of steps) and <c>arc-lp</c> (the
/// multiple-depot arc LP alone, under given GLOP parameters).
/// BenchmarkDotNet exits 0 even when every benchmark failed, so the summaries are inspected here
/// and any failure returns 1.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && args[0] is "quality" or "scaling" or "battery-scaling" or "carpaneto" or "heuristic" or "arc-lp" or "battery-lp" or "battery-lns"
            ? Modes().Parse(args).Invoke()
            : RunBenchmarks(args);
    }

    private static int RunBenchmarks(string[] args)
    {
        // The child project BenchmarkDotNet builds takes minutes on a loaded 2-core machine; its
        // default build timeout (2 min) then fails every benchmark without running one.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).ToList();
        foreach (var summary in failed)
        {
            Console.Error.WriteLine($"benchmark failed: {summary.Title}");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    private static RootCommand Modes()
    {
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per instance.", DefaultValueFactory = _ => 60 };
        var threads = new Option<int>("--threads") { Description = "Solver workers.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Solver seed.", DefaultValueFactory = _ => 0 };
        var family = new Option<string?>("--family") { Description = "Only this folder of benchmarks/instances/mdvsp (e.g. pepin2009, small)." };
        var quality = new Command("quality", "Solve every instance of benchmarks/instances/mdvsp and print the quality table (Markdown) on stdout.");
        quality.Options.Add(timeLimit);
        quality.Options.Add(threads);
        quality.Options.Add(seed);
        quality.Options.Add(family);
        quality.SetAction(parse => QualityTable.Run(Console.Out, Console.Error,
            new VspOptions(TimeSpan.FromSeconds(parse.GetValue(timeLimit)), parse.GetValue(threads), parse.GetValue(seed)), parse.GetValue(family)));

        var sizes = new Option<int[]>("--sizes") { Description = "Trips per generated day.", DefaultValueFactory = _ => ScalingCurve.DefaultSizes, AllowMultipleArgumentsPerToken = true };
        var repeats = new Option<int>("--repeats") { Description = "Timed solves per size (the median is reported).", DefaultValueFactory = _ => 3 };
        var scaling = new Command("scaling", "Time and memory of single-depot scheduling at growing sizes, with the fitted growth exponent (Markdown on stdout).");
        scaling.Options.Add(sizes);
        scaling.Options.Add(repeats);
        scaling.SetAction(parse => ScalingCurve.Run(Console.Out, Console.Error, parse.GetValue(sizes)!, Math.Max(1, parse.GetValue(repeats))));

        var batterySizes = new Option<int[]>("--sizes") { Description = "Trips per generated battery day.", DefaultValueFactory = _ => BatteryScalingCurve.DefaultSizes, AllowMultipleArgumentsPerToken = true };
        var batteryWorkers = new Option<int>("--threads") { Description = "Solver workers.", DefaultValueFactory = _ => 2 };
        var batterySeed = new Option<int>("--seed") { Description = "Generator and solver seed.", DefaultValueFactory = _ => 1 };
        var batteryScaling = new Command("battery-scaling", "Battery scheduling on generated winter days of growing size: fleet against both bounds, time, memory, growth exponent (Markdown on stdout).");
        batteryScaling.Options.Add(batterySizes);
        batteryScaling.Options.Add(batteryWorkers);
        batteryScaling.Options.Add(batterySeed);
        var batteryRow = new Option<bool>("--row") { Description = "Measure the one size given in --sizes in this process and print its row as JSON (what the curve's child processes run)." };
        batteryScaling.Options.Add(batteryRow);
        batteryScaling.SetAction(parse => parse.GetValue(batteryRow)
            ? BatteryScalingCurve.RunRow(Console.Out, Console.Error, parse.GetValue(batterySizes)!, parse.GetValue(batteryWorkers), parse.GetValue(batterySeed))
            : BatteryScalingCurve.Run(Console.Out, Console.Error, parse.GetValue(batterySizes)!, parse.GetValue(batteryWorkers), parse.GetValue(batterySeed)));

        var lpSize = new Option<int>("--trips") { Description = "Trips of the generated battery day.", DefaultValueFactory = _ => 1_000 };
        var lpLimit = new Option<int>("--seconds") { Description = "Limit of the column method; pricing gets its share of it.", DefaultValueFactory = _ => 1_800 };
        var batteryLp = new Command("battery-lp", "The battery block master LP alone on one generated winter day, column generation with a long limit: its value and bound.");
        batteryLp.Options.Add(lpSize);
        batteryLp.Options.Add(batterySeed);
        batteryLp.Options.Add(lpLimit);
        var lpLevels = new Option<int>("--levels") { Description = "Also (first) the energy network LP with this many charge levels a pack (0: not).", DefaultValueFactory = _ => 0 };
        batteryLp.Options.Add(lpLevels);
        var lpGlop = new Option<string>("--glop") { Description = "GLOP parameters for the energy network LP (text format).", DefaultValueFactory = _ => string.Empty };
        batteryLp.Options.Add(lpGlop);
        var lpGrid = new Option<int>("--grid") { Description = "Grid points a level at the charger sites of the energy network LP.", DefaultValueFactory = _ => EnergyNetworkBound.GridPerLevel };
        batteryLp.Options.Add(lpGrid);
        var lpMerge = new Option<bool>("--per-slot") { Description = "One energy network per fleet slot (each bus home at its own depot) instead of one per vehicle type." };
        batteryLp.Options.Add(lpMerge);
        var lpFull = new Option<bool>("--full") { Description = "The whole column method (integer blocks too, with --threads workers), its trace on stderr: where the buses come from." };
        batteryLp.Options.Add(lpFull);
        batteryLp.Options.Add(batteryWorkers);
        batteryLp.SetAction(parse => BatteryLpProbe.Run(Console.Out, parse.GetValue(lpSize), parse.GetValue(batterySeed), parse.GetValue(lpLimit), parse.GetValue(lpLevels), parse.GetValue(lpGlop)!, parse.GetValue(lpGrid), parse.GetValue(lpMerge), parse.GetValue(lpFull), parse.GetValue(batteryWorkers)));

        var batteryLns = new Command("battery-lns", "The battery stage's neighbourhood moves alone on one generated winter day, from the constructive plan: buses over time.");
        batteryLns.Options.Add(lpSize);
        batteryLns.Options.Add(batterySeed);
        batteryLns.Options.Add(lpLimit);
        batteryLns.Options.Add(batteryWorkers);
        batteryLns.SetAction(parse => BatteryLnsProbe.Run(Console.Out, parse.GetValue(lpSize), parse.GetValue(batterySeed), parse.GetValue(lpLimit), parse.GetValue(batteryWorkers)));

        var trips = new Option<int>("--trips") { Description = "Trips of the generated instance.", DefaultValueFactory = _ => 1_000 };
        var depots = new Option<int>("--depots") { Description = "Depots of the generated instance.", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "File to write (pepin2009 cost-matrix format).", Required = true };
        var carpaneto = new Command("carpaneto", "Write a random multiple-depot instance in the manner of Carpaneto et al. (1989), in the pepin2009 format.");
        carpaneto.Options.Add(trips);
        carpaneto.Options.Add(depots);
        carpaneto.Options.Add(seed);
        carpaneto.Options.Add(output);
        carpaneto.SetAction(parse => GeneratedMdvsp.Write(parse.GetValue(output)!, parse.GetValue(trips), parse.GetValue(depots), parse.GetValue(seed), Console.Error));

        var instancePath = new Argument<string>("instance") { Description = "A cost-matrix instance (pepin2009 format, plain or .gz)." };
        var steps = new Option<int>("--steps") { Description = "Subgradient steps.", DefaultValueFactory = _ => 200 };
        var heuristic = new Command("heuristic", "The multiple-depot Lagrangean heuristic alone on one instance, a fixed number of steps.");
        heuristic.Arguments.Add(instancePath);
        heuristic.Options.Add(steps);
        heuristic.SetAction(parse => HeuristicProbe.Run(Console.Out, parse.GetValue(instancePath)!, parse.GetValue(steps)));

        var glop = new Option<string>("--glop") { Description = "GLOP parameters in text format (presolve stays off).", DefaultValueFactory = _ => string.Empty };
        var perTail = new Option<int>("--arcs-per-tail") { Description = "Most arcs a pricing round adds per depot and tail node.", DefaultValueFactory = _ => 3 };
        var mipCeiling = new Option<long>("--mip-ceiling") { Description = "After the LP, the reduced-cost arc MIP for schedules costing at most this (0: none)." };
        var lpSeconds = new Option<int>("--seconds") { Description = "Most seconds the LP may take.", DefaultValueFactory = _ => 120 };
        var lpSolver = new Option<string>("--solver") { Description = "OR-Tools linear solver (GLOP, CLP, PDLP, …).", DefaultValueFactory = _ => "GLOP" };
        var perturb = new Option<double>("--perturb") { Description = "Cover right-hand sides 1 + up to this while arcs are generated (0: none).", DefaultValueFactory = _ => ArcGenerationLp.CoverPerturbation };
        var startConnections = new Option<int>("--start-connections") { Description = "Each trip's cheapest connections (each way) the LP starts with.", DefaultValueFactory = _ => 2 };
        var dive = new Option<bool>("--dive") { Description = "After the LP converges, its LP dives as the solver runs them (--dive-shares), each with its block moves." };
        var diveShares = new Option<string>("--dive-shares") { Description = "Comma-separated shares of the fractional trips each dive rounds per round (0: one per round).", DefaultValueFactory = _ => "0" };
        var arcLp = new Command("arc-lp", "The multiple-depot arc LP alone on one instance: time and CPU to converge.");
        arcLp.Arguments.Add(instancePath);
        arcLp.Options.Add(glop);
        arcLp.Options.Add(perTail);
        arcLp.Options.Add(lpSeconds);
        arcLp.Options.Add(mipCeiling);
        arcLp.Options.Add(lpSolver);
        arcLp.Options.Add(perturb);
        arcLp.Options.Add(startConnections);
        arcLp.Options.Add(dive);
        arcLp.Options.Add(diveShares);
        arcLp.SetAction(parse => LpProbe.Run(Console.Out, parse.GetValue(instancePath)!, parse.GetValue(glop)!, parse.GetValue(perTail), parse.GetValue(lpSeconds), parse.GetValue(mipCeiling), parse.GetValue(lpSolver)!, parse.GetValue(perturb), parse.GetValue(startConnections), parse.GetValue(dive) ? [.. parse.GetValue(diveShares)!.Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture))] : []));

        var root = new RootCommand("TransitPairs measurement modes; without a mode, the arguments go to BenchmarkDotNet.");
        root.Subcommands.Add(carpaneto);
        root.Subcommands.Add(quality);
        root.Subcommands.Add(scaling);
        root.Subcommands.Add(batteryScaling);
        root.Subcommands.Add(batteryLns);
        root.Subcommands.Add(heuristic);
        root.Subcommands.Add(arcLp);
        root.Subcommands.Add(batteryLp);
        return root;
    }
}
