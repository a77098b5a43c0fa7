using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Corridors;
using TransitPairs.Scenarios;
using TransitPairs.Validation;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.Allocation;

/// <summary>Where an allocation corridor came from and the assumptions the mapping made for it.</summary>
/// <param name="Scenario">The scenario the corridor is in.</param>
/// <param name="Corridor">The corridor.</param>
/// <param name="Pattern">The pattern whose run times and seats size the service (the first express pattern).</param>
/// <param name="VehicleType">The vehicle type the corridor runs (the most numerous in its depots).</param>
/// <param name="ChargeMinutesPerRoundTrip">Minutes of terminal charging per round trip, both terminals (0 for diesel or a pack that lasts the day).</param>
/// <param name="StandMinutesAtA">Minutes a bus stands at terminal A per round trip: the longer of the minimum layover and its charging there.</param>
/// <param name="StandMinutesAtB">The same at terminal B.</param>
public sealed record AllocationSource(
    Scenario Scenario,
    Corridor Corridor,
    Pattern Pattern,
    VehicleType VehicleType,
    int ChargeMinutesPerRoundTrip,
    int StandMinutesAtA,
    int StandMinutesAtB);

/// <summary>An allocation problem built from scenarios, with where each corridor came from and what the mapping assumed.</summary>
public sealed class ScenarioAllocationProblem
{
    internal ScenarioAllocationProblem(AllocationProblem problem, ImmutableArray<AllocationSource> sources, ImmutableArray<string> notes)
    {
        Problem = problem;
        Sources = sources;
        Notes = notes;
    }

    public AllocationProblem Problem { get; }

    /// <summary>One per corridor, in the order of <see cref="AllocationProblem.Corridors"/>.</summary>
    public ImmutableArray<AllocationSource> Sources { get; }

    /// <summary>Assumptions a planner should know about (diagnostics, not data).</summary>
    public ImmutableArray<string> Notes { get; }
}

