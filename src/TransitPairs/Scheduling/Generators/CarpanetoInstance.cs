using System.Collections.Immutable;
using System.Globalization;

namespace TransitPairs.Scheduling.Generators;

/// <summary>
/// Random multiple-depot instances in cost-matrix form, in the manner of the generator of
/// Carpaneto, Dell'Amico, Fischetti &amp; Toth (1989) that the public <c>pepin2009</c> files
/// (Pepin et al. 2009) come from, so that sizes can grow past their 500 trips. This is our own
/// reading of its published outline, not a reproduction of their files:
/// <list type="bullet">
/// <item>⌈n/3⌉ relief points and m depots at random integer points of a 60 × 60 square; travel
/// time between two points = their Euclidean distance rounded to whole minutes.</item>
/// <item>40 % short trips between two different relief points, leaving at a random minute of
/// 07:00–08:00 or 17:00–18:00 (peaks, 30 % of them) or 05:00–22:00, and taking the travel time
/// plus 5–40 minutes; 60 % long trips that leave a relief point at a random minute of
/// 05:00–20:00, take 180–300 minutes and come back to it.</item>
/// <item>Trip j may follow trip i when <c>end_i + travel(end_i, start_j) ≤ start_j</c>, at
/// 10 per minute of travel and 2 per minute of waiting; a pull-out or pull-in costs 5,000 (half the
/// vehicle) plus 10 per minute of travel.</item>
/// <item>Depot k has a random vehicle limit in [3 + n/(3m), 3 + n/(2m)] (the pepin2009 files'
/// limits fall in that range).</item>
/// </list>
/// Same size, depots and seed give the same instance on every machine.
/// </summary>
public static class CarpanetoInstance
{
    private const int Side = 60;
    private const int PerMinuteTravel = 10;
    private const int PerMinuteWaiting = 2;
    private const int HalfVehicle = 5_000;

    /// <param name="trips">Trips n (≥ 1).</param>
    /// <param name="depots">Depots m (≥ 1).</param>
    /// <param name="seed">Random seed.</param>
    public static CostMatrixInstance Generate(int trips, int depots, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trips, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depots, 1);
        var random = new Random(seed);
        var reliefPoints = (trips + 2) / 3;
        var points = new (int X, int Y)[reliefPoints];
        for (var p = 0; p < reliefPoints; p++)
        {
            points[p] = (random.Next(Side + 1), random.Next(Side + 1));
        }

        var depotAt = new (int X, int Y)[depots];
        for (var k = 0; k < depots; k++)
        {
            depotAt[k] = (random.Next(Side + 1), random.Next(Side + 1));
        }

        var from = new int[trips];
        var to = new int[trips];
        var start = new int[trips];
        var end = new int[trips];
        for (var t = 0; t < trips; t++)
        {
            if (random.NextDouble() < 0.4)
            {
                from[t] = random.Next(reliefPoints);
                to[t] = reliefPoints == 1 ? from[t] : (from[t] + 1 + random.Next(reliefPoints - 1)) % reliefPoints;
                var peak = random.NextDouble();
                start[t] = peak < 0.15 ? random.Next(7 * 60, 8 * 60) : peak < 0.3 ? random.Next(17 * 60, 18 * 60) : random.Next(5 * 60, 22 * 60);
                end[t] = start[t] + Minutes(points[from[t]], points[to[t]]) + random.Next(5, 41);
            }
            else
            {
                from[t] = to[t] = random.Next(reliefPoints);
                start[t] = random.Next(5 * 60, 20 * 60);
                end[t] = start[t] + random.Next(180, 301);
            }
        }

        var size = depots + trips;
        var matrix = new int[size * size];
        Array.Fill(matrix, -1);
        for (var k = 0; k < depots; k++)
        {
            for (var t = 0; t < trips; t++)
            {
                matrix[(k * size) + depots + t] = HalfVehicle + (PerMinuteTravel * Minutes(depotAt[k], points[from[t]]));
                matrix[((depots + t) * size) + k] = HalfVehicle + (PerMinuteTravel * Minutes(points[to[t]], depotAt[k]));
            }
        }

        for (var i = 0; i < trips; i++)
        {
            for (var j = 0; j < trips; j++)
            {
                var travel = Minutes(points[to[i]], points[from[j]]);
                var wait = start[j] - end[i] - travel;
                if (i != j && wait >= 0)
                {
                    matrix[((depots + i) * size) + depots + j] = (PerMinuteTravel * travel) + (PerMinuteWaiting * wait);
                }
            }
        }

        var limits = ImmutableArray.CreateBuilder<int>(depots);
        for (var k = 0; k < depots; k++)
        {
            var low = 3 + (trips / (3 * depots));
            var high = 3 + (trips / (2 * depots));
            limits.Add(random.Next(low, high + 1));
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"carpaneto-m{depots}n{trips}s{seed}");
        return new CostMatrixInstance(name, limits.MoveToImmutable(), trips, ImmutableArray.Create(matrix));
    }

    private static int Minutes((int X, int Y) a, (int X, int Y) b) =>
        (int)Math.Round(Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y))));
}
