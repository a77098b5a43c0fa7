using TransitPairs.Scenarios;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// What every solver is given: a wall-clock time limit, worker threads and a random seed. With the
/// same inputs and seed and one worker, a solve that ends before its limit gives the same answer
/// on every run. Validated at construction.
/// </summary>
public sealed record SolveOptions
{
    /// <summary>The longest time limit accepted: seven days.</summary>
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromDays(7);

    /// <summary>The most workers accepted.</summary>
    public const int MaxWorkers = 256;

    /// <summary>30 s, 1 worker, seed 1: reproducible defaults.</summary>
    public static SolveOptions Default { get; } = new(TimeSpan.FromSeconds(30));

    /// <param name="timeLimit">Wall-clock limit of the whole solve (above 0, at most <see cref="MaxTimeLimit"/>).</param>
    /// <param name="workers">Worker threads (1–<see cref="MaxWorkers"/>; 1 = reproducible).</param>
    /// <param name="seed">Random seed (0 or more).</param>
    public SolveOptions(TimeSpan timeLimit, int workers = 1, int seed = 1)
    {
        TimeLimit = timeLimit > TimeSpan.Zero && timeLimit <= MaxTimeLimit
            ? timeLimit
            : throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "A time limit is above 0 and at most 7 days.");
        Workers = workers is >= 1 and <= MaxWorkers
            ? workers
            : throw new ArgumentOutOfRangeException(nameof(workers), workers, "Workers are 1 to 256.");
        Seed = seed >= 0 ? seed : throw new ArgumentOutOfRangeException(nameof(seed), seed, "A seed is 0 or more.");
    }

    /// <summary>Wall-clock limit of the whole solve.</summary>
    public TimeSpan TimeLimit { get; }

    /// <summary>Worker threads (1–256).</summary>
    public int Workers { get; }

    /// <summary>Random seed (0 or more).</summary>
    public int Seed { get; }

    /// <summary>The scenario's own options (<c>options</c> in its file).</summary>
    public static SolveOptions From(SolverOptions scenarioOptions)
    {
        ArgumentNullException.ThrowIfNull(scenarioOptions);
        return new SolveOptions(scenarioOptions.TimeLimit.ToTimeSpan(), scenarioOptions.Threads, scenarioOptions.Seed);
    }

    /// <summary>These options with another time limit (validated the same way).</summary>
    public SolveOptions WithTimeLimit(TimeSpan timeLimit) => new(timeLimit, Workers, Seed);

    /// <summary>A budget of <see cref="TimeLimit"/>, started now.</summary>
    public WallClockBudget StartBudget() => new(TimeLimit);
}