/// <summary>
/// Maps scenarios (corridors, run times by band and season, hourly demand, policy, vehicle types,
/// fleet, chargers) onto the integer allocation problem of <see cref="FleetAllocator"/>.
/// </summary>
/// <remarks>
/// <para>Bands: the service span (earliest first to latest last departure of the two directions)
/// cut at the corridor's peak/off-peak/night periods. Demand of a band: the hourly max-load
/// counts (scaled for the scenario's day type) averaged over the band's minutes, per direction;
/// a peak hour inside a long band is averaged away.</para>
/// <para>Cycle of a band: the first express pattern's trip time both ways in that band and
/// season, plus at each terminal the longer of the minimum layover and the charging there.</para>
/// <para>Charging (battery types): a bus in service all day makes k = (span + run cycle) / run
/// cycle round trips and uses k × round-trip energy; what exceeds the pack's usable window is
/// charged at the terminals that have chargers (the most powerful at each; power = the smaller of
/// the charger's and the bus's limit), spread evenly over round trips and terminals: one session
/// per round trip at each, of ⌈(k × energy − usable) / k / terminals / power⌉ minutes. Without a
/// terminal charger no charging is added and a note says so (the block solver then decides
/// where buses charge).</para>
/// <para>The policy's <c>tripTarget</c> (today's fixed service) is ignored: the allocation sizes
/// the service from the headways it chooses.</para>
/// </remarks>
public static class ScenarioAllocation
{
    /// <summary>
    /// Builds the allocation problem of all corridors of <paramref name="scenarios"/>. With neither
    /// <paramref name="fleetSize"/> nor <paramref name="budgetYuan"/>, the fleet is the buses the
    /// scenarios own.
    /// </summary>
    /// <exception cref="InputException">When a corridor appears twice or a policy allows no headway; every problem at once.</exception>
    public static ScenarioAllocationProblem Build(
        IReadOnlyList<(string Source, Scenario Scenario)> scenarios,
        int? fleetSize,
        long? budgetYuan,
        AllocationWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var problems = new List<InputProblem>();
        var notes = new List<string>();
        var corridors = new List<AllocationCorridor>();
        var sources = new List<AllocationSource>();
        var sites = new Dictionary<string, ChargerSiteCapacity>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, scenario) in scenarios)
        {
            foreach (var corridor in scenario.Corridors)
            {
                if (owner.TryGetValue(corridor.Id, out var first))
                {
                    problems.Add(new InputProblem(source, $"corridors.{corridor.Id}", $"The corridor '{corridor.Id}' is also in {first}; an allocation shares buses between different corridors.", "Name each corridor's scenario once (e.g. not both the base and its winter variant)."));
                    continue;
                }

                owner[corridor.Id] = source;
                try
                {
                    var (allocation, origin, used) = MapCorridor(scenario, corridor, notes);
                    corridors.Add(allocation);
                    sources.Add(origin);
                    foreach (var site in used)
                    {
                        sites.TryAdd(site.Id, site);
                    }
                }
                catch (ArgumentException e)
                {
                    problems.Add(new InputProblem(source, $"corridors.{corridor.Id}", e is InvalidValueException v ? v.Problem : e.Message, "Check the policy's headways and the corridor's patterns."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        if (fleetSize is null && budgetYuan is null)
        {
            fleetSize = corridors.Sum(c => c.OwnedBuses);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"No fleet size or budget given: allocating the {fleetSize} buses the scenarios own."));
        }

        var problem = new AllocationProblem([.. corridors], [.. sites.Values.OrderBy(s => s.Id, StringComparer.Ordinal)], fleetSize, budgetYuan, weights);
        return new ScenarioAllocationProblem(problem, [.. sources], [.. notes]);
    }

    private static (AllocationCorridor Corridor, AllocationSource Source, List<ChargerSiteCapacity> Sites) MapCorridor(Scenario scenario, Corridor corridor, List<string> notes)
    {
        var policy = scenario.Policy;
        var pattern = corridor.Patterns.FirstOrDefault(p => p.Kind == PatternKind.Express) ?? corridor.Patterns[0];
        var depots = corridor.Depots.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var based = scenario.Fleet.Allocations.Where(a => depots.Contains(a.Depot) && a.Count > 0).ToList();
        var vehicleType = based
            .GroupBy(a => a.VehicleType, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(a => a.Count))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => scenario.VehicleType(g.Key))
            .FirstOrDefault() ?? scenario.VehicleTypes[0];
        var owned = based.Sum(a => a.Count);
        var seats = vehicleType.Capacity(policy.IsSeatedOnly(pattern));
        var factor = corridor.RunTimeFactor(scenario.Season);
        var layover = (int)Math.Ceiling(policy.MinLayover.TotalMinutes);
        int TripMinutes(TimeBand band) => (int)Math.Ceiling(pattern.TripTime(band, factor).TotalMinutes);

        var start = Math.Min(policy.OutboundSpan.FirstDeparture.TotalMinutes, policy.InboundSpan.FirstDeparture.TotalMinutes);
        var end = Math.Max(policy.OutboundSpan.LastDeparture.TotalMinutes, policy.InboundSpan.LastDeparture.TotalMinutes);
        end = Math.Max(end, start + 1);
        var allowed = HeadwayMenu.PolicyHeadways((int)Math.Ceiling(policy.MinHeadway.TotalMinutes), (int)Math.Floor(policy.MaxHeadway.TotalMinutes), policy.ClockFace);

        // Charging of battery buses: what the pack cannot hold for a day, spread over its round
        // trips and over the terminals that have chargers (the most powerful one at each).
        var runCycle = (2 * TripMinutes(TimeBand.OffPeak)) + (2 * layover);
        var charging = ImmutableArray.CreateBuilder<CorridorCharging>();
        var sites = new List<ChargerSiteCapacity>();
        var standMinutes = new[] { layover, layover };
        if (vehicleType is { Energy: EnergySource.Battery, Battery: { } battery })
        {
            var roundTrips = (double)(end - start + runCycle) / runCycle;
            var roundTripWh = 2.0 * vehicleType.EnergyWh(pattern.DistanceMetres, scenario.Season);
            var deficitWh = (roundTrips * roundTripWh) - (battery.UsableKwh * 1000);
            var chargers = new[] { corridor.TerminalA, corridor.TerminalB }
                .Select(terminal => scenario.ChargersAt(terminal).OrderByDescending(c => c.PowerKw).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault())
                .ToArray();
            var withCharger = chargers.Count(c => c is not null);
            var season = scenario.Season.ToString().ToLowerInvariant();
            if (deficitWh > 0 && withCharger > 0)
            {
                var sessions = new List<string>();
                for (var terminal = 0; terminal < 2; terminal++)
                {
                    if (chargers[terminal] is not { } charger)
                    {
                        continue;
                    }

                    var watts = Math.Min(charger.PowerKw, battery.MaxChargingPowerKw) * 1000;
                    var minutes = (int)Math.Ceiling(deficitWh / roundTrips / withCharger / watts * 60);
                    charging.Add(new CorridorCharging(charger.Id, 1, minutes));
                    sites.Add(new ChargerSiteCapacity(charger.Id, charger.Points));
                    standMinutes[terminal] = Math.Max(layover, minutes);
                    sessions.Add(string.Create(CultureInfo.InvariantCulture, $"{minutes} min at {charger.Id} ({watts / 1000:0} kW)"));
                }

                notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{corridor.Id}: {vehicleType.Id} uses {roundTripWh / 1000:0} kWh a round trip ({season}); a bus in service all day needs {deficitWh / 1000:0} kWh beyond its {battery.UsableKwh:0} usable kWh: {string.Join(" and ", sessions)} every round trip, inside the layover where it fits."));
            }
            else if (deficitWh > 0)
            {
                notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{corridor.Id}: each {vehicleType.Id} in service all day needs {deficitWh / 1000:0} kWh beyond its {battery.UsableKwh:0} usable kWh ({season}) and no terminal has a charger: no charging time is in the cycle; the block solver must find depot charging or more buses."));
            }
        }

        var bands = ImmutableArray.CreateBuilder<AllocationBand>();
        foreach (var (band, from, to) in Pieces(corridor, start, end))
        {
            var outbound = MeanPerHour(scenario, corridor.Id, Direction.Outbound, from, to);
            var inbound = MeanPerHour(scenario, corridor.Id, Direction.Inbound, from, to);
            var cycle = (2 * TripMinutes(band)) + standMinutes[0] + standMinutes[1];
            var choices = HeadwayMenu.AllocationChoices(allowed, Math.Max(outbound, inbound), seats, policy.DesiredOccupancy);
            bands.Add(new AllocationBand(Name(band), from, to - from, cycle, outbound, inbound, choices));
        }

        if (policy.TripTarget is { } target)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{corridor.Id}: the policy's fixed {target.TripsPerDay} trips a day (today's service) is ignored; headways are chosen from {allowed.Min()}–{allowed.Max()} min."));
        }

        var allocation = new AllocationCorridor(corridor.Id, bands.ToImmutable(), seats, owned, (long)Math.Round(vehicleType.PurchaseCostYuan), charging.ToImmutable());
        return (allocation, new AllocationSource(scenario, corridor, pattern, vehicleType, charging.Sum(c => c.SessionMinutes), standMinutes[0], standMinutes[1]), sites);
    }

    /// <summary>[start, end) cut at the corridor's band periods, adjacent pieces of one band merged.</summary>
    private static List<(TimeBand Band, int From, int To)> Pieces(Corridor corridor, int start, int end)
    {
        var cuts = corridor.TimeBands
            .SelectMany(p => new[] { p.From.TotalMinutes, p.To.TotalMinutes })
            .Where(m => m > start && m < end)
            .Append(start)
            .Append(end)
            .Distinct()
            .Order()
            .ToList();
        var pieces = new List<(TimeBand Band, int From, int To)>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var band = corridor.BandAt(Time.ServiceTime.FromMinutes(cuts[i]));
            if (pieces.Count > 0 && pieces[^1].Band == band)
            {
                pieces[^1] = (band, pieces[^1].From, cuts[i + 1]);
            }
            else
            {
                pieces.Add((band, cuts[i], cuts[i + 1]));
            }
        }

        return pieces;
    }

    /// <summary>Passengers per hour over [from, to), each clock hour weighted by its minutes inside; rounded.</summary>
    private static int MeanPerHour(Scenario scenario, string corridorId, Direction direction, int from, int to)
    {
        var passengerMinutes = 0.0;
        for (var hour = from / 60; hour * 60 < to; hour++)
        {
            var overlap = Math.Min(to, (hour + 1) * 60) - Math.Max(from, hour * 60);
            if (overlap > 0 && hour <= 47)
            {
                passengerMinutes += scenario.PassengersPerHour(corridorId, hour, direction) * overlap;
            }
        }

        return (int)Math.Round(passengerMinutes / (to - from), MidpointRounding.AwayFromZero);
    }

    private static string Name(TimeBand band) => band switch
    {
        TimeBand.Peak => "peak",
        TimeBand.OffPeak => "off-peak",
        TimeBand.Night => "night",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown time band."),
    };
}
