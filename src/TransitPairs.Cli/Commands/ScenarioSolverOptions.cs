using System.CommandLine;
using TransitPairs.Optimization.Planning;
using TransitPairs.Scenarios;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>--time-limit</c>, <c>--threads</c>, <c>--seed</c> for commands that solve scenarios: each
/// defaults to the scenario's own <c>options</c>.
/// </summary>
internal sealed class ScenarioSolverOptions
{
    public Option<double?> TimeLimit { get; } = new("--time-limit") { Description = "Wall-clock time limit in seconds for the whole solve, shared by its stages (default: the scenario's options). A solve stopped by it reports 'feasible' with bound and gap; with one thread a plan whose solves finish before the limit repeats exactly." };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Solver worker threads (default: the scenario's options; 1 = reproducible)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Random seed (default: the scenario's options)." };

    public Option<string> Blocks { get; } = CreateBlocks();

    public Option<string> Crew { get; } = CreateCrew();

    private static Option<string> CreateCrew()
    {
        var option = new Option<string>("--crew")
        {
            Description = "solve: driver duties after the blocks (when the scenario's driver rules are enforced); skip: vehicles only, a quick screen (driver KPIs 0, duties.csv header only).",
            DefaultValueFactory = _ => "solve",
        };
        option.AcceptOnlyFromAmong("solve", "skip");
        return option;
    }

    private static Option<string> CreateBlocks()
    {
        var option = new Option<string>("--blocks")
        {
            Description = "auto: battery-aware blocks (state of charge, charging) when the fleet has battery buses; plain: fewest vehicles and empty km ignoring charging, a quick screen whose energy is not checked.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "plain");
        return option;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(TimeLimit);
        command.Options.Add(Threads);
        command.Options.Add(Seed);
    }

    /// <summary>Also offers <c>--blocks auto|plain</c> and <c>--crew solve|skip</c> (commands that plan whole days).</summary>
    public void AddBlocksTo(Command command)
    {
        command.Options.Add(Blocks);
        command.Options.Add(Crew);
    }

    /// <summary>The options given, checked (every problem at once); null where not given.</summary>
    public (double? TimeLimitSeconds, int? Threads, int? Seed) Read(ParseResult parse)
    {
        var timeLimit = parse.GetValue(TimeLimit);
        var threads = parse.GetValue(Threads);
        var seed = parse.GetValue(Seed);
        var problems = new List<InputProblem>();
        if (timeLimit is { } t && !(t > 0 && t <= 86_400))
        {
            problems.Add(new InputProblem("--time-limit", string.Empty, FormattableString.Invariant($"The time limit {t} s is not between 0 (exclusive) and 86,400 s."), "Give a positive number of seconds, e.g. --time-limit 10."));
        }

        if (threads is { } n && n is < 1 or > 256)
        {
            problems.Add(new InputProblem("--threads", string.Empty, FormattableString.Invariant($"{n} threads is not between 1 and 256."), "Give e.g. --threads 1 (reproducible) or --threads 2."));
        }

        if (seed is < 0)
        {
            problems.Add(new InputProblem("--seed", string.Empty, "The seed is negative.", "Give 0 or more."));
        }

        return problems.Count > 0 ? throw new InputException(problems) : (timeLimit, threads, seed);
    }

    /// <summary>The plan options for <paramref name="scenario"/>: the given values over the scenario's own.</summary>
    public PlanSolveOptions For(Scenario scenario, ParseResult parse)
    {
        var (limit, threads, seed) = Read(parse);
        return PlanSolveOptions.From(scenario, limit, threads, seed, StageOf(parse)) with { Crew = CrewOf(parse) };
    }

    /// <summary>The crew stage chosen with <c>--crew</c>.</summary>
    public CrewStage CrewOf(ParseResult parse) =>
        parse.GetResult(Crew) is not null && parse.GetValue(Crew) == "skip" ? CrewStage.Skip : CrewStage.Solve;

    /// <summary>The block stage chosen with <c>--blocks</c>.</summary>
    public BlockStage StageOf(ParseResult parse) =>
        parse.GetResult(Blocks) is not null && parse.GetValue(Blocks) == "plain" ? BlockStage.Plain : BlockStage.Auto;
}
