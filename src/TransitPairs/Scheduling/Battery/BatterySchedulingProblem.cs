using System.Collections.Immutable;
using TransitPairs.Places;
using TransitPairs.Policy;
using TransitPairs.Scenarios;
using TransitPairs.Time;
using TransitPairs.Timetables;
using TransitPairs.Vehicles;

namespace TransitPairs.Scheduling.Battery;

/// <summary>
/// How buses charge, as the battery scheduler and its checker model it. The charging curve is
/// piecewise linear: the bus takes <c>min(charger power, vehicle charging power)</c> up to
/// <see cref="TaperStartPercent"/> of its pack, then <see cref="TaperPowerPercent"/> of that power
/// up to the usable ceiling (constant-current then constant-voltage charging, simplified [E]).
/// A bus leaves its depot full (at the usable ceiling): overnight charging is not scheduled.
/// Winter consumption figures include cab and saloon heating (DOMAIN.md: 1.56 kWh/km at −33 °C is
/// a measured total), so no separate heating allowance is added by default.
/// </summary>
public sealed record ChargingRules
{
    /// <summary>10 min plug-in, taper from 80 % at half power, no heating allowance.</summary>
    public static ChargingRules Default { get; } = new(600, 80, 50, 0);

    public ChargingRules(int minPlugInSeconds, int taperStartPercent, int taperPowerPercent, int heatingWattsWhileDriving)
    {
        MinPlugInSeconds = Validation.Check.InRange(minPlugInSeconds, 0, 4 * 3600, nameof(minPlugInSeconds));
        TaperStartPercent = Validation.Check.InRange(taperStartPercent, 1, 100, nameof(taperStartPercent));
        TaperPowerPercent = Validation.Check.InRange(taperPowerPercent, 1, 100, nameof(taperPowerPercent));
        HeatingWattsWhileDriving = Validation.Check.InRange(heatingWattsWhileDriving, 0, 50_000, nameof(heatingWattsWhileDriving));
    }

    /// <summary>Shortest charging session, seconds (0–14,400): connecting, handshake and a useful charge.</summary>
    public int MinPlugInSeconds { get; }

    /// <summary>State of charge, percent of the pack (1–100), above which charging power tapers.</summary>
    public int TaperStartPercent { get; }

    /// <summary>Charging power above the taper threshold, percent of the full power (1–100).</summary>
    public int TaperPowerPercent { get; }

    /// <summary>Extra heating load in watts (0–50,000) while driving in winter, on top of the kWh/km figure; 0 by default.</summary>
    public int HeatingWattsWhileDriving { get; }
}

/// <summary>Vehicles of one type at one depot, as the battery scheduler sees them.</summary>
/// <param name="Depot">Depot id (the block starts and ends there).</param>
/// <param name="VehicleType">The vehicle type.</param>
/// <param name="Count">Vehicles available (≥ 0).</param>
public sealed record FleetSlot(string Depot, VehicleType VehicleType, int Count);

/// <summary>
/// A day of trips for a mixed fleet of battery and diesel buses: the plain scheduling problem
/// (trips, empty runs, depots, rules, costs) plus each trip's road distance, the fleet per depot
/// and type, the charger sites, the season and the charging rules. Energy: a battery bus uses
/// <c>distance × kWh/km of its type for the season</c> on trips and empty runs.
/// </summary>
public sealed record BatterySchedulingProblem
{
    public BatterySchedulingProblem(
        VehicleSchedulingProblem schedule,
        ImmutableDictionary<string, int> tripDistanceMetres,
        ImmutableArray<FleetSlot> fleet,
        ImmutableArray<ChargerSite> chargers,
        Season season,
        ChargingRules charging)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(tripDistanceMetres);
        ArgumentNullException.ThrowIfNull(charging);
        var missing = schedule.Trips.FirstOrDefault(t => !tripDistanceMetres.ContainsKey(t.TripId));
        if (missing is not null)
        {
            throw new ArgumentException($"Trip {missing.TripId} has no distance.", nameof(tripDistanceMetres));
        }

        if (fleet.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The fleet has no vehicles.", nameof(fleet));
        }

        var unknownDepot = fleet.FirstOrDefault(f => schedule.Depots.All(d => d.DepotId != f.Depot));
        if (unknownDepot is not null)
        {
            throw new ArgumentException($"The fleet names depot {unknownDepot.Depot}, which the problem does not have.", nameof(fleet));
        }

