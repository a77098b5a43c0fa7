using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>Energy and charging figures of a schedule.</summary>
/// <param name="EnergyKwh">Battery energy used driving (trips and empty runs), kWh.</param>
/// <param name="ChargedKwh">Energy put into packs during the day, kWh (overnight charging excluded).</param>
/// <param name="ChargingSessions">Charge events during the day.</param>
/// <param name="PeakChargersInUse">Most buses charging at once, per charger site id.</param>
/// <param name="MinSocKwh">Lowest state of charge any battery bus reaches, kWh (null without battery buses).</param>
/// <param name="MinSocPercent">The same as percent of that bus's pack.</param>
/// <param name="VehiclesByType">Vehicles used per vehicle type id.</param>
/// <param name="EmptyKm">Empty running, km (pull-outs, pull-ins, empty runs, detours to chargers).</param>
public sealed record BatteryKpis(
    double EnergyKwh,
    double ChargedKwh,
    int ChargingSessions,
    ImmutableSortedDictionary<string, int> PeakChargersInUse,
    double? MinSocKwh,
    double? MinSocPercent,
    ImmutableSortedDictionary<string, int> VehiclesByType,
    double EmptyKm);
