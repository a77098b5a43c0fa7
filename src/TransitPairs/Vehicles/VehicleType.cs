using System.Collections.Immutable;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Vehicles;

/// <summary>What drives the bus.</summary>
public enum EnergySource
{
    Diesel,
    Battery,
}

/// <summary>
/// A rate that depends on the season (energy per km). Shoulder-season figures default to the mean
/// of summer and winter.
/// </summary>
public readonly record struct SeasonalRate
{
    public SeasonalRate(double summer, double winter, double? shoulder = null)
    {
        Summer = Check.Positive(summer, nameof(summer));
        Winter = Check.Positive(winter, nameof(winter));
        Shoulder = shoulder is { } s ? Check.Positive(s, nameof(shoulder)) : (summer + winter) / 2;
    }

    public double Summer { get; }

    public double Winter { get; }

    public double Shoulder { get; }

    public double In(Season season) => season switch
    {
        Season.Summer => Summer,
        Season.Winter => Winter,
        Season.Shoulder => Shoulder,
        _ => throw new ArgumentOutOfRangeException(nameof(season), season, "Unknown season."),
    };
}

/// <summary>
/// A traction battery: pack size and the usable window of state of charge (the floor protects the
/// pack and keeps a reserve; the ceiling avoids slow top-up charging).
/// </summary>
public sealed record BatterySpec
{
    public BatterySpec(double packKwh, double usableFloorPercent, double usableCeilingPercent, double maxChargingPowerKw)
    {
        PackKwh = Check.InRange(packKwh, 1, 2000, nameof(packKwh));
        UsableFloorPercent = Check.InRange(usableFloorPercent, 0, 100, nameof(usableFloorPercent));
        UsableCeilingPercent = Check.InRange(usableCeilingPercent, 0, 100, nameof(usableCeilingPercent));
        if (usableCeilingPercent <= usableFloorPercent)
        {
            throw new InvalidValueException(nameof(usableCeilingPercent), $"The usable ceiling ({usableCeilingPercent} %) is not above the floor ({usableFloorPercent} %).",
                "Make 'usableCeilingPercent' greater than 'usableFloorPercent' (e.g. 10 % to 90 %).");
        }

        MaxChargingPowerKw = Check.InRange(maxChargingPowerKw, 1, 2000, nameof(maxChargingPowerKw));
    }

    /// <summary>Nominal pack energy in kWh.</summary>
    public double PackKwh { get; }

    /// <summary>Lowest allowed state of charge, percent of the pack (0–100).</summary>
    public double UsableFloorPercent { get; }

    /// <summary>Highest state of charge charged to, percent of the pack (0–100, above the floor).</summary>
    public double UsableCeilingPercent { get; }

    /// <summary>Most power the bus accepts while charging, in kW (a charger may give less).</summary>
    public double MaxChargingPowerKw { get; }

    /// <summary>Energy between floor and ceiling in kWh.</summary>
    public double UsableKwh => PackKwh * (UsableCeilingPercent - UsableFloorPercent) / 100;

    /// <summary>Pack energy in watt-hours (integer, for solver models).</summary>
    public long PackWh => (long)Math.Round(PackKwh * 1000);

    /// <summary>Floor in watt-hours.</summary>
    public long FloorWh => (long)Math.Round(PackKwh * 10 * UsableFloorPercent);

    /// <summary>Ceiling in watt-hours.</summary>
    public long CeilingWh => (long)Math.Round(PackKwh * 10 * UsableCeilingPercent);
}

/// <summary>
/// A kind of bus or coach: capacity, energy, consumption by season and costs. For battery buses
/// <see cref="Consumption"/> is kWh/km; for diesel, litres/km.
/// </summary>
public sealed record VehicleType
{
    public VehicleType(
        string id,
        string name,
        int seats,
        int standingPlaces,
        EnergySource energy,
        BatterySpec? battery,
        SeasonalRate consumption,
        double costPerKmYuan,
        double costPerVehicleDayYuan,
        double purchaseCostYuan)
    {
        Id = Check.Id(id, nameof(id));
        Name = Check.Text(name, nameof(name));
        Seats = Check.Positive(seats, nameof(seats));
        StandingPlaces = Check.NonNegative(standingPlaces, nameof(standingPlaces));
        Energy = Check.Defined(energy, nameof(energy));
        if (energy == EnergySource.Battery && battery is null)
        {
            throw new InvalidValueException(nameof(battery), $"The battery vehicle type '{id}' has no battery.", "Add 'battery' with packKwh, the usable window and the charging power.");
        }

        if (energy == EnergySource.Diesel && battery is not null)
        {
            throw new InvalidValueException(nameof(battery), $"The diesel vehicle type '{id}' has a battery.", "Remove 'battery' or set 'energy' to 'battery'.");
        }

        Battery = battery;
        Consumption = consumption;
        if (consumption.Summer <= 0)
        {
            throw new InvalidValueException(nameof(consumption), $"The vehicle type '{id}' has no consumption.", "Give 'consumption' with summer and winter figures.");
        }

        CostPerKmYuan = Check.NonNegative(costPerKmYuan, nameof(costPerKmYuan));
        CostPerVehicleDayYuan = Check.NonNegative(costPerVehicleDayYuan, nameof(costPerVehicleDayYuan));
        PurchaseCostYuan = Check.NonNegative(purchaseCostYuan, nameof(purchaseCostYuan));
    }

