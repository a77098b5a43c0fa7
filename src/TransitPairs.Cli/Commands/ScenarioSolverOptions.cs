using System.CommandLine;
using TransitPairs.Optimization.Planning;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scenarios;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// The solver options of commands that plan scenarios (<see cref="SolverOptionsBinding"/>, each
/// value defaulting to the scenario's own <c>options</c>) and <c>--blocks auto|plain</c>. With
/// <c>--time-limit</c> the command's plans share one wall-clock budget; without it each plan gets
/// its scenario's own limit.
/// </summary>
internal sealed class ScenarioSolverOptions
{
    public SolverOptionsBinding Solver { get; } = new();

    public Option<string> Blocks { get; } = CreateBlocks();

    public Option<string> Crew { get; } = CreateCrew();

    /// <summary>A new <c>--crew solve|skip</c> option (for commands that take it without the rest of this class).</summary>
    public static Option<string> CreateCrew()
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

    public void AddTo(Command command) => Solver.AddTo(command);

    /// <summary>Also offers <c>--blocks auto|plain</c> and <c>--crew solve|skip</c> (commands that plan whole days).</summary>
    public void AddBlocksTo(Command command)
    {
        command.Options.Add(Blocks);
        command.Options.Add(Crew);
    }

    /// <summary>Checks the options given (every problem at once) before any scenario is read.</summary>
    public void Validate(ParseResult parse) => Solver.Validate(parse);

    /// <summary>The command's budget when <c>--time-limit</c> is given (started now), else null: each plan then has its scenario's limit.</summary>
    public WallClockBudget? CommandBudget(ParseResult parse) =>
        parse.GetValue(Solver.TimeLimit) is { } seconds ? new WallClockBudget(TimeSpan.FromSeconds(seconds)) : null;

    /// <summary>The options of one plan of <paramref name="scenario"/>: the given values over the scenario's own.</summary>
    /// <param name="scenario">The scenario planned.</param>
    /// <param name="parse">The command line.</param>
    /// <param name="budget">The command's budget (<see cref="CommandBudget"/>), or null.</param>
    /// <param name="share">The share (0–1] of what is left of <paramref name="budget"/> this plan may use, e.g. 1 / plans still to make.</param>
    public PlanSolveOptions For(Scenario scenario, ParseResult parse, WallClockBudget? budget = null, double share = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var options = Solver.Read(parse, SolveOptions.From(scenario.Options));
        var limit = budget?.Left(share) ?? options.TimeLimit;
        return new PlanSolveOptions(limit.TotalSeconds, options.Workers, options.Seed, StageOf(parse), CrewOf(parse));
    }

    /// <summary>The crew stage chosen with <c>--crew</c>.</summary>
    public CrewStage CrewOf(ParseResult parse) => CrewOf(parse, Crew);

    /// <summary>The crew stage chosen with <paramref name="crew"/> (a <see cref="CreateCrew"/> option).</summary>
    public static CrewStage CrewOf(ParseResult parse, Option<string> crew)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(crew) is not null && parse.GetValue(crew) == "skip" ? CrewStage.Skip : CrewStage.Solve;
    }

    /// <summary>The block stage chosen with <c>--blocks</c>.</summary>
    public BlockStage StageOf(ParseResult parse) =>
        parse.GetResult(Blocks) is not null && parse.GetValue(Blocks) == "plain" ? BlockStage.Plain : BlockStage.Auto;
}