        Schedule = schedule;
        TripDistanceMetres = tripDistanceMetres;
        Fleet = fleet;
        Chargers = chargers.IsDefault ? [] : chargers;
        Season = season;
        Charging = charging;
    }

    public VehicleSchedulingProblem Schedule { get; }

    /// <summary>Road distance of each trip, metres, by trip id.</summary>
    public ImmutableDictionary<string, int> TripDistanceMetres { get; }

    public ImmutableArray<FleetSlot> Fleet { get; }

    /// <summary>Charger sites; <see cref="ChargerSite.Place"/> is a stop or depot stop of the deadhead table.</summary>
    public ImmutableArray<ChargerSite> Chargers { get; }

    public Season Season { get; }

    public ChargingRules Charging { get; }

    /// <summary>
    /// The driver rules every empty run must keep on its own, or null when drivers are not planned.
    /// Empty runs go between terminals, depots and charger places, where drivers may be relieved, so
    /// each is a stretch one driver drives without a rest (<see cref="DriverRules.OneDriverMayDrive"/>):
    /// a three-hour run home after a late charge breaks the 2 h night limit and no duty could cover it.
    /// </summary>
    public DriverRules? Drivers { get; init; }

    /// <summary>True when an empty run of <paramref name="seconds"/> may start at <paramref name="start"/> (seconds of the service day) under <see cref="Drivers"/>.</summary>
    public bool EmptyRunAllowed(int start, int seconds) =>
        Drivers is null || seconds <= 0 || Drivers.OneDriverMayDrive(new ServiceTime(Math.Max(0, start)), new ServiceTime(Math.Max(0, start) + seconds));

    /// <summary>
    /// The problem of a scenario's day: the timetable's trips with their pattern distances, empty
    /// runs along the road network between every terminal, depot and charger place, the scenario's
    /// depots (vehicle limit = fleet based there), minimum layover from the policy, and its fleet,
    /// chargers and season.
    /// </summary>
    public static BatterySchedulingProblem FromScenario(Scenario scenario, Timetable timetable, ChargingRules? charging = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(timetable);
        var trips = timetable.Trips.Select(t => new ScheduledTrip(t.Id, t.Origin, t.Departure, t.Destination, t.Arrival)).ToImmutableArray();
        var distances = timetable.Trips.ToImmutableDictionary(
            t => t.Id,
            t => scenario.Corridor(t.Corridor).Pattern(t.Pattern).DistanceMetres,
            StringComparer.Ordinal);
        var places = timetable.Trips.SelectMany(t => new[] { t.Origin, t.Destination })
            .Concat(scenario.Depots.Select(d => d.Id))
            .Concat(scenario.Chargers.Select(c => c.Place))
            .Distinct(StringComparer.Ordinal)
            .Where(scenario.Network.Contains)
            .ToList();
        var runs = new List<Deadhead>();
        foreach (var from in places)
        {
            foreach (var to in places.Where(p => p != from && scenario.Network.Connects(from, p)))
            {
                var run = scenario.Network.EmptyRun(from, to);
                runs.Add(new Deadhead(from, to, (int)run.Time.TotalSeconds, run.DistanceMetres));
            }
        }

        var depotIds = scenario.Fleet.Allocations.Where(a => a.Count > 0).Select(a => a.Depot).Distinct(StringComparer.Ordinal).ToList();
        var depots = depotIds.Select(d => new VehicleDepot(d, d, scenario.Fleet.AtDepot(d))).ToImmutableArray();
        var schedule = new VehicleSchedulingProblem(
            trips,
            new DeadheadTable(runs),
            depots,
            new SchedulingRules((int)scenario.Policy.MinLayover.TotalSeconds),
            OperatingCosts.FleetThenEmptyKm);
        var fleet = scenario.Fleet.Allocations.Where(a => a.Count > 0)
            .Select(a => new FleetSlot(a.Depot, scenario.VehicleType(a.VehicleType), a.Count))
            .ToImmutableArray();
        return new BatterySchedulingProblem(schedule, distances, fleet, scenario.Chargers, scenario.Season, charging ?? ChargingRules.Default)
        {
            Drivers = scenario.Policy.DriverRules.Enforced ? scenario.Policy.DriverRules : null,
        };
    }
}
