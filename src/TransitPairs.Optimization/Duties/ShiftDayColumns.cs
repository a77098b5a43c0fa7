using TransitPairs.Duties;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// Pricing for the OR-Tools example's day (<see cref="ShiftDayInstance"/>), where any piece may
/// follow any earlier one: instead of an arc for every compatible pair (≈ 900,000 on the large day),
/// a piece passes its labels on in two ways only —
/// <list type="bullet">
/// <item>to the pieces that start less than a break after it ends (a short gap: continuous driving
/// goes on), a few dozen at most;</item>
/// <item>to a time line of "rested" nodes, one per distinct start time, entered at its end + the
/// break (continuous driving back to 0); a rested node hands its labels to the next one (waiting)
/// and to every piece that starts at its time.</item>
/// </list>
/// A chain of pieces is a duty exactly when it is such a path, so the pricing is exact. Labels at a
/// piece: reduced cost, continuous driving, driving in the duty (dominance in all three); at a rested
/// node: reduced cost and driving. One label-setting pass per first piece (the first piece fixes the
/// span window); the duty's cost is drivers' weight + working span.
/// </summary>
internal sealed class ShiftDayColumns : IDutyColumnSource
{
    /// <summary>Labels kept per node in the quick rounds (best reduced costs); the exact round keeps every non-dominated one.</summary>
    public const int QuickLabels = 4;

    /// <summary>Labels kept per node while the first duties are built.</summary>
    private const int GreedyLabels = 8;

    /// <summary>Closing labels kept per first piece and round (distinct last pieces).</summary>
    private const int ColumnsPerStart = 2;

    private readonly ShiftDayInstance instance;
    private readonly long driverWeight;
    private readonly Func<bool> outOfTime;
    private readonly int[] start;
    private readonly int[] end;
    private readonly int[] drive;
    private readonly int[] order;
    private readonly int[] times;
    private readonly int[] timeOf;
    private readonly int[] firstAt;
    private readonly int[] shortFrom;
    private readonly int[] shortTo;
    private readonly int[] restAt;
    private readonly List<Label> labels = [];
    private readonly List<int>[] at;
    private readonly List<int>[] rested;
    private readonly IReadOnlyList<int[]>? first;
    private readonly Func<bool> spent;
    private DutyGraphPricer? graph;
    private bool[]? blocked;
    private int resume;
    private int cap = int.MaxValue;

    /// <param name="instance">The day.</param>
    /// <param name="driverWeight">Cost of a driver besides the working minutes.</param>
    /// <param name="outOfTime">Stops an exact round (it then proves nothing).</param>
    /// <param name="first">Duties that cover the day under every rule (the first solution), or null to build first columns by pricing.</param>
    /// <param name="spent">Stops a quick round too (the whole budget is spent: a quick round on the large day takes seconds); never when null.</param>
    public ShiftDayColumns(ShiftDayInstance instance, long driverWeight, Func<bool> outOfTime, IReadOnlyList<int[]>? first = null, Func<bool>? spent = null)
    {
        this.first = first;
        this.spent = spent ?? (() => false);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(outOfTime);
        this.instance = instance;
        this.driverWeight = driverWeight;
        this.outOfTime = outOfTime;
        var p = instance.Pieces;
        var n = p.Length;
        start = [.. p.Select(x => x.StartMinute)];
        end = [.. p.Select(x => x.EndMinute)];
        drive = [.. p.Select(x => x.DrivingMinutes)];
        order = [.. Enumerable.Range(0, n).OrderBy(i => start[i]).ThenBy(i => end[i]).ThenBy(i => i)];
        times = [.. start.Distinct().Order()];
        timeOf = [.. start.Select(s => Array.BinarySearch(times, s))];
        firstAt = new int[times.Length + 1];
        for (int k = 0, q = 0; k <= times.Length; k++)
        {
            while (q < n && k < times.Length && start[order[q]] < times[k])
            {
                q++;
            }

            firstAt[k] = k < times.Length ? q : n;
        }

        var r = instance.Rules;
        shortFrom = new int[n];
        shortTo = new int[n];
        restAt = new int[n];
        for (var i = 0; i < n; i++)
        {
            shortFrom[i] = FirstPosition(end[i] + r.MinGap);
            shortTo[i] = Math.Max(shortFrom[i], FirstPosition(end[i] + r.MinBreak));
            restAt[i] = FirstTime(end[i] + r.MinBreak);
        }

        at = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            at[i] = [];
        }

