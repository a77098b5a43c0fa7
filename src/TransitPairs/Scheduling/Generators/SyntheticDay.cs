using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Time;

namespace TransitPairs.Scheduling.Generators;

/// <summary>
/// What a generated day looks like. Terminals lie at random in a square of
/// <see cref="AreaKm"/> km; road distance = 1.3 × straight line; empty runs at 40 km/h; a trip
/// between two terminals takes its empty-run time × 1.3 + 5 min (stops, dwell), a loop from a
/// terminal back to itself 30–90 min. Departures are uniform over the service span.
/// </summary>
/// <param name="Trips">Number of trips (≥ 0).</param>
/// <param name="Terminals">Number of terminals (≥ 1); with 1 every trip is a loop.</param>
/// <param name="Depots">Number of depots (0 = none), each at its own stop near a random terminal.</param>
/// <param name="DepotVehicleLimit">Vehicles per depot; null = no limit.</param>
/// <param name="EmptyRuns">Whether vehicles may run empty between terminals (a full deadhead table).</param>
/// <param name="MinLayoverMinutes">Least layover in the rules.</param>
/// <param name="FirstDepartureMinute">Start of the service span, minutes after midnight.</param>
/// <param name="LastDepartureMinute">End of the service span, minutes after midnight.</param>
/// <param name="AreaKm">Side of the square the terminals lie in, km.</param>
public sealed record SyntheticDaySpec(
    int Trips,
    int Terminals = 2,
    int Depots = 0,
    int? DepotVehicleLimit = null,
    bool EmptyRuns = true,
    int MinLayoverMinutes = 5,
    int FirstDepartureMinute = 5 * 60,
    int LastDepartureMinute = 23 * 60,
    double AreaKm = 30);

/// <summary>
/// Seeded generator of vehicle scheduling days, for tests and benchmarks alike: the same spec and
/// seed give the same day on every machine (<see cref="Random"/> with a seed is stable).
/// </summary>
public static class SyntheticDay
{
    public static VehicleSchedulingProblem Generate(SyntheticDaySpec spec, int seed, OperatingCosts? costs = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Trips);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Terminals, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Depots);
        if (spec.LastDepartureMinute < spec.FirstDepartureMinute)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "The service span ends before it starts.");
        }

        var random = new Random(seed);
        var terminals = Enumerable.Range(0, spec.Terminals)
            .Select(i => (Stop: "S" + (i + 1).ToString(CultureInfo.InvariantCulture), X: random.NextDouble() * spec.AreaKm, Y: random.NextDouble() * spec.AreaKm))
            .ToList();
        var depots = Enumerable.Range(0, spec.Depots).Select(i =>
        {
            var near = terminals[random.Next(terminals.Count)];
            return (Stop: "D" + (i + 1).ToString(CultureInfo.InvariantCulture), X: near.X + random.NextDouble(), Y: near.Y + random.NextDouble());
        }).ToList();

        var trips = ImmutableArray.CreateBuilder<ScheduledTrip>(spec.Trips);
        var digits = Math.Max(4, spec.Trips.ToString(CultureInfo.InvariantCulture).Length);
        for (var t = 0; t < spec.Trips; t++)
        {
            var from = random.Next(terminals.Count);
            var to = terminals.Count == 1 ? 0 : (from + 1 + random.Next(terminals.Count - 1)) % terminals.Count;
            var departure = random.Next(spec.FirstDepartureMinute, spec.LastDepartureMinute + 1);
            var runMinutes = from == to
                ? random.Next(30, 91)
                : (int)Math.Round((EmptyMinutes(terminals[from], terminals[to]) * 1.3) + 5);
            trips.Add(new ScheduledTrip(
                "T" + (t + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'),
                terminals[from].Stop,
                ServiceTime.FromMinutes(departure),
                terminals[to].Stop,
                ServiceTime.FromMinutes(departure + Math.Max(1, runMinutes))));
        }

        var runs = new List<Deadhead>();
        var places = spec.EmptyRuns ? terminals : [];
        foreach (var a in places.Concat(depots))
        {
            foreach (var b in places.Concat(depots))
            {
                if (a.Stop != b.Stop && (places.Contains(a) || places.Contains(b) || depots.Count == 0))
                {
                    runs.Add(new Deadhead(a.Stop, b.Stop, (int)Math.Round(EmptyMinutes(a, b) * 60), (int)Math.Round(RoadKm(a, b) * 1000)));
                }
            }
        }

        // Without empty runs between terminals, depots still reach every terminal.
        if (!spec.EmptyRuns)
        {
            foreach (var d in depots)
            {
                foreach (var s in terminals)
                {
                    runs.Add(new Deadhead(d.Stop, s.Stop, (int)Math.Round(EmptyMinutes(d, s) * 60), (int)Math.Round(RoadKm(d, s) * 1000)));
                    runs.Add(new Deadhead(s.Stop, d.Stop, (int)Math.Round(EmptyMinutes(d, s) * 60), (int)Math.Round(RoadKm(d, s) * 1000)));
                }
            }
        }

        return new VehicleSchedulingProblem(
            trips.MoveToImmutable(),
            new DeadheadTable(runs),
            [.. depots.Select(d => new VehicleDepot(d.Stop, d.Stop, spec.DepotVehicleLimit))],
            new SchedulingRules(spec.MinLayoverMinutes * 60),
            costs ?? OperatingCosts.FleetThenEmptyKm);
    }

    private static double RoadKm((string Stop, double X, double Y) a, (string Stop, double X, double Y) b) =>
        1.3 * Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static double EmptyMinutes((string Stop, double X, double Y) a, (string Stop, double X, double Y) b) => RoadKm(a, b) / 40.0 * 60.0;
}
