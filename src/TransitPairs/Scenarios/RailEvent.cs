using NodaTime;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Scenarios;

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
