using NodaTime;
using TransitPairs.Places;
using TransitPairs.Validation;

namespace TransitPairs.Network;

/// <summary>A road node that is neither a stop nor a depot: an expressway interchange, a town centre.</summary>
public sealed record Junction
{
    public Junction(string id, string name, GeoPoint location)
    {
        Id = Check.Id(id, nameof(id));
        Name = Check.Text(name, nameof(name));
        Location = location;
    }

    public string Id { get; }

    public string Name { get; }

    public GeoPoint Location { get; }
}

/// <summary>A road between two places, driven both ways in the same time (empty runs use it).</summary>
public sealed record RoadLink
{
    public RoadLink(string from, string to, double km, Duration minutes)
    {
        From = Check.Id(from, nameof(from));
        To = Check.Id(to, nameof(to));
        if (from == to)
        {
            throw new InvalidValueException(nameof(to), $"The road link starts and ends at '{from}'.", "Join two different places.");
        }

        DistanceMetres = (int)Math.Round(Check.Positive(km, nameof(km)) * 1000);
        Time = Check.Positive(minutes, nameof(minutes));
    }

    /// <summary>Id of a stop, depot or junction.</summary>
    public string From { get; }

    /// <summary>Id of a stop, depot or junction.</summary>
    public string To { get; }

    /// <summary>Length in metres (above 0).</summary>
    public int DistanceMetres { get; }

    /// <summary>Driving time of an empty bus (above 0).</summary>
    public Duration Time { get; }
}

/// <summary>An empty run (deadhead) between two places: driving time and distance of the fastest road route.</summary>
public readonly record struct EmptyRun(Duration Time, int DistanceMetres)
{
    /// <summary>Driving time in whole minutes, rounded up (a solver must never plan less time than driving takes).</summary>
    public int Minutes => (int)Math.Ceiling(Time.TotalMinutes - 1e-9);

    public double Km => DistanceMetres / 1000.0;
}
