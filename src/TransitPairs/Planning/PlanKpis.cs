using System.Collections.Immutable;
using System.Globalization;

namespace TransitPairs.Planning;

/// <summary>
/// The key figures of one plan (one service day of a scenario): the ONE definition that
/// <c>plan</c>, <c>compare</c>, <c>sweep</c> and the report all print. Where a figure comes from the
/// timetable stage (waits, occupancy, left behind, transfers) it is that stage's KPI, aggregated
/// over directions as each property says.
/// </summary>
/// <remarks>
/// Cost model (yuan per service day), drivers counted once: <see cref="VehicleCostYuan"/> = Σ over
/// vehicles used of the vehicle type's <c>costPerVehicleDayYuan</c> (insurance, depot, cleaning,
/// dispatch and overhead; no drivers) + Σ over every kilometre driven (in service, empty runs,
/// pull-out and pull-in) of the type's <c>costPerKmYuan</c> (energy and upkeep), both from
/// <c>data/vehicle-types.json</c>; <see cref="DriverCostYuan"/> = the duties' paid hours × the wage
/// per paid hour; <see cref="OperatingCostYuan"/> is their sum. A plan without duties (crew stage
/// skipped, or no duties for its blocks) has no driver cost: its operating cost leaves drivers out,
/// and <see cref="CrewStatus"/> says so. Purchase cost is not in the daily figure.
/// </remarks>
public sealed record PlanKpis
{
    /// <summary>Departures of the day (trips in service), all corridors and directions.</summary>
    public required int Departures { get; init; }

    /// <summary>Vehicles used (one per block).</summary>
    public required int Vehicles { get; init; }

    /// <summary>The deficit-function lower bound on vehicles (most trips in service at once with the least layover).</summary>
    public required int VehicleLowerBound { get; init; }

    /// <summary>(vehicles − bound) / vehicles, 0–1; 0 when the fleet equals the bound.</summary>
    public double VehicleGap => Vehicles == 0 ? 0 : (double)(Vehicles - VehicleLowerBound) / Vehicles;

    /// <summary>Kilometres driven in service (Σ of the trips' pattern lengths), km.</summary>
    public required double ServiceKm { get; init; }

    /// <summary>Kilometres driven empty (pull-outs, empty runs between trips, pull-ins), km.</summary>
    public required double EmptyKm { get; init; }

    /// <summary>Σ over vehicles of the time from pull-out to pull-in, hours.</summary>
    public required double VehicleHours { get; init; }

    /// <summary>Battery energy drawn by all km of battery buses at the season's kWh/km, kWh (0 without battery buses).</summary>
    public required double EnergyKwh { get; init; }

    /// <summary>Diesel burnt by all km of diesel vehicles at the season's litres/km, litres (0 without diesel vehicles).</summary>
    public required double DieselLitres { get; init; }

    /// <summary>What the vehicles cost in the day, drivers apart: Σ vehicles × cost per vehicle-day + Σ km × cost per km, yuan (cost model in the remarks).</summary>
    public required double VehicleCostYuan { get; init; }

    /// <summary>Operating cost of the day: <see cref="VehicleCostYuan"/> + <see cref="DriverCostYuan"/>, yuan (cost model in the remarks).</summary>
    public double OperatingCostYuan => VehicleCostYuan + DriverCostYuan;

    /// <summary>Expected wait at the stop, minutes: each direction's passenger-weighted wait (timetable KPI), weighted by the direction's daily passengers.</summary>
    public required double ExpectedWaitMinutes { get; init; }

    /// <summary>The highest hourly load per departure over capacity in any direction (1 = full).</summary>
    public required double PeakOccupancy { get; init; }

    /// <summary>Σ over directions and hours of passengers finding no room (max(0, demand − capacity) per hour).</summary>
    public required int PassengersLeftBehind { get; init; }

    /// <summary>Train connections met.</summary>
    public required int TransfersMet { get; init; }

    /// <summary>Train connections asked for.</summary>
    public required int Transfers { get; init; }

    /// <summary>True when a battery-aware stage checked every battery block's state of charge; false when the blocks ignore charging (diesel fleets, or no battery stage available).</summary>
    public required bool EnergyChecked { get; init; }

    /// <summary>Status of the timetable solve: optimal, feasible (stopped by the time limit).</summary>
    public required string TimetableStatus { get; init; }

    /// <summary>Status of the vehicle-block solve: optimal, feasible.</summary>
    public required string BlocksStatus { get; init; }

    /// <summary>Wall-clock seconds of both solves (not part of <see cref="Columns"/>' deterministic rows).</summary>
    public required double SolverSeconds { get; init; }

