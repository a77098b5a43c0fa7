using System.Diagnostics;
using TransitPairs.Duties;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Duties for the OR-Tools example's day from the first second: a constructive answer improved by
/// ruin and recreate, under the example's rules (<see cref="ShiftDayRules"/>).
/// <list type="number">
/// <item><b>Construct.</b> Pieces in start order, each put where it adds least (a new driver only when
/// no driver may take it under the hard rules: gaps, driving, continuous driving, longest span).</item>
/// <item><b>Improve.</b> Remove the pieces of a driver, or strings of pieces near one instant from a few
/// drivers, and put them back one by one where they add least; keep the result by simulated
/// annealing on the cost.</item>
/// </list>
/// The least span (390 min) is the one rule kept soft while searching: each minute short costs
/// <see cref="ShortPenalty"/>, far above a driver, so pieces are drawn to short drivers until none is
/// left. Only answers with no driver short are returned. Cost of a driver: weight + working span.
/// </summary>
internal sealed class ShiftDayHeuristic
{
    /// <summary>Cost of one minute below the least span while searching (far above a driver's weight).</summary>
    public const long ShortPenalty = 10_000_000;

    /// <summary>Temperature of the annealing at the start and at the end (cost units: working minutes).</summary>
    private const double HotStart = 60;

    private const double ColdEnd = 0.5;

    private readonly ShiftDayRules r;
    private readonly int[] start;
    private readonly int[] end;
    private readonly int[] drive;
    private readonly long weight;
    private readonly Random random;

    private ShiftDayHeuristic(ShiftDayInstance instance, long weight, int seed)
    {
        r = instance.Rules;
        start = [.. instance.Pieces.Select(p => p.StartMinute)];
        end = [.. instance.Pieces.Select(p => p.EndMinute)];
        drive = [.. instance.Pieces.Select(p => p.DrivingMinutes)];
        this.weight = weight;
        random = new Random(seed);
    }

    /// <summary>What the heuristic found: duties (pieces in time order), their cost, and how many ruin-and-recreate steps ran.</summary>
    public sealed record Answer(IReadOnlyList<int[]> Duties, long Cost, int Steps);

    /// <summary>
    /// Runs until <paramref name="limit"/> has passed, <paramref name="stop"/> says so (the construction
    /// always runs whole) or <see cref="StagnantSteps"/> steps in a row found nothing better. Starts from <paramref name="from"/> when given (a partition under every rule).
    /// Null when no answer leaves every driver within the least span (e.g. a piece that nobody may drive).
    /// </summary>
    public static Answer? Solve(ShiftDayInstance instance, long weight, int seed, TimeSpan limit, Func<bool> stop, IReadOnlyList<int[]>? from = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(stop);
        return new ShiftDayHeuristic(instance, weight, seed).Run(limit, stop, from);
    }

    private Answer? Run(TimeSpan limit, Func<bool> stop, IReadOnlyList<int[]>? from)
    {
        var clock = Stopwatch.StartNew();
        var n = start.Length;
        for (var i = 0; i < n; i++)
        {
            if (drive[i] > r.MaxContinuous || drive[i] > r.MaxDriving || end[i] - start[i] + r.SetupBefore + r.CleanupAfter > r.MaxSpan)
            {
                return null;
            }
        }

        List<List<int>> current;
        if (from is not null)
        {
            current = [.. from.Select(d => d.OrderBy(i => start[i]).ThenBy(i => end[i]).ToList())];
        }
        else
        {
            current = [];
            Recreate(current, [.. Enumerable.Range(0, n).OrderBy(i => start[i]).ThenBy(i => end[i])], blink: 0);
        }

        var currentCost = Total(current);
        List<List<int>>? best = Short(current) == 0 ? Copy(current) : null;
        var bestCost = best is null ? long.MaxValue : currentCost;
        var steps = 0;
        var lastBest = 0;
        var total = limit.TotalMilliseconds;
        while (clock.Elapsed < limit && !stop() && steps - lastBest < StagnantSteps(n))
        {
            steps++;
            var trial = Copy(current);
            var removed = Ruin(trial);
            Recreate(trial, Order(removed), blink: 0.01);
            var cost = Total(trial);
            var temperature = HotStart * Math.Pow(ColdEnd / HotStart, Math.Min(1, clock.Elapsed.TotalMilliseconds / total));
            if (cost <= currentCost || random.NextDouble() < Math.Exp((currentCost - cost) / temperature))
            {
                current = trial;
                currentCost = cost;
                if (cost < bestCost && Short(current) == 0)
                {
                    best = Copy(current);
                    bestCost = cost;
                    lastBest = steps;
                }
            }
        }

        return best is null ? null : new Answer([.. best.Select(d => d.ToArray())], bestCost, steps);
    }

    /// <summary>Steps without a better answer after which the search gives up (it has settled; a small day settles in a fraction of a second).</summary>
    public static int StagnantSteps(int pieces) => 20_000 + (200 * pieces);

    private static List<List<int>> Copy(List<List<int>> solution) => [.. solution.Select(d => new List<int>(d))];

    private long Total(List<List<int>> solution)
    {
        long cost = 0;
        foreach (var d in solution)
        {
            cost += Cost(d);
        }

        return cost;
    }

    private int Short(List<List<int>> solution) => solution.Sum(d => Math.Max(0, r.MinSpan - Span(d)));

    private int Span(List<int> d) => end[d[^1]] - start[d[0]] + r.SetupBefore + r.CleanupAfter;

