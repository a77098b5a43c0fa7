using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using TransitPairs.IO.Files;
using TransitPairs.IO.Planning;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Planning;
using TransitPairs.Planning;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs sweep SCENARIO --vary KEY=FROM:TO:STEP [--vary …]</c>: plans every variant of
/// the grid in parallel (one thread each, so each is reproducible) and prints one KPI row per
/// variant; <c>--shard i/n</c> plans one round-robin slice for batch engines, and
/// <c>sweep --merge FILES…</c> joins the slices into exactly the unsharded table.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioFile = new Argument<FileInfo?>("SCENARIO") { Description = "Scenario file (JSON); not with --merge.", Arity = ArgumentArity.ZeroOrOne };
        var vary = new Option<string[]>("--vary") { Description = "KEY=FROM:TO:STEP (both ends included) or KEY=a,b,c; KEY is a dotted scenario path (demand.scale, season, fleet.DEPOT.TYPE) or fleet.battery / fleet.diesel / fleet.total. Repeatable: the grid is every combination.", Arity = ArgumentArity.ZeroOrMore };
        var shard = new Option<string?>("--shard") { Description = "i/n: plan only variants k with (k − 1) mod n = i − 1 (round-robin), for one of n machines." };
        var merge = new Option<FileInfo[]>("--merge") { Description = "Join the files written by the shards of one sweep (CSV or JSON) into the unsharded table.", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string?>("--format") { Description = "Output: csv (default) or json; with --merge, the format of the slices unless given." };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the table to this file (atomically) instead of stdout." }.MustNameAFile();
        var parallel = new Option<int?>("--parallel") { Description = "Variants solved at once (default: the machine's cores)." };
        var solver = new ScenarioSolverOptions();
        var overrides = new ScenarioOverridesOption();
        var command = new Command("sweep", "Plan many variants of a scenario in parallel, one KPI row each; shard and merge for batch engines.");
        command.Arguments.Add(scenarioFile);
        command.Options.Add(vary);
        command.Options.Add(shard);
        command.Options.Add(merge);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(parallel);
        solver.AddTo(command);
        solver.AddBlocksTo(command);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            var mergeFiles = parse.GetValue(merge) ?? [];
            SweepTable table;
            string chosenFormat;
            if (mergeFiles.Length > 0)
            {
                if (parse.GetValue(scenarioFile) is not null || (parse.GetValue(vary) ?? []).Length > 0 || parse.GetValue(shard) is not null)
                {
                    throw new InputException(new InputProblem("--merge", string.Empty, "--merge joins finished slices: it takes no SCENARIO, --vary or --shard.", "Run 'transitpairs sweep --merge a.csv b.csv --out all.csv'."));
                }

                table = SweepTable.Merge([.. mergeFiles.Select(f => (f.ToString(), SweepTable.Read(f.FullName)))]);
                chosenFormat = parse.GetValue(format) ?? (File.ReadAllText(mergeFiles[0].FullName).TrimStart().StartsWith('[') ? "json" : "csv");
            }
            else
            {
                // The table goes to stdout unless --out names a file: then stdout carries no data to keep quiet for.
                using var progress = ProgressLine.For(console, "sweep", parse.GetValue(output) is null ? parse.GetValue(format) ?? "csv" : null);
                table = Run(parse, parse.GetValue(scenarioFile), parse.GetValue(vary) ?? [], parse.GetValue(shard), parse.GetValue(parallel), solver, overrides.Read(parse), progress);
                chosenFormat = parse.GetValue(format) ?? "csv";
            }

            if (parse.GetValue(output) is { } file)
            {
                AtomicFile.WriteText(file.FullName, w => table.Write(w, chosenFormat));
                console.Error.WriteLine($"wrote {table.Rows.Length} rows to {file.FullName}");
            }
            else
            {
                table.Write(console.Out, chosenFormat);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static SweepTable Run(ParseResult parse, FileInfo? scenarioFile, string[] varySpecs, string? shardText, int? parallel, ScenarioSolverOptions solver, IReadOnlyDictionary<string, string> sets, ProgressLine progress)
    {
        var problems = new List<InputProblem>();
        if (scenarioFile is null)
        {
            problems.Add(new InputProblem("SCENARIO", string.Empty, "No scenario to sweep.", "Give a scenario file, or --merge FILES to join slices."));
        }

        if (varySpecs.Length == 0)
        {
            problems.Add(new InputProblem("--vary", string.Empty, "Nothing to vary.", "Give e.g. --vary demand.scale=0.8:1.6:0.1."));
        }

        var (shardIndex, shardCount) = ReadShard(shardText, problems);
        if (parallel is < 1 or > 256)
        {
            problems.Add(new InputProblem("--parallel", string.Empty, $"{parallel} is not between 1 and 256.", "Give e.g. --parallel 2."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        solver.Validate(parse);
        var budget = solver.CommandBudget(parse);
        var threadsGiven = parse.GetValue(solver.Solver.Threads) is not null;
        var grid = SweepGrid.Parse(varySpecs);
        var path = scenarioFile!.ToString();
        var composed = ScenarioLoader.Compose(path, sets) ?? throw new InputException(ScenarioLoader.Validate(path, sets).Problems);
        var variants = grid.Shard(shardIndex, shardCount).ToList();

        // Load every variant first: bad input (a key the scenario does not have) stops the sweep before any solving.
        // --set applies to every variant; a varied key wins over a --set of the same key.
        var scenarios = variants.Select(v => ScenarioLoader.Load(path, sets.Concat(grid.Overrides(v, composed)).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal))).ToList();
        var rows = new ConcurrentDictionary<int, ImmutableArray<string>>();
        var done = 0;
        progress.Step(0, variants.Count, "variant");
        var width = parallel ?? Environment.ProcessorCount;
        var begun = 0;
        Parallel.For(0, variants.Count, new ParallelOptions { MaxDegreeOfParallelism = width }, i =>
        {
            // With --time-limit the variants share the command's budget: each of the `width` running at once gets its part of what is left.
            var share = Math.Min(1.0, width / (double)(variants.Count - Interlocked.Increment(ref begun) + 1));
            PlanKpis? kpis;
            try
            {
                // One thread per variant: the same seed gives the same row, whatever else runs.
                var options = solver.For(scenarios[i], parse, budget, share);
                kpis = Planner.Plan(scenarios[i], threadsGiven ? options : options with { Threads = 1 }).Plan.Kpis;
            }
            catch (NoFeasiblePlanException)
            {
                kpis = null;
            }

            rows[i] = SweepTable.Row(grid, variants[i], kpis);
            progress.Step(Interlocked.Increment(ref done), variants.Count, "variant");
        });
        return new SweepTable(SweepTable.HeaderOf(grid), rows.OrderBy(r => r.Key).Select(r => r.Value));
    }

    private static (int Index, int Count) ReadShard(string? text, List<InputProblem> problems)
    {
        if (text is null)
        {
            return (1, 1);
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return (index, count);
        }

        problems.Add(new InputProblem("--shard", text, "A shard is i/n with 1 ≤ i ≤ n.", "Write e.g. --shard 1/4 (Kubernetes: $((JOB_COMPLETION_INDEX+1))/4; Slurm: $SLURM_ARRAY_TASK_ID/4 with --array=1-4)."));
        return (1, 1);
    }
}
