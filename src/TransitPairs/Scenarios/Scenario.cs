using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.Demand;
using TransitPairs.Network;
using TransitPairs.Places;
using TransitPairs.Policy;
using TransitPairs.Time;
using TransitPairs.Vehicles;
using TransitPairs.Validation;

namespace TransitPairs.Scenarios;

/// <summary>
/// A problem that spans several parts of a scenario (a reference that does not resolve, a depot
/// too small for its fleet). <see cref="Path"/> follows the scenario file's layout, e.g.
/// <c>fleet.siping-depot.e12-422</c> or <c>chargers.x.place</c>.
/// </summary>
public sealed record ScenarioIssue(string Path, string Problem, string Fix);

/// <summary>
/// Everything a plan needs for one service day: corridors, road network, demand, policy, vehicle
/// types, fleet, chargers, rail connections and solver options. A scenario that exists is
/// consistent: every reference resolves (see <see cref="FindIssues"/>).
/// </summary>
public sealed class Scenario
{
    public Scenario(
        string name,
        string description,
        IEnumerable<Corridor> corridors,
        LocalDate serviceDate,
        DayType dayType,
        Season season,
        DemandModel demand,
        ServicePolicy policy,
        IEnumerable<VehicleType> vehicleTypes,
        Fleet fleet,
        IEnumerable<ChargerSite> chargers,
        IEnumerable<RailEvent> railEvents,
        SolverOptions options)
    {
        Name = Check.Text(name, nameof(name));
        Description = description ?? string.Empty;
        Corridors = Check.Items(corridors, nameof(corridors));
        ServiceDate = serviceDate;
        DayType = Check.Defined(dayType, nameof(dayType));
        Season = Check.Defined(season, nameof(season));
        Demand = Check.NotNull(demand, nameof(demand));
        Policy = Check.NotNull(policy, nameof(policy));
        VehicleTypes = Check.Items(vehicleTypes, nameof(vehicleTypes));
        Fleet = Check.NotNull(fleet, nameof(fleet));
        Chargers = Check.Items(chargers, nameof(chargers));
        RailEvents = Check.Items(railEvents, nameof(railEvents));
        Options = Check.NotNull(options, nameof(options));

        var issue = FindIssues(Corridors, Demand, Policy, VehicleTypes, Fleet, Chargers, RailEvents).FirstOrDefault();
        if (issue is not null)
        {
            throw new InvalidValueException(issue.Path.Split('.', '[')[0], issue.Problem, issue.Fix);
        }

        Network = BuildNetwork(Corridors);
    }

    public string Name { get; }

    /// <summary>What the scenario is about, for people (may be empty).</summary>
    public string Description { get; }

    public ImmutableArray<Corridor> Corridors { get; }

    public LocalDate ServiceDate { get; }

    public DayType DayType { get; }

    public Season Season { get; }

    public DemandModel Demand { get; }

    public ServicePolicy Policy { get; }

    public ImmutableArray<VehicleType> VehicleTypes { get; }

    public Fleet Fleet { get; }

    /// <summary>Every charger site at depots and terminals.</summary>
    public ImmutableArray<ChargerSite> Chargers { get; }

    /// <summary>Trains to meet (may be empty).</summary>
    public ImmutableArray<RailEvent> RailEvents { get; }

    public SolverOptions Options { get; }

    /// <summary>Roads joining every stop, depot and junction of the corridors; empty runs come from here.</summary>
    public RoadNetwork Network { get; }

    /// <summary>Every stop of every corridor.</summary>
    public IEnumerable<Stop> Stops => Corridors.SelectMany(c => c.Stops);

    /// <summary>Every depot of every corridor.</summary>
    public IEnumerable<Depot> Depots => Corridors.SelectMany(c => c.Depots);

    public Corridor Corridor(string corridorId) =>
        Corridors.FirstOrDefault(c => c.Id == corridorId)
        ?? throw new InvalidValueException(nameof(corridorId), $"'{corridorId}' is no corridor of scenario '{Name}'.", "Use a corridor id of the scenario.");

