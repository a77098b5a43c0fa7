using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Subgradient ascent on the packing bound (<see cref="BlockPricing.PackingBound(double[], double[], int)"/>), without the
/// master LP. For trip duals π, P(π) = Σπ + the sum of the K most negative of, per trip, the least reduced cost of a block
/// ending with it: the least, over every choice of at most K blocks ending with different trips, of the linear function
/// Σπ + Σ_chosen (1 − Σ_{j in block} π_j). So P is concave, and at π the vector 1 − (how many of the blocks attaining it run
/// trip j) is a subgradient. Every P(π) bounds the fleet of every plan of at most K buses (its blocks end with different
/// trips), and the most P can reach is at most the master LP's value: every covering of the master's LP meets "at most one
/// block ending with each trip, at most K in all", a polytope with whole corners (a truncated partition matroid's), so the
/// Lagrangian dual of that relaxation is no tighter than the LP.
/// Steps are Polyak's towards the master LP's value (at least the maximum), their share halved when the bound has not risen
/// over a few exact steps. Exact pricing (every label, every connection: the only steps that give bounds) costs about
/// 0.9 s at 1,000 trips; between two exact steps run three cheap ones (the column method's sampled connections and few
/// labels, 0.1 s), whose blocks give the direction only. Its own <see cref="BlockPricing"/>, so it runs beside column generation.
/// </summary>
internal static class PackingAscent
{
    /// <param name="Bound">The best P(π) at an exact step (at least the start's).</param>
    /// <param name="Duals">The duals it was found at.</param>
    /// <param name="Share">The step's share when the ascent stopped (to go on from <see cref="Duals"/>).</param>
    /// <param name="Steps">Steps run.</param>
    public sealed record Result(double Bound, double[] Duals, double Share, int Steps);

    /// <summary>The first step's share of Polyak's step (at 1,000 trips 0.2–0.6 rose alike in 40 s, 0.05 and 0.15 less; with 1 the bound stood still for 36 exact steps).</summary>
    public const double FirstShare = 0.3;

    /// <summary>Every this many steps one with exact pricing (1: every step). At 1,000 trips the bound rose 0.49 in 40 s with 4, 0.38 with 1, 0.38–0.40 with 10.</summary>
    private const int ExactEvery = 4;

    /// <summary>Exact steps without a better bound before the step's share is halved.</summary>
    private const int Patience = 6;

    /// <summary>Below this share the steps no longer move the bound: the ascent ends.</summary>
    private const double LeastShare = 1e-4;

    /// <summary>
    /// After this long the ascent ends when, rising as fast as it has since it started (it slows down, so this is generous),
    /// its bound would not pass the next whole number before its clock runs out: only whole buses are reported, and its
    /// core is worth more to the caller's other work (at 1,000 trips it rose 0.6 in a minute at most).
    /// </summary>
    private static readonly TimeSpan RateAfter = TimeSpan.FromSeconds(10);

    /// <param name="day">The day.</param>
    /// <param name="start">Trip duals to start from (those of the best bound known).</param>
    /// <param name="most">K: the bound holds for plans of at most this many buses (the best plan's fleet).</param>
    /// <param name="target">At least the most P can reach (the master LP's value over any set of columns, or any plan's fleet up to K), read at every step: the caller may lower it as it learns more.</param>
    /// <param name="share">The first step's share of Polyak's step (<see cref="FirstShare"/>, or where an earlier ascent stopped).</param>
    /// <param name="cheap">The cheap steps' pricing: connections sampled per trip and labels kept per trip.</param>
    /// <param name="budget">The ascent's clock; the first, exact step runs whatever it says.</param>
    /// <param name="trace">A line per better bound (measurements, no time: the caller's trace adds it); null: nothing.</param>
    /// <param name="cancel">Stops the ascent between steps.</param>
    /// <param name="maxSteps">At most this many steps (tests).</param>
    public static Result Ascend(EnergyDay day, double[] start, int most, Func<double> target, double share, (int Successors, int Labels) cheap,
        WallClockBudget budget, Action<string>? trace, CancellationToken cancel, int maxSteps = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        var n = day.TripCount;
        var pricing = new BlockPricing(day, cheap.Successors);
        var duals = (double[])start.Clone();
        var best = (Bound: double.NegativeInfinity, Duals: duals);
        var steps = 0;
        var stale = 0;
        var least = new double[n];
        var blocks = new BlockPricing.Path?[n];
        var subgradient = new double[n];
        var first = double.NaN;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            var exact = steps % ExactEvery == 0;
            Array.Fill(least, double.PositiveInfinity);
            Array.Fill(blocks, null);
            for (var c = 0; c < day.SlotCount; c++)
            {
                // One path per trip it ends with (the best there), every trip where a block of negative reduced cost ends.
                var (_, paths) = exact
                    ? pricing.Price(c, duals, 0, n, int.MaxValue)
                    : pricing.Price(c, duals, 0, n, cheap.Labels, sampledOnly: true);
                foreach (var path in paths)
                {
                    if (path.ReducedCost < least[path.Trips[^1]])
                    {
                        (least[path.Trips[^1]], blocks[path.Trips[^1]]) = (path.ReducedCost, path);
                    }
                }
            }

            steps++;
            var chosen = Enumerable.Range(0, n).Where(i => blocks[i] is not null).OrderBy(i => least[i]).Take(most).ToList();
            var value = duals.Sum() + chosen.Sum(i => least[i]);
            if (exact && value > best.Bound + 1e-9)
            {
                first = steps == 1 ? value : first;
                best = (value, (double[])duals.Clone());
                stale = 0;
                trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"packing ascent, step {steps}: bound {value:0.000}, step share {share:0.###}"));
            }
            else if (exact && ++stale >= Patience)
            {
                share /= 2;
                stale = 0;
            }

            Array.Fill(subgradient, 1.0);
            foreach (var i in chosen)
            {
                foreach (var j in blocks[i]!.Value.Trips)
                {
                    subgradient[j] -= 1;
                }
            }

            var norm = subgradient.Sum(g => g * g);
            var towards = target();
            if ((exact && (norm < 1e-12 || towards - value <= 1e-9)) || share < LeastShare || (exact && Hopeless()))
            {
                // The chosen blocks run every trip once (P is their count, its most), or the steps no longer move it.
                break;
            }

            // A cheap step's value is above P (it may miss blocks): never a step back.
            var step = share * Math.Max(0, towards - value) / Math.Max(norm, 1e-12);
            for (var j = 0; j < n; j++)
            {
                duals[j] += step * subgradient[j];
            }
        }
        while (steps < maxSteps && !budget.IsSpent && !cancel.IsCancellationRequested);

        return new Result(best.Bound, best.Duals, share, steps);

        bool Hopeless()
        {
            var elapsed = clock.Elapsed;
            if (elapsed < RateAfter)
            {
                return false;
            }

            var perSecond = (best.Bound - first) / elapsed.TotalSeconds;
            var nextWhole = Math.Ceiling(best.Bound - 1e-6) + 1e-6;
            return best.Bound + (perSecond * budget.Remaining.TotalSeconds) < nextWhole;
        }
    }
}
