using NodaTime;
using TransitPairs.Validation;

namespace TransitPairs.Scenarios;

/// <summary>
/// What every solver call is given explicitly: a time limit, worker threads and a random seed.
/// Same inputs, same seed and one thread give the same output.
/// </summary>
public sealed record SolverOptions
{
    /// <summary>30 s, 1 thread, seed 1: reproducible defaults.</summary>
    public static SolverOptions Default { get; } = new(Duration.FromSeconds(30), 1, 1);

    public SolverOptions(Duration timeLimit, int threads, int seed)
    {
        TimeLimit = Check.Positive(timeLimit, nameof(timeLimit));
        Threads = Check.InRange(threads, 1, 256, nameof(threads));
        Seed = Check.NonNegative(seed, nameof(seed));
    }

    /// <summary>Wall-clock limit per solver call (above 0).</summary>
    public Duration TimeLimit { get; }

    /// <summary>Worker threads (1–256).</summary>
    public int Threads { get; }

    /// <summary>Random seed (0 or more).</summary>
    public int Seed { get; }
}
