using System.CommandLine;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>The solver options every solving command shares: <c>--time-limit</c>, <c>--threads</c>, <c>--seed</c>.</summary>
internal sealed class SolverOptionsBinding
{
    public Option<double> TimeLimit { get; } = new("--time-limit") { Description = "Wall-clock limit in seconds for the solve.", DefaultValueFactory = _ => 60 };

    public Option<int> Threads { get; } = new("--threads") { Description = "Solver workers (1 = reproducible).", DefaultValueFactory = _ => 1 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed passed to the solvers.", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(TimeLimit);
        command.Options.Add(Threads);
        command.Options.Add(Seed);
    }

    /// <summary>Reads and validates the three options (every problem at once).</summary>
    public (TimeSpan TimeLimit, int Threads, int Seed) Read(ParseResult parse)
    {
        var problems = new List<InputProblem>();
        var limit = parse.GetValue(TimeLimit);
        var threads = parse.GetValue(Threads);
        if (!(limit > 0) || limit > 86_400)
        {
            problems.Add(new InputProblem("command line", "--time-limit", $"{limit} is not a time limit in seconds.", "Give a number of seconds above 0, at most 86400."));
        }

        if (threads < 1)
        {
            problems.Add(new InputProblem("command line", "--threads", $"{threads} workers is not possible.", "Give 1 or more."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return (TimeSpan.FromSeconds(limit), threads, parse.GetValue(Seed));
    }
}
