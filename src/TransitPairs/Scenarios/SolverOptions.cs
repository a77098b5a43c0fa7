using NodaTime;
using TransitPairs.Time;
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

/// <summary>
/// A train at a rail station that buses should meet (timed transfer). A bus arriving between
/// <see cref="MinTransfer"/> and <see cref="MaxTransfer"/> before the train's departure, or
/// leaving that long after its arrival, makes the connection.
/// </summary>
public sealed record RailEvent
{
    public RailEvent(string stop, string trainId, ServiceTime? arrival, ServiceTime? departure, Duration minTransfer, Duration maxTransfer, int expectedPassengers)
    {
        Stop = Check.Id(stop, nameof(stop));
        TrainId = Check.Text(trainId, nameof(trainId));
        if (arrival is null && departure is null)
        {
            throw new InvalidValueException(nameof(arrival), $"Train {trainId} has neither an arrival nor a departure.", "Give 'arrival', 'departure' or both.");
        }

        if (arrival is { } a && departure is { } d && d < a)
        {
            throw new InvalidValueException(nameof(departure), $"Train {trainId} departs at {d}, before it arrives at {a}.", "Make the departure the same as or later than the arrival.");
        }

        Arrival = arrival;
        Departure = departure;
        MinTransfer = Check.NonNegative(minTransfer, nameof(minTransfer));
        MaxTransfer = Check.Positive(maxTransfer, nameof(maxTransfer));
        if (maxTransfer < minTransfer)
        {
            throw new InvalidValueException(nameof(maxTransfer), $"The longest transfer ({maxTransfer.TotalMinutes:0} min) is shorter than the shortest ({minTransfer.TotalMinutes:0} min).",
                "Make 'maxTransferMinutes' at least 'minTransferMinutes'.");
        }

        ExpectedPassengers = Check.NonNegative(expectedPassengers, nameof(expectedPassengers));
    }

    /// <summary>Id of the rail-station stop.</summary>
    public string Stop { get; }

    public string TrainId { get; }

    /// <summary>When the train arrives (passengers change to a bus), or null.</summary>
    public ServiceTime? Arrival { get; }

    /// <summary>When the train departs (passengers come from a bus), or null.</summary>
    public ServiceTime? Departure { get; }

    public Duration MinTransfer { get; }

    public Duration MaxTransfer { get; }

    /// <summary>Passengers expected to change between this train and the bus.</summary>
    public int ExpectedPassengers { get; }
}
