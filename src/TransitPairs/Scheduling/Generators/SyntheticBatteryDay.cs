using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Places;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Time;
using TransitPairs.Vehicles;

namespace TransitPairs.Scheduling.Generators;

/// <summary>
/// What a generated battery day looks like: two terminals A and B 100 km apart on an expressway
/// (a trip takes 100 min, an empty run between the terminals 90 min), a depot 2 km (5 min) from
/// each terminal with depot chargers, departures uniform over 05:00–21:00 in both directions, and
/// 12 m buses of 350 kWh used between 10 % and 90 % (280 kWh) at 0.8 kWh/km in summer and
/// 1.3 kWh/km in winter (DOMAIN.md: 1.0–1.6 in winter [E]), charging at up to 150 kW.
/// </summary>
/// <param name="Trips">Number of trips (≥ 1).</param>
/// <param name="Season">Season of the consumption figures (winter by default).</param>
/// <param name="ChargerPowerKw">Power of each depot charging point, kW.</param>
/// <param name="PointsPerDepot">Charging points per depot; null = one per 8 trips of the day (at least 2).</param>
/// <param name="VehiclesPerDepot">Buses based at each depot; null = as many as trips (no limit in effect).</param>
/// <param name="MinLayoverMinutes">Least layover between two trips, minutes.</param>
public sealed record SyntheticBatteryDaySpec(
    int Trips,
    Season Season = Season.Winter,
    double ChargerPowerKw = 150,
    int? PointsPerDepot = null,
    int? VehiclesPerDepot = null,
    int MinLayoverMinutes = 10);

/// <summary>
/// Seeded generator of battery scheduling days for tests and benchmarks: the same spec and seed
/// give the same day on every machine (<see cref="Random"/> with a seed is stable).
/// </summary>
public static class SyntheticBatteryDay
{
    /// <summary>The generated days' bus: E12-class, 350 kWh, 10–90 % usable, 150 kW charging [E].</summary>
    public static VehicleType Bus { get; } = new("e12-350", "12 m battery bus, 350 kWh", 39, 31, EnergySource.Battery,
        new BatterySpec(350, 10, 90, 150), new SeasonalRate(0.8, 1.3), 0.4, 600, 1_500_000);

    public static BatterySchedulingProblem Generate(SyntheticBatteryDaySpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Trips, 1);
        var random = new Random(seed);
        var digits = Math.Max(4, spec.Trips.ToString(CultureInfo.InvariantCulture).Length);
        var trips = Enumerable.Range(0, spec.Trips).Select(t =>
        {
            var outbound = random.Next(2) == 0;
            var departure = random.Next(5 * 60, (21 * 60) + 1);
            return new ScheduledTrip(
                "T" + (t + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'),
                outbound ? "A" : "B",
                ServiceTime.FromMinutes(departure),
                outbound ? "B" : "A",
                ServiceTime.FromMinutes(departure + 100));
        }).ToImmutableArray();

        Deadhead Run(string from, string to, int minutes, int km) => new(from, to, minutes * 60, km * 1000);
        var runs = new List<Deadhead>
        {
            Run("A", "B", 90, 100), Run("B", "A", 90, 100),
            Run("DA", "A", 5, 2), Run("A", "DA", 5, 2), Run("DB", "B", 5, 2), Run("B", "DB", 5, 2),
            Run("DA", "B", 95, 102), Run("B", "DA", 95, 102), Run("DB", "A", 95, 102), Run("A", "DB", 95, 102),
            Run("DA", "DB", 100, 104), Run("DB", "DA", 100, 104),
        };
        var perDepot = spec.VehiclesPerDepot ?? spec.Trips;
        var schedule = new VehicleSchedulingProblem(
            trips,
            new DeadheadTable(runs),
            [new VehicleDepot("DA", "DA", perDepot), new VehicleDepot("DB", "DB", perDepot)],
            new SchedulingRules(spec.MinLayoverMinutes * 60),
            OperatingCosts.FleetThenEmptyKm);
        var points = spec.PointsPerDepot ?? Math.Max(2, spec.Trips / 8);
        return new BatterySchedulingProblem(
            schedule,
            trips.ToImmutableDictionary(t => t.TripId, _ => 100_000, StringComparer.Ordinal),
            [new FleetSlot("DA", Bus, perDepot), new FleetSlot("DB", Bus, perDepot)],
            [new ChargerSite("DA-plugs", "DA", spec.ChargerPowerKw, points), new ChargerSite("DB-plugs", "DB", spec.ChargerPowerKw, points)],
            spec.Season,
            ChargingRules.Default);
    }
}
