using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Pricing of the block master: the resource-constrained longest path (in trip duals) over the
/// connections of one fleet slot, with the state of charge as the resource. Trips are in
/// departure order, so one pass settles every label. A label at trip j is (Σ duals of its trips,
/// charge after j); it is extended to each later trip straight on or through a charger site reached
/// within the detour limit, charging for the whole window (as long as the curve gives: charger
/// points are not priced, so charging longer never hurts a path); a label survives unless another
/// at the same trip has at least its dual sum and at least its charge. With every label kept the
/// pricing is exact for the master without charger rows, which makes its Lagrangian bound valid.
/// </summary>
internal sealed class BlockPricing
{
    private const double Tolerance = 1e-9;

    private readonly EnergyDay day;
    private readonly List<Label> pool = [];
    private readonly List<int>[] front;

    /// <summary>How far after a trip's arrival the cheap rounds look for its successors, seconds (4 h: a full charge and more).</summary>
    private const int SampledHorizonSeconds = 4 * 3600;

    private readonly int[][] sampled;

    /// <param name="day">The day.</param>
    /// <param name="sampledSuccessors">Connections the cheap rounds try from each trip: the earliest half, and the other half spread evenly over the later ones within <see cref="SampledHorizonSeconds"/>, so that a cheap round still finds blocks that charge for an hour or two on a dense day.</param>
    public BlockPricing(EnergyDay day, int sampledSuccessors)
    {
        this.day = day;
        front = [.. Enumerable.Range(0, day.TripCount).Select(_ => new List<int>())];
        sampled = new int[day.TripCount][];
        for (var i = 0; i < day.TripCount; i++)
        {
            var all = day.Successors[i];
            if (all.Length <= sampledSuccessors)
            {
                sampled[i] = all;
                continue;
            }

            var earliest = sampledSuccessors / 2;
            var within = earliest;
            while (within < all.Length && day.Departure[all[within]] <= day.Arrival[i] + SampledHorizonSeconds)
            {
                within++;
            }

            var picked = new List<int>(all.Take(earliest));
            var rest = within - earliest;
            var spread = sampledSuccessors - earliest;
            for (var k = 0; k < Math.Min(spread, rest); k++)
            {
                picked.Add(all[earliest + (rest <= spread ? k : (int)((long)k * rest / spread))]);
            }

            sampled[i] = [.. picked];
        }
    }

    private readonly record struct Label(double Value, long Soc, int Trip, int Parent, int Site);

    /// <summary>A priced block: its trips, the site charged at after each (−1: none; after the last: before the pull-in) and its reduced cost.</summary>
    public readonly record struct Path(ImmutableArray<int> Trips, ImmutableArray<int> Sites, double ReducedCost);

    /// <summary>
    /// The most negative reduced cost of slot <paramref name="c"/> (1 − Σ duals + <paramref name="slotPenalty"/>)
    /// and up to <paramref name="most"/> paths with negative reduced cost, ending at different trips.
    /// <paramref name="maxLabels"/> caps the labels kept per trip; <paramref name="sampledOnly"/> tries only
    /// the sampled connections of each trip. With every label and every connection the pricing is exact.
    /// <paramref name="ending"/>, when given (one entry per trip), receives per trip the least reduced cost
    /// without the slot's penalty (1 − Σ duals) of a block of the slot ending with that trip (+∞ where none
    /// does); exact only when the pricing is.
    /// </summary>
    public (double Best, List<Path> Paths) Price(int c, double[] duals, double slotPenalty, int most, int maxLabels, bool sampledOnly = false, double[]? ending = null)
    {
        if (ending is not null)
        {
            Array.Fill(ending, double.PositiveInfinity);
        }

        pool.Clear();
        foreach (var f in front)
        {
            f.Clear();
        }

        var n = day.TripCount;
        var floor = day.Floor(c);
        var depot = day.SlotDepot[c];
        var electric = day.Electric(c);
        for (var j = 0; j < n; j++)
        {
            if (!day.PullOutAllowed(c, j))
            {
                continue;
            }

            var soc = electric ? day.Ceiling(c) - day.RunWh(c, depot, day.From[j]) - day.TripWh(j, c) : 0;
            if (soc >= floor)
            {
                Insert(j, new Label(duals[j], soc, j, -1, -1), maxLabels);
            }
        }

        var closing = new List<(double Rc, int Label, int HomeSite)>();
        var best = double.PositiveInfinity;
        var windows = new (int Open, int Close)?[day.Sites.Length];
        for (var i = 0; i < n; i++)
        {
            var labels = front[i];
            if (labels.Count == 0)
            {
                continue;
            }

            // Close: back to the depot above the floor, straight or after charging near the trip's end.
            if (day.HasRun(day.To[i], depot))
            {
                var home = !day.PullInAllowed(c, i) ? long.MaxValue : electric ? day.RunWh(c, day.To[i], depot) + floor : 0;
                var bestHere = -1;
                var homeSite = -1;
                foreach (var l in labels)
                {
                    if (bestHere >= 0 && pool[l].Value <= pool[bestHere].Value)
                    {
                        continue;
                    }

                    if (pool[l].Soc >= home)
                    {
                        (bestHere, homeSite) = (l, -1);
                        continue;
                    }

                    for (var s = 0; s < day.Sites.Length && electric; s++)
                    {
                        if (day.HomeWindow(i, c, s) is { } w && day.CanGetHome(c, s, pool[l].Soc - day.RunWh(c, day.To[i], day.SiteStop[s]), w.Close - w.Open))
                        {
                            (bestHere, homeSite) = (l, s);
                            break;
                        }
                    }
                }

                if (bestHere >= 0)
                {
                    if (ending is not null)
                    {
                        ending[i] = 1 - pool[bestHere].Value;
                    }

                    var rc = 1 - pool[bestHere].Value + slotPenalty;
                    best = Math.Min(best, rc);
                    if (rc < -1e-6)
                    {
                        closing.Add((rc, bestHere, homeSite));
                    }
                }
            }

            var successors = sampledOnly ? sampled[i] : day.Successors[i];
            for (var next = 0; next < successors.Length; next++)
            {
                var j = successors[next];
                var direct = electric ? day.RunWh(c, day.To[i], day.From[j]) : 0;
                var trip = electric ? day.TripWh(j, c) : 0;
                var anyWindow = false;
                if (electric)
                {
                    for (var s = 0; s < windows.Length; s++)
                    {
                        windows[s] = day.Window(i, j, s);
                        anyWindow |= windows[s] is not null;
                    }
                }

                // The front may grow while we extend (j > i, so never the list we read).
                for (var k = 0; k < labels.Count; k++)
                {
                    var l = labels[k];
                    var label = pool[l];
                    var value = label.Value + duals[j];
                    var soc = label.Soc - direct - trip;
                    if (soc >= floor && label.Soc - direct >= floor)
                    {
                        Insert(j, new Label(value, soc, j, l, -1), maxLabels);
                    }

                    if (!anyWindow)
                    {
                        continue;
                    }

                    for (var s = 0; s < windows.Length; s++)
                    {
                        if (windows[s] is not { } w)
                        {
                            continue;
                        }

                        var site = day.SiteStop[s];
                        var arrive = label.Soc - day.RunWh(c, day.To[i], site);
                        if (arrive < floor)
                        {
                            continue;
                        }

                        var leave = arrive + day.MaxCharge(c, s, arrive, w.Close - w.Open);
                        var there = leave - day.RunWh(c, site, day.From[j]);
                        if (there >= floor && there - trip >= floor)
                        {
                            Insert(j, new Label(value, there - trip, j, l, s), maxLabels);
                        }
                    }
                }
            }
        }

        var paths = new List<Path>();
        foreach (var (rc, l, homeSite) in closing.OrderBy(x => x.Rc).Take(most))
        {
            var trips = new List<int>();
            var sites = new List<int> { homeSite };
            for (var at = l; at >= 0; at = pool[at].Parent)
            {
                trips.Add(pool[at].Trip);
                if (pool[at].Parent >= 0)
                {
                    sites.Add(pool[at].Site);
                }
            }

            trips.Reverse();
            sites.Reverse();
            paths.Add(new Path([.. trips], [.. sites], rc));
        }

        return (best, paths);
    }

