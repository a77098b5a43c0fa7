namespace TransitPairs.Optimization.Solving;

/// <summary>
/// A change to the input that would make a solve succeed (or succeed better). Typed, so that each
/// host renders it in its own words: the CLI as <c>--set</c> text, a report as a sentence.
/// </summary>
public abstract record Remedy;

/// <summary>More vehicles: <see cref="Count"/> more in all, or at <see cref="DepotId"/> when given.</summary>
public sealed record MoreVehicles(int Count, string? DepotId = null, string? VehicleTypeId = null) : Remedy;

/// <summary>A bigger battery on <see cref="VehicleTypeId"/>: a pack whose usable energy is at least <see cref="UsableKwh"/>.</summary>
public sealed record BiggerPack(string VehicleTypeId, double UsableKwh, double PackKwh) : Remedy;

/// <summary><see cref="Count"/> more charging points at <see cref="SiteId"/>.</summary>
public sealed record MoreChargers(string SiteId, int Count) : Remedy;

/// <summary>A longer time limit (the search stopped before it found or proved a solution).</summary>
public sealed record MoreTime(TimeSpan TimeLimit) : Remedy;

/// <summary>Diesel buses instead of <see cref="VehicleTypeId"/> (or instead of battery buses).</summary>
public sealed record SwitchToDiesel(string? VehicleTypeId = null) : Remedy;