    private long Cost(List<int> d) => d.Count == 0 ? 0 : Cost(Span(d));

    private long Cost(int span) => weight + span + (ShortPenalty * Math.Max(0, r.MinSpan - span));

    /// <summary>Takes pieces out (drivers left empty are dropped) and returns them.</summary>
    private List<int> Ruin(List<List<int>> solution)
    {
        var removed = new List<int>();
        if (solution.Count == 0)
        {
            return removed;
        }

        if (random.NextDouble() < 0.3)
        {
            // A whole driver, the lighter the likelier (two draws, keep the one that drives less).
            var a = random.Next(solution.Count);
            var b = random.Next(solution.Count);
            var d = solution[a].Sum(i => drive[i]) <= solution[b].Sum(i => drive[i]) ? a : b;
            removed.AddRange(solution[d]);
            solution[d].Clear();
        }

        // Strings of pieces around one instant, from a few drivers.
        var drivers = 1 + random.Next(Math.Min(5, solution.Count));
        var pivot = solution[random.Next(solution.Count)];
        var instant = pivot.Count == 0 ? start[removed[random.Next(removed.Count)]] : start[pivot[random.Next(pivot.Count)]];
        var near = solution.Select((d, k) => (k, Distance: d.Count == 0 ? int.MaxValue : d.Min(i => Math.Abs(start[i] - instant))))
            .Where(x => x.Distance != int.MaxValue)
            .OrderBy(x => x.Distance + random.Next(60))
            .Take(drivers)
            .Select(x => x.k)
            .ToList();
        foreach (var k in near)
        {
            var d = solution[k];
            var length = 1 + random.Next(Math.Min(6, d.Count));
            var centre = 0;
            for (var x = 1; x < d.Count; x++)
            {
                if (Math.Abs(start[d[x]] - instant) < Math.Abs(start[d[centre]] - instant))
                {
                    centre = x;
                }
            }

            var from = Math.Clamp(centre - random.Next(length), 0, d.Count - length);
            removed.AddRange(d.GetRange(from, length));
            d.RemoveRange(from, length);
        }

        solution.RemoveAll(d => d.Count == 0);
        return removed;
    }

    private List<int> Order(List<int> removed)
    {
        switch (random.Next(4))
        {
            case 0:
                return [.. removed.OrderBy(i => start[i])];
            case 1:
                return [.. removed.OrderByDescending(i => end[i])];
            case 2:
                return [.. removed.OrderByDescending(i => drive[i])];
            default:
                var shuffled = removed.ToArray();
                random.Shuffle(shuffled);
                return [.. shuffled];
        }
    }

    /// <summary>Puts each piece where it adds least (skipping a candidate driver at the blink rate); a new driver when none may take it.</summary>
    private void Recreate(List<List<int>> solution, List<int> pieces, double blink)
    {
        foreach (var p in pieces)
        {
            var bestDriver = -1;
            var bestPos = 0;
            var bestDelta = long.MaxValue;
            for (var k = 0; k < solution.Count; k++)
            {
                if (blink > 0 && random.NextDouble() < blink)
                {
                    continue;
                }

                var d = solution[k];
                if (TryInsert(d, p, out var pos, out var span))
                {
                    var delta = Cost(span) - Cost(d);
                    if (delta < bestDelta)
                    {
                        bestDelta = delta;
                        bestDriver = k;
                        bestPos = pos;
                    }
                }
            }

            var alone = Cost(end[p] - start[p] + r.SetupBefore + r.CleanupAfter);
            if (bestDriver < 0 || alone < bestDelta)
            {
                solution.Add([p]);
            }
            else
            {
                solution[bestDriver].Insert(bestPos, p);
            }
        }
    }

    /// <summary>Whether <paramref name="p"/> fits into duty <paramref name="d"/> under the hard rules; its place and the new span.</summary>
    private bool TryInsert(List<int> d, int p, out int pos, out int span)
    {
        pos = 0;
        var first = Math.Min(start[d[0]], start[p]);
        var last = Math.Max(end[d[^1]], end[p]);
        span = last - first + r.SetupBefore + r.CleanupAfter;
        if (span > r.MaxSpan)
        {
            return false;
        }

        while (pos < d.Count && (start[d[pos]] < start[p] || (start[d[pos]] == start[p] && end[d[pos]] <= end[p])))
        {
            pos++;
        }

        // Neighbours at least the least gap away.
        if ((pos > 0 && start[p] - end[d[pos - 1]] < r.MinGap) || (pos < d.Count && start[d[pos]] - end[p] < r.MinGap))
        {
            return false;
        }

        var total = drive[p];
        foreach (var i in d)
        {
            total += drive[i];
        }

        if (total > r.MaxDriving)
        {
            return false;
        }

        // Continuous driving over the stretch that holds p: back to the last break before it, on to the next after it.
        var stretch = drive[p];
        for (var x = pos - 1; x >= 0; x--)
        {
            var gap = (x == pos - 1 ? start[p] : start[d[x + 1]]) - end[d[x]];
            if (gap >= r.MinBreak)
            {
                break;
            }

            stretch += drive[d[x]];
        }

        for (var x = pos; x < d.Count; x++)
        {
            var gap = start[d[x]] - (x == pos ? end[p] : end[d[x - 1]]);
            if (gap >= r.MinBreak)
            {
                break;
            }

            stretch += drive[d[x]];
        }

        return stretch <= r.MaxContinuous;
    }
}
