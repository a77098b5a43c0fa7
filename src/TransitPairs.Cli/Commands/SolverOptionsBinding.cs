using System.CommandLine;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// The one binding of <c>--time-limit</c>, <c>--threads</c> and <c>--seed</c> for every solving
/// command. <c>--time-limit</c> is the wall clock of the whole command: one
/// <see cref="WallClockBudget"/> per run, shared by every stage and solve the command makes (the
/// plans of a range, compare or sweep share it too). Values not given come from the scenario's
/// own <c>options</c>, or from <see cref="CommandDefaults"/> for commands without a scenario.
/// </summary>
internal sealed class SolverOptionsBinding
{
    /// <summary>Defaults of commands that read no scenario (schedule, mdvsp, allocate): 60 s, 1 thread, seed 0.</summary>
    public static SolveOptions CommandDefaults { get; } = new(TimeSpan.FromSeconds(60), 1, 0);

    /// <summary>The longest <c>--time-limit</c> accepted, seconds (one day).</summary>
    public const double MaxSeconds = 86_400;

    public Option<double?> TimeLimit { get; } = new("--time-limit")
    {
        Description = "Wall-clock limit of the whole command in seconds, shared by its stages and solves (default: the scenario's options, else 60). A solve stopped by it reports 'feasible' with its bound and gap.",
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Solver worker threads (default: the scenario's options, else 1; 1 = reproducible)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Random seed (default: the scenario's options, else 0)." };

    public void AddTo(Command command)
    {
        command.Options.Add(TimeLimit);
        command.Options.Add(Threads);
        command.Options.Add(Seed);
    }

    /// <summary>Checks the options given (every problem at once), so that a bad value fails before any file is read.</summary>
    public void Validate(ParseResult parse) => Read(parse, CommandDefaults);

    /// <summary>The options given over <paramref name="defaults"/>, checked (every problem at once).</summary>
    public SolveOptions Read(ParseResult parse, SolveOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var timeLimit = parse.GetValue(TimeLimit);
        var threads = parse.GetValue(Threads);
        var seed = parse.GetValue(Seed);
        var problems = new List<InputProblem>();
        if (timeLimit is { } t && !(t > 0 && t <= MaxSeconds))
        {
            problems.Add(new InputProblem("--time-limit", string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"The time limit {t:G6} s is not above 0 and at most {MaxSeconds:0} s."), "Give a positive number of seconds, e.g. --time-limit 10."));
        }

        if (threads is { } n && n is < 1 or > SolveOptions.MaxWorkers)
        {
            problems.Add(new InputProblem("--threads", string.Empty, FormattableString.Invariant($"{n} threads is not between 1 and {SolveOptions.MaxWorkers}."), "Give e.g. --threads 1 (reproducible) or --threads 2."));
        }

        if (seed is < 0)
        {
            problems.Add(new InputProblem("--seed", string.Empty, "The seed is negative.", "Give 0 or more."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return new SolveOptions(timeLimit is { } limit ? TimeSpan.FromSeconds(limit) : defaults.TimeLimit, threads ?? defaults.Workers, seed ?? defaults.Seed);
    }
}
