using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// The generated instances of the benchmarks, all from the seeded <see cref="SyntheticDay"/>
/// generator of the domain (one generator for tests and benchmarks): the same size and seed give
/// the same day on every machine, so sizes can grow past the public files.
/// </summary>
internal static class Instances
{
    /// <summary>Seed of every generated instance.</summary>
    public const int Seed = 2026;

    /// <summary>
    /// A random two-terminal corridor day with one depot beside a terminal: departures uniform over
    /// 05:00–23:00 in both directions, trip time = empty-run time × 1.3 + 5 min, empty runs between
    /// the terminals allowed, 5 min least layover, cost = vehicles first, then empty kilometres.
    /// </summary>
    public static VehicleSchedulingProblem CorridorDay(int trips) =>
        SyntheticDay.Generate(new SyntheticDaySpec(trips, Terminals: 2, Depots: 1), Seed);

    /// <summary>
    /// The single-depot yardstick's kind of day (<c>../shared/benchmarks/limits</c>): two terminals,
    /// no empty runs, no depot, least layover 0, departures uniform over 05:00–23:00. The deficit
    /// function gives its exact fleet.
    /// </summary>
    public static VehicleSchedulingProblem TwoTerminalDay(int trips) =>
        SyntheticDay.Generate(new SyntheticDaySpec(trips, Terminals: 2, Depots: 0, EmptyRuns: false, MinLayoverMinutes: 0), Seed);

    /// <summary>
    /// A multi-terminal network in the manner of the random instances of Carpaneto, Dell'Amico,
    /// Fischetti and Toth (1989): terminals at random in a square (here 10 in 30 km × 30 km), a full
    /// travel-time matrix from straight-line distances (× 1.3 road factor at 40 km/h), trips between
    /// random terminal pairs at uniform times, and <paramref name="depots"/> depots near random
    /// terminals. Unlike Carpaneto's generator the costs are the project's (vehicle, then empty km).
    /// </summary>
    public static VehicleSchedulingProblem Network(int trips, int depots) =>
        SyntheticDay.Generate(new SyntheticDaySpec(trips, Terminals: 10, Depots: depots), Seed);
}