    /// <summary>Drivers of the day's duties (0 when the crew stage was skipped; see <see cref="CrewStatus"/>).</summary>
    public int Drivers { get; init; }

    /// <summary>No duties under the driver rules need fewer drivers (LP bound of a drivers-only solve).</summary>
    public int DriverLowerBound { get; init; }

    /// <summary>Σ paid time of the duties (sign-on to sign-off, less unpaid split breaks), hours.</summary>
    public double PaidHours { get; init; }

    /// <summary>Σ driving time of the duties, hours.</summary>
    public double DrivingHours { get; init; }

    /// <summary>Driving / paid time, 0–1 (0 without duties).</summary>
    public double DriverEfficiency => PaidHours > 0 ? DrivingHours / PaidHours : 0;

    /// <summary>Paid hours × the wage per paid hour (<c>policy.driverRules.wageYuanPerPaidHour</c>, [E]), yuan; inside <see cref="OperatingCostYuan"/>; 0 without duties.</summary>
    public double DriverCostYuan { get; init; }

    /// <summary>Status of the duty solve: optimal, feasible, or skipped (<c>--crew skip</c> or rules not enforced).</summary>
    public string CrewStatus { get; init; } = "skipped";

    /// <summary>
    /// The figures in print order, each with a stable key (JSON and CSV), a label with its unit,
    /// and how to format it. Solver seconds are left out on purpose: these rows must be the same for
    /// the same inputs and seed (sweeps merge byte for byte); the seconds are printed separately.
    /// </summary>
    public static ImmutableArray<KpiColumn> Columns { get; } =
    [
        new("departures", "Departures", "trips", k => k.Departures, "0"),
        new("vehicles", "Vehicles", "vehicles", k => k.Vehicles, "0"),
        new("vehicleLowerBound", "Vehicles, lower bound", "vehicles", k => k.VehicleLowerBound, "0"),
        new("vehicleGap", "Vehicle gap to the bound", "%", k => 100 * k.VehicleGap, "0.0"),
        new("serviceKm", "Service vehicle-km", "km", k => k.ServiceKm, "0.0"),
        new("emptyKm", "Empty-run vehicle-km", "km", k => k.EmptyKm, "0.0"),
        new("vehicleHours", "Vehicle-hours", "h", k => k.VehicleHours, "0.00"),
        new("energyKwh", "Battery energy", "kWh", k => k.EnergyKwh, "0"),
        new("dieselLitres", "Diesel", "litres", k => k.DieselLitres, "0"),
        new("vehicleCostYuan", "Vehicle cost, drivers apart", "yuan", k => k.VehicleCostYuan, "0"),
        new("operatingCostYuan", "Operating cost", "yuan", k => k.OperatingCostYuan, "0"),
        new("expectedWaitMinutes", "Expected passenger wait", "min", k => k.ExpectedWaitMinutes, "0.00"),
        new("peakOccupancy", "Peak occupancy", "%", k => 100 * k.PeakOccupancy, "0.0"),
        new("passengersLeftBehind", "Passengers left behind", "passengers", k => k.PassengersLeftBehind, "0"),
        new("transfersMet", "Train transfers met", "connections", k => k.TransfersMet, "0"),
        new("transfers", "Train transfers asked", "connections", k => k.Transfers, "0"),
        new("drivers", "Drivers", "drivers", k => k.Drivers, "0"),
        new("driverLowerBound", "Drivers, lower bound", "drivers", k => k.DriverLowerBound, "0"),
        new("paidHours", "Driver paid hours", "h", k => k.PaidHours, "0.00"),
        new("drivingHours", "Driver driving hours", "h", k => k.DrivingHours, "0.00"),
        new("driverEfficiency", "Driving / paid time", "%", k => 100 * k.DriverEfficiency, "0.0"),
        new("driverCostYuan", "Driver cost", "yuan", k => k.DriverCostYuan, "0"),
    ];
}

/// <summary>One KPI as a column: key (camelCase, stable), label, unit, value and its invariant format.</summary>
public sealed record KpiColumn(string Key, string Label, string Unit, Func<PlanKpis, double> Value, string Format)
{
    /// <summary>The value of <paramref name="kpis"/> rounded to this column's format, culture-invariant.</summary>
    public string Text(PlanKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return Value(kpis).ToString(Format, CultureInfo.InvariantCulture);
    }

    /// <summary>The value as printed, parsed back (so that differences are those of the printed figures).</summary>
    public double Rounded(PlanKpis kpis) => double.Parse(Text(kpis), CultureInfo.InvariantCulture);
}
