using System.Collections.Immutable;
using TransitPairs.Corridors;
using TransitPairs.Duties;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Timetables;

namespace TransitPairs.Planning;

/// <summary>One hour of one direction: passengers at the max-load point against the places offered.</summary>
/// <param name="Corridor">Corridor id.</param>
/// <param name="Direction">Direction.</param>
/// <param name="Hour">Hour of the service day (0–47) of the departures at the first terminal.</param>
/// <param name="Passengers">Passengers at the max-load point in the hour (scaled demand).</param>
/// <param name="Capacity">Places offered by the hour's departures (Σ capacity per bus).</param>
public sealed record HourlyLoad(string Corridor, Direction Direction, int Hour, int Passengers, int Capacity);

/// <summary>
/// A finished plan for one service day: the scenario it answers, the timetable, the vehicle blocks
/// (with the vehicle type of each block), the hourly loads, the KPIs and notes for people (solver
/// status, cost model, what was not checked). Everything the outputs need, in domain terms.
/// </summary>
public sealed record Plan
{
    public Plan(
        Scenario scenario,
        Timetable timetable,
        VehicleSchedule schedule,
        ImmutableDictionary<string, string> vehicleTypeOfBlock,
        ImmutableArray<HourlyLoad> loads,
        PlanKpis kpis,
        ImmutableArray<string> notes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(vehicleTypeOfBlock);
        ArgumentNullException.ThrowIfNull(kpis);
        var untyped = schedule.Blocks.FirstOrDefault(b => !vehicleTypeOfBlock.ContainsKey(b.VehicleId));
        if (untyped is not null)
        {
            throw new ArgumentException($"Block {untyped.VehicleId} has no vehicle type.", nameof(vehicleTypeOfBlock));
        }

        Scenario = scenario;
        Timetable = timetable;
        Schedule = schedule;
        VehicleTypeOfBlock = vehicleTypeOfBlock;
        Loads = loads.IsDefault ? [] : loads;
        Kpis = kpis;
        Notes = notes.IsDefault ? [] : notes;
    }

    public Scenario Scenario { get; }

    public Timetable Timetable { get; }

    public VehicleSchedule Schedule { get; }

    /// <summary>Vehicle (block) id → vehicle type id.</summary>
    public ImmutableDictionary<string, string> VehicleTypeOfBlock { get; }

    public ImmutableArray<HourlyLoad> Loads { get; }

    public PlanKpis Kpis { get; }

    /// <summary>Sentences for people: solver status, the cost model, what was not checked.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>The drivers' duties, or null when the crew stage was skipped.</summary>
    public CrewSchedule? Crew { get; init; }

    /// <summary>Trip id → vehicle id, for GTFS block_id.</summary>
    public ImmutableDictionary<string, string> BlockOfTrip =>
        Schedule.Blocks.SelectMany(b => b.TripIds.Select(t => (Trip: t, b.VehicleId))).ToImmutableDictionary(x => x.Trip, x => x.VehicleId, StringComparer.Ordinal);
}