    /// <summary>
    /// The packing bound at trip duals <paramref name="duals"/>, with exact pricing of every slot (see
    /// <see cref="PackingBound(double[], double[], int)"/>).
    /// </summary>
    public double PackingBound(double[] duals, int most)
    {
        var least = new double[day.TripCount];
        var ending = new double[day.TripCount];
        Array.Fill(least, double.PositiveInfinity);
        for (var c = 0; c < day.SlotCount; c++)
        {
            Price(c, duals, 0, 0, int.MaxValue, ending: ending);
            for (var i = 0; i < least.Length; i++)
            {
                least[i] = Math.Min(least[i], ending[i]);
            }
        }

        return PackingBound(duals, least, most);
    }

    /// <summary>
    /// A Lagrangian bound on the fleet of every plan of at most <paramref name="most"/> blocks, for any trip
    /// duals π: a plan's blocks cover every trip once, so its fleet is Σ π + Σ of its blocks' reduced costs
    /// (1 − Σ π over the block's trips), and no two of its blocks end with the same trip. So the fleet is at
    /// least Σ π + the sum of the <paramref name="most"/> most negative of <paramref name="endingLeast"/>
    /// (per trip, the least reduced cost of any block of any slot ending with it, from exact pricing).
    /// Never below Σ π + <paramref name="most"/> · least reduced cost, far above it when few blocks price out.
    /// </summary>
    public static double PackingBound(double[] duals, double[] endingLeast, int most) =>
        duals.Sum() + endingLeast.Where(r => r < 0).Order().Take(most).Sum();

    /// <summary>Adds a label to trip <paramref name="j"/>'s front unless one there dominates it; drops those it dominates.</summary>
    private void Insert(int j, Label label, int maxLabels)
    {
        var f = front[j];

        // The front is sorted by charge, highest first, so dual sums rise along it.
        var at = 0;
        while (at < f.Count && pool[f[at]].Soc >= label.Soc)
        {
            at++;
        }

        if (at > 0 && pool[f[at - 1]].Value >= label.Value - Tolerance)
        {
            return;
        }

        // Labels of the same charge just before it have less value: dominated.
        var same = at;
        while (same > 0 && pool[f[same - 1]].Soc == label.Soc)
        {
            same--;
        }

        var end = at;
        while (end < f.Count && pool[f[end]].Value <= label.Value + Tolerance)
        {
            end++;
        }

        if (end > same)
        {
            f.RemoveRange(same, end - same);
        }

        at = same;
        if (f.Count >= maxLabels)
        {
            // Over the cap (heuristic pricing only): drop the label of least dual sum unless it is the new one.
            if (at == 0)
            {
                return;
            }

            f.RemoveAt(0);
            at--;
        }

        pool.Add(label);
        f.Insert(at, pool.Count - 1);
    }
}