        rested = new List<int>[times.Length];
        for (var k = 0; k < times.Length; k++)
        {
            rested[k] = [];
        }
    }

    public int TaskCount => start.Length;

    public int? ExactDuties => null;

    /// <summary>One whole duty per piece: no LP that needs more than that per piece is cheaper with real duties.</summary>
    public double ArtificialPenalty => driverWeight + instance.Rules.MaxSpan;

    public PricingRound Price(double[] pi, double mu, int maxColumns)
    {
        var quick = Price(pi, mu, maxColumns, QuickLabels);
        if (quick.Columns.Count > 0)
        {
            return quick with { LeastReducedCost = double.NaN };
        }

        return Price(pi, mu, maxColumns, int.MaxValue);
    }

    /// <summary>The exact round alone (every first piece, every non-dominated label): its least reduced cost is the true least.</summary>
    internal PricingRound PriceExact(double[] pi, double mu, int maxColumns) => Price(pi, mu, maxColumns, int.MaxValue);

    /// <summary>
    /// One round. A quick round (label cap) scans the first pieces from where the last quick round
    /// stopped and stops once it holds <paramref name="maxColumns"/> columns; the exact round scans
    /// them all (or stops with NaN when the clock says so).
    /// </summary>
    private PricingRound Price(double[] pi, double mu, int maxColumns, int labelCap)
    {
        cap = labelCap;
        var quick = labelCap != int.MaxValue;
        var least = double.PositiveInfinity;
        var found = new List<(double Rc, DutyColumn Column)>();
        for (var scanned = 0; scanned < order.Length; scanned++)
        {
            if (quick && (found.Count >= maxColumns || spent()))
            {
                break;
            }

            if (!quick && outOfTime())
            {
                return new PricingRound([.. found.OrderBy(f => f.Rc).Take(maxColumns).Select(f => f.Column)], double.NaN);
            }

            var s = order[quick ? resume : scanned];
            least = Math.Min(least, ClosingLabels.Collect(Labels(s, pi, mu), l => labels[l].Node, Column, ColumnsPerStart, found));

            if (quick)
            {
                resume = (resume + 1) % order.Length;
            }
        }

        return new PricingRound([.. found.OrderBy(f => f.Rc).Take(maxColumns).Select(f => f.Column)], least);
    }

    /// <summary>Every closing label of duties that begin with piece <paramref name="s"/>: (reduced cost, label index).</summary>
    private List<(double Rc, int Label)> Labels(int s, double[] pi, double mu)
    {
        var r = instance.Rules;
        var closing = new List<(double, int)>();
        var lastEnd = start[s] - r.SetupBefore + r.MaxSpan - r.CleanupAfter;
        var closeFrom = start[s] - r.SetupBefore + r.MinSpan - r.CleanupAfter;
        var fixedCost = driverWeight + r.SetupBefore + r.CleanupAfter - start[s] - mu;
        labels.Clear();
        if (drive[s] > r.MaxContinuous || drive[s] > r.MaxDriving || end[s] > lastEnd)
        {
            return closing;
        }

        labels.Add(new Label(-pi[s], drive[s], drive[s], s, -1));
        at[s].Add(0);
        var k0 = timeOf[s];
        var k = k0;
        var awake = new List<int>();
        for (; k < times.Length && times[k] <= lastEnd; k++)
        {
            // Drivers whose break ends by now join those already rested (waiting keeps them rested).
            foreach (var li in rested[k])
            {
                InsertRested(awake, li);
            }

            rested[k].Clear();

            // Rested drivers take any piece that starts now.
            if (awake.Count > 0)
            {
                for (var q = firstAt[k]; q < firstAt[k + 1]; q++)
                {
                    var j = order[q];
                    if (end[j] > lastEnd)
                    {
                        continue;
                    }

                    foreach (var li in awake)
                    {
                        var l = labels[li];
                        var next = new Label(l.Value - pi[j], drive[j], l.Total + drive[j], j, li);
                        if (next.Continuous <= r.MaxContinuous && next.Total <= r.MaxDriving)
                        {
                            InsertPiece(j, next);
                        }
                    }
                }
            }

            for (var q = firstAt[k]; q < firstAt[k + 1]; q++)
            {
                var v = order[q];
                if (at[v].Count == 0)
                {
                    continue;
                }

                foreach (var li in at[v])
                {
                    var l = labels[li];
                    if (end[v] >= closeFrom)
                    {
                        closing.Add((l.Value + fixedCost + end[v], li));
                    }

                    for (var x = shortFrom[v]; x < shortTo[v]; x++)
                    {
                        var j = order[x];
                        if (end[j] > lastEnd)
                        {
                            continue;
                        }

                        var next = new Label(l.Value - pi[j], l.Continuous + drive[j], l.Total + drive[j], j, li);
                        if (next.Continuous <= r.MaxContinuous && next.Total <= r.MaxDriving)
                        {
                            InsertPiece(j, next);
                        }
                    }

                    if (restAt[v] < times.Length && times[restAt[v]] <= lastEnd)
                    {
                        InsertRested(rested[restAt[v]], li);
                    }
                }

                at[v].Clear();
            }
        }

        // Nothing may stay behind for the next first piece.
        for (var q = firstAt[k0]; q < start.Length; q++)
        {
            at[order[q]].Clear();
        }

        for (var t = k0; t < times.Length && t <= k; t++)
        {
            rested[t].Clear();
        }

        return closing;
    }

    private void InsertPiece(int node, Label next)
    {
        if (blocked?[node] == true)
        {
            return;
        }

        var list = at[node];
        for (var x = 0; x < list.Count; x++)
        {
            var o = labels[list[x]];
            if (o.Value <= next.Value + ColumnGeneration.Epsilon && o.Continuous <= next.Continuous && o.Total <= next.Total)
            {
                return;
            }
        }

        for (var x = list.Count - 1; x >= 0; x--)
        {
            var o = labels[list[x]];
            if (next.Value <= o.Value + ColumnGeneration.Epsilon && next.Continuous <= o.Continuous && next.Total <= o.Total)
            {
                list.RemoveAt(x);
            }
        }

        if (!MakeRoom(list, next.Value))
        {
            return;
        }

        labels.Add(next);
        list.Add(labels.Count - 1);
    }

    private void InsertRested(List<int> list, int label)
    {
        var l = labels[label];
        for (var x = 0; x < list.Count; x++)
        {
            var o = labels[list[x]];
            if (o.Value <= l.Value + ColumnGeneration.Epsilon && o.Total <= l.Total)
            {
                return;
            }
        }

        for (var x = list.Count - 1; x >= 0; x--)
        {
            var o = labels[list[x]];
            if (l.Value <= o.Value + ColumnGeneration.Epsilon && l.Total <= o.Total)
            {
                list.RemoveAt(x);
            }
        }

        if (MakeRoom(list, l.Value))
        {
            list.Add(label);
        }
    }

    /// <summary>In a quick round, keeps at most the label cap: drops the worst label, or refuses a new one that is no better.</summary>
    private bool MakeRoom(List<int> list, double value)
    {
        if (list.Count < cap)
        {
            return true;
        }

        var worst = 0;
        for (var x = 1; x < list.Count; x++)
        {
            if (labels[list[x]].Value > labels[list[worst]].Value)
            {
                worst = x;
            }
        }

        if (labels[list[worst]].Value <= value)
        {
            return false;
        }

        list.RemoveAt(worst);
        return true;
    }

    private DutyColumn Column(int label)
    {
        var tasks = new List<int>();
        for (var l = label; l >= 0; l = labels[l].Pred)
        {
            tasks.Add(labels[l].Node);
        }

        tasks.Reverse();
        return new DutyColumn([.. tasks], CostOf(tasks));
    }

    /// <summary>Driver weight + working span (set-up before the first piece to clean-up after the last).</summary>
    public long CostOf(IReadOnlyList<int> tasks) =>
        driverWeight + instance.Rules.SetupBefore + instance.Rules.CleanupAfter + end[tasks[^1]] - start[tasks[0]];

    public IEnumerable<DutyColumn> Singletons()
    {
        var r = instance.Rules;
        for (var s = 0; s < start.Length; s++)
        {
            var span = end[s] - start[s] + r.SetupBefore + r.CleanupAfter;
            if (drive[s] <= r.MaxContinuous && drive[s] <= r.MaxDriving && span >= r.MinSpan && span <= r.MaxSpan)
            {
                yield return new DutyColumn([s], CostOf([s]));
            }
        }
    }

    /// <summary>
    /// First duties: in time order, each piece not yet taken opens the duty that the pricing finds
    /// best among the pieces not yet taken (each piece worth twice its driving, so dense duties win),
    /// respecting every rule including the least span. A piece that can open no such duty is left to
    /// the master (its artificial covers it until the LP finds better), so the result may not cover
    /// the whole day. With first duties given, those.
    /// </summary>
    public IReadOnlyList<DutyColumn> Greedy()
    {
        if (first is not null)
        {
            return [.. first.Select(d => new DutyColumn([.. d], CostOf(d)))];
        }

        var worth = drive.Select(d => 2.0 * d).ToArray();
        blocked = new bool[start.Length];
        cap = GreedyLabels;
        var duties = new List<DutyColumn>();
        foreach (var s in order)
        {
            if (blocked[s])
            {
                continue;
            }

            var closing = Labels(s, worth, 0);
            if (closing.Count == 0)
            {
                continue;
            }

            var column = Column(closing.MinBy(c => c.Rc).Label);
            foreach (var t in column.Tasks)
            {
                blocked[t] = true;
            }

            duties.Add(column);
        }

        blocked = null;
        return duties;
    }

    /// <summary>The enumeration runs on the all-pairs duty graph (built on first use).</summary>
    public List<DutyColumn>? Enumerate(double[] pi, double mu, double threshold, int cap, Func<bool> outOfTime, bool partial = false)
    {
        graph ??= new DutyGraphPricer(CrewBenchmarkSolver.Graph(instance));
        return graph.Enumerate(pi, mu, threshold, cap, outOfTime, partial);
    }

    private int FirstPosition(int minute)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (start[order[mid]] < minute)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int FirstTime(int minute)
    {
        var k = Array.BinarySearch(times, minute);
        return k >= 0 ? k : ~k;
    }

    private readonly record struct Label(double Value, int Continuous, int Total, int Node, int Pred);
}
