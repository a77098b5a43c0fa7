using NodaTime;
using TransitPairs.Validation;

namespace TransitPairs.Scenarios;

/// <summary>
/// What every solver call is given explicitly: a time limit, worker threads and a random seed.
/// Same inputs, same seed and one thread give the same output.
/// </summary>
public sealed record SolverOptions
{
    /// <summary>The longest time limit accepted: seven days (what the solvers accept).</summary>
    public static readonly Duration LargestTimeLimit = Duration.FromDays(7);

    /// <summary>30 s, 1 thread, seed 1: reproducible defaults (declared after <see cref="LargestTimeLimit"/>, which it needs).</summary>
    public static SolverOptions Default { get; } = new(Duration.FromSeconds(30), 1, 1);

    public SolverOptions(Duration timeLimit, int threads, int seed)
    {
        // Checked here rather than with Check.Positive: the limit is written in seconds, and the message says so.
        TimeLimit = timeLimit > Duration.Zero && timeLimit <= LargestTimeLimit
            ? timeLimit
            : throw new InvalidValueException(
                nameof(timeLimit),
                $"The time limit is {timeLimit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} seconds; it must be above 0 and at most {LargestTimeLimit.TotalSeconds:0} seconds (7 days).",
                "Give a number of seconds above 0, e.g. 30.");
        Threads = Check.InRange(threads, 1, 256, nameof(threads));
        Seed = Check.NonNegative(seed, nameof(seed));
    }

    /// <summary>Wall-clock limit per solver call (above 0, at most <see cref="LargestTimeLimit"/>).</summary>
    public Duration TimeLimit { get; }

    /// <summary>Worker threads (1–256).</summary>
    public int Threads { get; }

    /// <summary>Random seed (0 or more).</summary>
    public int Seed { get; }
}