    public string Id { get; }

    public string Name { get; }

    public int Seats { get; }

    public int StandingPlaces { get; }

    public EnergySource Energy { get; }

    /// <summary>The battery; null for diesel.</summary>
    public BatterySpec? Battery { get; }

    /// <summary>kWh/km (battery) or litres/km (diesel), by season.</summary>
    public SeasonalRate Consumption { get; }

    /// <summary>Running cost per km (energy, tyres, maintenance), yuan.</summary>
    public double CostPerKmYuan { get; }

    /// <summary>Fixed cost per vehicle used on a day, drivers apart (insurance, depot, cleaning, dispatch, overhead; drivers are costed from their duties), yuan.</summary>
    public double CostPerVehicleDayYuan { get; }

    /// <summary>
    /// What one vehicle of this type costs on a day it drives <paramref name="km"/> (in service and
    /// empty): the vehicle-day cost + km × the cost per km, yuan; drivers apart.
    /// </summary>
    public double DayCostYuan(double km) => CostPerVehicleDayYuan + (km * CostPerKmYuan);

    /// <summary>Purchase price of one vehicle, yuan.</summary>
    public double PurchaseCostYuan { get; }

    /// <summary>Passengers a bus may carry: seats only when <paramref name="seatedOnly"/>, else seats plus standing places.</summary>
    public int Capacity(bool seatedOnly) => seatedOnly ? Seats : Seats + StandingPlaces;

    /// <summary>Energy for <paramref name="distanceMetres"/> in <paramref name="season"/>, watt-hours (battery types only).</summary>
    public long EnergyWh(int distanceMetres, Season season) =>
        Energy == EnergySource.Battery
            ? (long)Math.Round(distanceMetres * Consumption.In(season))
            : throw new InvalidOperationException($"'{Id}' runs on diesel: it has no battery energy.");
}

/// <summary>Vehicles of one type stationed at one depot.</summary>
public sealed record FleetAllocation
{
    public FleetAllocation(string vehicleType, string depot, int count)
    {
        VehicleType = Check.Id(vehicleType, nameof(vehicleType));
        Depot = Check.Id(depot, nameof(depot));
        Count = Check.NonNegative(count, nameof(count));
    }

    public string VehicleType { get; }

    public string Depot { get; }

    /// <summary>Vehicles available (0 or more).</summary>
    public int Count { get; }
}

/// <summary>The vehicles available to a scenario: counts per vehicle type per depot.</summary>
public sealed record Fleet
{
    public Fleet(IEnumerable<FleetAllocation> allocations)
    {
        Allocations = Check.Items(allocations, nameof(allocations));
        var twice = Allocations.GroupBy(a => (a.VehicleType, a.Depot)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidValueException(nameof(allocations), $"'{twice.Key.VehicleType}' at '{twice.Key.Depot}' is listed {twice.Count()} times.",
                "List each vehicle type once per depot.");
        }
    }

    public ImmutableArray<FleetAllocation> Allocations { get; }

    /// <summary>All vehicles.</summary>
    public int Total => Allocations.Sum(a => a.Count);

    /// <summary>Vehicles of <paramref name="vehicleTypeId"/> at every depot.</summary>
    public int CountOf(string vehicleTypeId) => Allocations.Where(a => a.VehicleType == vehicleTypeId).Sum(a => a.Count);

    /// <summary>Vehicles at <paramref name="depotId"/> of every type.</summary>
    public int AtDepot(string depotId) => Allocations.Where(a => a.Depot == depotId).Sum(a => a.Count);
}
