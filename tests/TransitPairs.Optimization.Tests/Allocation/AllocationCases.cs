using System.Collections.Immutable;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Tests.Allocation;

/// <summary>Small problems written like a planner's sheet, and a one-line summary of a result.</summary>
internal static class AllocationCases
{
    public static readonly SolveOptions Options = new(TimeSpan.FromSeconds(300), 1, 7);

    /// <summary>A day band 06:00–18:00 with the same demand both ways.</summary>
    public static AllocationBand DayBand(int cycleMinutes, int passengersPerHour, params int[] headways) =>
        new("day", 360, 720, cycleMinutes, passengersPerHour, passengersPerHour, [.. headways]);

    public static AllocationCorridor Corridor(string id, int seats, params AllocationBand[] bands) =>
        new(id, [.. bands], seats, ownedBuses: 0, purchaseCostYuan: 1_800_000);

    public static AllocationProblem Problem(int? fleet, params AllocationCorridor[] corridors) =>
        new([.. corridors], [], fleet, budgetYuan: null);

    /// <summary><c>A 4 buses: day 30' | B 4 buses: day 30'</c></summary>
    public static string Summary(AllocationResult result) =>
        string.Join(" | ", result.Corridors.Select(c =>
            $"{c.CorridorId} {c.Buses} buses: {string.Join(" ", c.Bands.Select(b => $"{b.Band} {b.HeadwayMinutes}'"))}"));

    /// <summary>Clock times of a band list, for readable test data.</summary>
    public static ImmutableArray<AllocationBand> Bands(params (string Name, int StartMinute, int DurationMinutes, int Cycle, int Out, int In, int[] Headways)[] bands) =>
        [.. bands.Select(b => new AllocationBand(b.Name, b.StartMinute, b.DurationMinutes, b.Cycle, b.Out, b.In, [.. b.Headways]))];
}