    public VehicleType VehicleType(string vehicleTypeId) =>
        VehicleTypes.FirstOrDefault(v => v.Id == vehicleTypeId)
        ?? throw new InvalidValueException(nameof(vehicleTypeId), $"'{vehicleTypeId}' is no vehicle type of scenario '{Name}'.", "Use a vehicle type id of the scenario.");

    /// <summary>Chargers standing at <paramref name="placeId"/> (a depot or a stop).</summary>
    public IEnumerable<ChargerSite> ChargersAt(string placeId) => Chargers.Where(c => c.Place == placeId);

    /// <summary>Passengers per hour at the max-load point on this scenario's day type, scaled (see <see cref="DemandModel.PassengersPerHour"/>).</summary>
    public double PassengersPerHour(string corridorId, int hour, Direction direction) =>
        Demand.PassengersPerHour(corridorId, hour, direction, DayType);

    /// <summary>
    /// Every problem across the parts of a scenario: ids unique over corridors; demand, fleet,
    /// chargers, seated-only settings and rail events naming things that exist; depots holding
    /// their fleet; terminals and depots joined by roads.
    /// </summary>
    public static IEnumerable<ScenarioIssue> FindIssues(
        ImmutableArray<Corridor> corridors,
        DemandModel demand,
        ServicePolicy policy,
        ImmutableArray<VehicleType> vehicleTypes,
        Fleet fleet,
        ImmutableArray<ChargerSite> chargers,
        ImmutableArray<RailEvent> railEvents)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(fleet);
        if (corridors.IsDefaultOrEmpty)
        {
            yield return new ScenarioIssue("corridors", "The scenario has no corridor.", "Name at least one corridor file under 'corridors'.");
            yield break;
        }

