using TransitPairs.Validation;

namespace TransitPairs.Places;

/// <summary>What a stop is for.</summary>
public enum StopKind
{
    /// <summary>A passenger terminal at the end of a corridor (trips start and end here; layovers).</summary>
    Terminal,

    /// <summary>An intermediate stop (a town on the road, a stop inside a city).</summary>
    Stop,

    /// <summary>A railway station where buses meet trains (timed transfers).</summary>
    RailStation,
}

/// <summary>A place where passengers board or alight.</summary>
public sealed record Stop
{
    public Stop(string id, PlaceName name, GeoPoint location, StopKind kind)
    {
        Id = Check.Id(id, nameof(id));
        Name = Check.NotNull(name, nameof(name));
        Location = location;
        Kind = Check.Defined(kind, nameof(kind));
    }

    /// <summary>Unique across every corridor of a scenario (also the GTFS stop_id).</summary>
    public string Id { get; }

    public PlaceName Name { get; }

    public GeoPoint Location { get; }

    public StopKind Kind { get; }
}
