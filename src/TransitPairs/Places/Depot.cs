using TransitPairs.Validation;

namespace TransitPairs.Places;

/// <summary>
/// A garage where buses park overnight; blocks start and end here. Chargers at a depot are
/// <see cref="ChargerSite"/>s whose <see cref="ChargerSite.Place"/> is the depot's id.
/// </summary>
public sealed record Depot
{
    public Depot(string id, PlaceName name, GeoPoint location, int parkingCapacity)
    {
        Id = Check.Id(id, nameof(id));
        Name = Check.NotNull(name, nameof(name));
        Location = location;
        ParkingCapacity = Check.NonNegative(parkingCapacity, nameof(parkingCapacity));
    }

    public string Id { get; }

    public PlaceName Name { get; }

    public GeoPoint Location { get; }

    /// <summary>Buses that may park here overnight (0 or more).</summary>
    public int ParkingCapacity { get; }
}