        foreach (var twice in corridors.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            yield return new ScenarioIssue($"corridors.{twice.Key}", $"The corridor '{twice.Key}' appears twice.", "Name each corridor once.");
        }

        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var corridor in corridors)
        {
            var ids = corridor.Stops.Select(s => (s.Id, "stops"))
                .Concat(corridor.Depots.Select(d => (d.Id, "depots")))
                .Concat(corridor.Junctions.Select(j => (j.Id, "junctions")));
            foreach (var (id, kind) in ids)
            {
                if (places.TryGetValue(id, out var owner) && owner != corridor.Id)
                {
                    yield return new ScenarioIssue($"corridors.{corridor.Id}.{kind}.{id}", $"The place id '{id}' is used by corridors '{owner}' and '{corridor.Id}'.",
                        "Shared places keep one id in one corridor file; give the other a different id.");
                }

                places.TryAdd(id, corridor.Id);
            }
        }

        var depotIds = corridors.SelectMany(c => c.Depots).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var stopIds = corridors.SelectMany(c => c.Stops).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var typeIds = vehicleTypes.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var d in demand.Corridors)
        {
            if (corridors.All(c => c.Id != d.Corridor))
            {
                yield return new ScenarioIssue($"demand.profiles.{d.Corridor}", $"Demand is given for '{d.Corridor}', which is no corridor of the scenario.",
                    $"Use one of: {string.Join(", ", corridors.Select(c => c.Id))}.");
            }
        }

        foreach (var corridor in corridors)
        {
            if (demand.For(corridor.Id) is null)
            {
                yield return new ScenarioIssue("demand.profiles", $"No demand is given for corridor '{corridor.Id}'.",
                    $"Add 'demand.profiles.{corridor.Id}' naming its hourly demand CSV files.");
            }
        }

        foreach (var twice in vehicleTypes.GroupBy(v => v.Id).Where(g => g.Count() > 1))
        {
            yield return new ScenarioIssue($"vehicleTypes.{twice.Key}", $"The vehicle type '{twice.Key}' is defined twice.", "Define each vehicle type once.");
        }

        foreach (var a in fleet.Allocations)
        {
            if (!typeIds.Contains(a.VehicleType))
            {
                yield return new ScenarioIssue($"fleet.{a.Depot}.{a.VehicleType}", $"The fleet names the vehicle type '{a.VehicleType}', which is not defined.",
                    $"Use one of: {string.Join(", ", typeIds.Order(StringComparer.Ordinal))}.");
            }

            if (!depotIds.Contains(a.Depot))
            {
                yield return new ScenarioIssue($"fleet.{a.Depot}", $"The fleet names the depot '{a.Depot}', which is no depot of the scenario's corridors.",
                    $"Use one of: {string.Join(", ", depotIds.Order(StringComparer.Ordinal))}.");
            }
        }

        if (fleet.Total == 0)
        {
            yield return new ScenarioIssue("fleet", "The fleet has no vehicles.", "Give at least one vehicle at a depot.");
        }

        foreach (var depot in corridors.SelectMany(c => c.Depots))
        {
            var based = fleet.AtDepot(depot.Id);
            if (based > depot.ParkingCapacity)
            {
                yield return new ScenarioIssue($"fleet.{depot.Id}", $"{based} vehicles are based at '{depot.Id}', which parks {depot.ParkingCapacity}.",
                    "Move vehicles to another depot or raise the depot's 'parkingCapacity'.");
            }
        }

        foreach (var twice in chargers.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            yield return new ScenarioIssue($"chargers.{twice.Key}", $"The charger site '{twice.Key}' is defined twice.", "Give each charger site its own id.");
        }

        foreach (var charger in chargers)
        {
            if (!depotIds.Contains(charger.Place) && !stopIds.Contains(charger.Place))
            {
                yield return new ScenarioIssue($"chargers.{charger.Id}.place", $"The charger site '{charger.Id}' stands at '{charger.Place}', which is no depot or stop.",
                    "Use the id of a depot or a terminal.");
            }
        }

        foreach (var pattern in policy.SeatedOnly.Keys.Order(StringComparer.Ordinal))
        {
            if (!corridors.SelectMany(c => c.Patterns).Any(p => p.Id == pattern))
            {
                yield return new ScenarioIssue($"policy.seatedOnly.{pattern}", $"Seated-only is set for '{pattern}', which is no pattern.",
                    $"Use one of: {string.Join(", ", corridors.SelectMany(c => c.Patterns).Select(p => p.Id).Distinct())}.");
            }
        }

        for (var i = 0; i < railEvents.Length; i++)
        {
            if (!stopIds.Contains(railEvents[i].Stop))
            {
                yield return new ScenarioIssue($"railEvents[{i}].stop", $"Train {railEvents[i].TrainId} calls at '{railEvents[i].Stop}', which is no stop.",
                    "Use the id of a stop (the rail station) of a corridor.");
            }
        }

        foreach (var corridor in corridors)
        {
            RoadNetwork? network = null;
            string? linkProblem = null;
            try
            {
                network = BuildNetwork([corridor]);
            }
            catch (InvalidValueException e)
            {
                linkProblem = e.Problem;
            }

            if (linkProblem is not null)
            {
                yield return new ScenarioIssue($"corridors.{corridor.Id}.roadLinks", linkProblem, "Declare the place under 'junctions' or correct the id.");
                continue;
            }

            var ends = new[] { corridor.TerminalA, corridor.TerminalB }.Concat(corridor.Depots.Select(d => d.Id)).ToList();
            foreach (var from in ends)
            {
                foreach (var to in ends.Where(t => t != from && !network!.Connects(from, t)))
                {
                    yield return new ScenarioIssue($"corridors.{corridor.Id}.roadLinks", $"No road leads from '{from}' to '{to}': buses could not run empty between them.",
                        "Add road links that join the two places.");
                }
            }
        }
    }

    private static RoadNetwork BuildNetwork(ImmutableArray<Corridor> corridors) =>
        new(
            corridors.SelectMany(c => c.Stops.Select(s => s.Id).Concat(c.Depots.Select(d => d.Id)).Concat(c.Junctions.Select(j => j.Id))),
            corridors.SelectMany(c => c.RoadLinks));
}
