namespace TransitPairs.Optimization.Duties;

/// <summary>One duty as the master sees it: the tasks it covers (in its own order) and its cost.</summary>
internal sealed record DutyColumn(int[] Tasks, long Cost)
{
    /// <summary>A key that is equal for two columns over the same task sequence.</summary>
    public string Key => string.Join(',', Tasks);
}

/// <summary>One pricing round: columns with a negative reduced cost and the least reduced cost of any column.</summary>
/// <param name="Columns">Columns whose reduced cost is below −ε (at most the number asked for).</param>
/// <param name="LeastReducedCost">The least reduced cost of any feasible column (exact pricing), used for the Lagrangean bound; NaN after a heuristic round.</param>
internal readonly record struct PricingRound(List<DutyColumn> Columns, double LeastReducedCost);

/// <summary>
/// Where duty columns come from: an exact pricing oracle and an enumerator of every column whose
/// reduced cost is below a threshold (the reduced-cost enumeration that turns price-and-branch into
/// a proof). Reduced cost = cost − Σ<sub>i∈duty</sub> π<sub>i</sub> − μ, with μ the dual of the
/// "exactly K duties" row (0 without one).
/// </summary>
internal interface IDutyColumnSource
{
    int TaskCount { get; }

    /// <summary>Exactly this many duties in every solution, or null.</summary>
    int? ExactDuties { get; }

    /// <summary>The most negative reduced-cost columns, at most <paramref name="maxColumns"/>.</summary>
    PricingRound Price(double[] pi, double mu, int maxColumns);

    /// <summary>
    /// Every column whose reduced cost is at most <paramref name="threshold"/>; null when there are
    /// more than <paramref name="cap"/> or the clock ran out. With <paramref name="partial"/>, instead
    /// of null, as many as the cap allows, spread over the first tasks (candidates, not a proof).
    /// </summary>
    List<DutyColumn>? Enumerate(double[] pi, double mu, double threshold, int cap, Func<bool> outOfTime, bool partial = false);

    /// <summary>Duties of one task each, where a task may be a duty alone (the first columns).</summary>
    IEnumerable<DutyColumn> Singletons();

    /// <summary>A quick partition of the tasks into feasible duties (a first solution when the count is free), or empty.</summary>
    IReadOnlyList<DutyColumn> Greedy();

    /// <summary>The first cost of the master's artificial per task (raised tenfold while the converged LP still uses one).</summary>
    double ArtificialPenalty => 1e6;
}

/// <summary>What a pricing pass keeps of the duties that begin with one task.</summary>
internal static class ClosingLabels
{
    /// <summary>
    /// Adds to <paramref name="found"/> the closing labels of negative reduced cost, best first, at
    /// most <paramref name="perStart"/> with distinct last tasks; returns the least reduced cost of all.
    /// </summary>
    public static double Collect(List<(double Rc, int Label)> closing, Func<int, int> lastTask, Func<int, DutyColumn> column, int perStart, List<(double Rc, DutyColumn Column)> found)
    {
        var least = double.PositiveInfinity;
        var best = new List<(double Rc, int Label)>();
        foreach (var (rc, label) in closing)
        {
            least = Math.Min(least, rc);
            if (rc < -ColumnGeneration.Epsilon)
            {
                best.Add((rc, label));
            }
        }

        foreach (var (rc, label) in best.OrderBy(b => b.Rc).DistinctBy(b => lastTask(b.Label)).Take(perStart))
        {
            found.Add((rc, column(label)));
        }

        return least;
    }
}

/// <summary>A fixed list of candidate duties (CSPLib set partitioning): pricing scans them all.</summary>
internal sealed class ExplicitColumns : IDutyColumnSource
{
    private readonly DutyColumn[] columns;

    public ExplicitColumns(int taskCount, IEnumerable<DutyColumn> columns)
    {
        TaskCount = taskCount;
        this.columns = [.. columns];
    }

    public int TaskCount { get; }

    public int? ExactDuties => null;

    public PricingRound Price(double[] pi, double mu, int maxColumns)
    {
        var least = double.PositiveInfinity;
        var found = new List<(double Rc, DutyColumn Column)>();
        foreach (var c in columns)
        {
            var rc = ReducedCost(c, pi, mu);
            least = Math.Min(least, rc);
            if (rc < -ColumnGeneration.Epsilon)
            {
                found.Add((rc, c));
            }
        }

        return new PricingRound([.. found.OrderBy(f => f.Rc).Take(maxColumns).Select(f => f.Column)], least);
    }

    public List<DutyColumn>? Enumerate(double[] pi, double mu, double threshold, int cap, Func<bool> outOfTime, bool partial = false)
    {
        var slack = ColumnGeneration.EnumerationSlack(TaskCount);
        var all = columns.Where(c => ReducedCost(c, pi, mu) <= threshold + slack).OrderBy(c => ReducedCost(c, pi, mu)).ToList();
        return all.Count <= cap ? all : partial ? all[..cap] : null;
    }

    public IEnumerable<DutyColumn> Singletons() => columns.Where(c => c.Tasks.Length == 1);

    public IReadOnlyList<DutyColumn> Greedy() => [];

    private static double ReducedCost(DutyColumn c, double[] pi, double mu)
    {
        var rc = c.Cost - mu;
        foreach (var t in c.Tasks)
        {
            rc -= pi[t];
        }

        return rc;
    }
}

/// <summary>
/// Exact pricing on a <see cref="DutyGraph"/>: for each first task, a label-setting
/// resource-constrained shortest path in time order (labels: reduced cost, driving since the last
/// rest, driving in the duty, night driving since the last rest; the span is fixed by the first task and
/// the window). A label dominates another at the same task when it is no worse in all four.
/// </summary>
internal sealed class DutyGraphPricer : IDutyColumnSource
{
    /// <summary>Closing labels kept per first task and round (distinct last tasks).</summary>
    private const int ColumnsPerStart = 2;

    private readonly DutyGraph graph;
    private readonly List<Label> labels = [];
    private readonly List<int>[] at;
    private int cap = int.MaxValue;

    public DutyGraphPricer(DutyGraph graph)
    {
        this.graph = graph;
        at = new List<int>[graph.TaskCount];
        for (var i = 0; i < at.Length; i++)
        {
            at[i] = [];
        }
    }

    public int TaskCount => graph.TaskCount;

    public int? ExactDuties => graph.ExactDuties;

    /// <summary>
    /// Labels kept per task in the quick rounds (the best reduced costs): a heuristic that finds
    /// improving duties fast; only when it finds none does a round run the exact labelling, whose
    /// least reduced cost then also gives a bound.
    /// </summary>
    public const int QuickLabels = 3;

    public PricingRound Price(double[] pi, double mu, int maxColumns)
    {
        var quick = Price(pi, mu, maxColumns, QuickLabels);
        return quick.Columns.Count > 0 ? quick with { LeastReducedCost = double.NaN } : Price(pi, mu, maxColumns, int.MaxValue);
    }

    private PricingRound Price(double[] pi, double mu, int maxColumns, int labelCap)
    {
        cap = labelCap;
        var least = double.PositiveInfinity;
        var found = new List<(double Rc, DutyColumn Column)>();
        foreach (var s in graph.Order)
        {
            least = Math.Min(least, ClosingLabels.Collect(Labels(s, pi, mu), l => labels[l].Node, Column, ColumnsPerStart, found));
        }

        return new PricingRound([.. found.OrderBy(f => f.Rc).Take(maxColumns).Select(f => f.Column)], least);
    }

    /// <summary>Every closing label of duties that begin with <paramref name="s"/>: (reduced cost after closing, label index).</summary>
    private List<(double Rc, int Label)> Labels(int s, double[] pi, double mu)
    {
        var limits = graph.Limits;
        var closing = new List<(double, int)>();
        labels.Clear();
        var touched = new List<int>();
        var first = new Label(graph.OpenCost[s] - pi[s] - mu, graph.Driving[s], graph.Driving[s], graph.Night[s], s, -1);
        if (!first.Feasible(limits) || !graph.InWindow(s, s))
        {
            return closing;
        }

        labels.Add(first);
        at[s].Add(0);
        touched.Add(s);
        for (var p = graph.Position[s]; p < graph.Order.Length; p++)
        {
            var v = graph.Order[p];
            if (at[v].Count == 0)
            {
                continue;
            }

            var succ = graph.Successors[v];
            var cost = graph.SuccessorCost[v];
            foreach (var li in at[v])
            {
                var l = labels[li];
                if (l.Dead)
                {
                    continue;
                }

                if (graph.MayClose(s, v))
                {
                    closing.Add((l.Rc + graph.CloseCost[v], li));
                }

                for (var k = 0; k < succ.Length; k++)
                {
                    var j = succ[k];
                    if (!graph.InWindow(s, j))
                    {
                        continue;
                    }

                    var rest = graph.Start[j] - graph.End[v] >= limits.RestResets;
                    var next = new Label(
                        l.Rc + cost[k] - pi[j],
                        rest ? graph.Driving[j] : l.Continuous + graph.Driving[j],
                        l.Total + graph.Driving[j],
                        rest ? graph.Night[j] : l.Night + graph.Night[j],
                        j,
                        li);
                    if (!next.Feasible(limits))
                    {
                        continue;
                    }

                    if (at[j].Count == 0)
                    {
                        touched.Add(j);
                    }

                    Insert(j, next);
                }
            }
        }

        foreach (var t in touched)
        {
            at[t].Clear();
        }

        return closing;
    }

    private void Insert(int node, Label next)
    {
        var list = at[node];
        for (var k = 0; k < list.Count; k++)
        {
            var other = labels[list[k]];
            if (!other.Dead && other.Dominates(next))
            {
                return;
            }
        }

        for (var k = list.Count - 1; k >= 0; k--)
        {
            var other = labels[list[k]];
            if (!other.Dead && next.Dominates(other))
            {
                labels[list[k]] = other with { Dead = true };
                list.RemoveAt(k);
            }
        }

        if (list.Count >= cap)
        {
            var worst = 0;
            for (var k = 1; k < list.Count; k++)
            {
                if (labels[list[k]].Rc > labels[list[worst]].Rc)
                {
                    worst = k;
                }
            }

            if (labels[list[worst]].Rc <= next.Rc)
            {
                return;
            }

            labels[list[worst]] = labels[list[worst]] with { Dead = true };
            list.RemoveAt(worst);
        }

        labels.Add(next);
        list.Add(labels.Count - 1);
    }

    private DutyColumn Column(int label)
    {
        var tasks = new List<int>();
        for (var l = label; l >= 0; l = labels[l].Pred)
        {
            tasks.Add(labels[l].Node);
        }

        tasks.Reverse();
        var array = tasks.ToArray();
        return new DutyColumn(array, graph.CostOf(array) ?? throw new InvalidOperationException("A priced duty uses a missing arc."));
    }

    public IEnumerable<DutyColumn> Singletons()
    {
        for (var s = 0; s < graph.TaskCount; s++)
        {
            var alone = new Label(0, graph.Driving[s], graph.Driving[s], graph.Night[s], s, -1);
            if (alone.Feasible(graph.Limits) && graph.MayClose(s, s))
            {
                yield return new DutyColumn([s], graph.OpenCost[s] + graph.CloseCost[s]);
            }
        }
    }

    /// <summary>
    /// In time order, each task not yet in a duty opens one, which then takes the cheapest feasible
    /// successor not yet taken until none is left; empty when a task cannot be a duty at all.
    /// </summary>
    public IReadOnlyList<DutyColumn> Greedy()
    {
        var taken = new bool[graph.TaskCount];
        var duties = new List<DutyColumn>();
        foreach (var s in graph.Order)
        {
            if (taken[s])
            {
                continue;
            }

            var l = new Label(0, graph.Driving[s], graph.Driving[s], graph.Night[s], s, -1);
            if (!l.Feasible(graph.Limits) || !graph.MayClose(s, s))
            {
                return [];
            }

            var tasks = new List<int> { s };
            taken[s] = true;
            while (true)
            {
                var v = tasks[^1];
                var best = -1;
                var bestCost = long.MaxValue;
                Label next = default;
                for (var k = 0; k < graph.Successors[v].Length; k++)
                {
                    var j = graph.Successors[v][k];
                    var rest = graph.Start[j] - graph.End[v] >= graph.Limits.RestResets;
                    var candidate = new Label(0, rest ? graph.Driving[j] : l.Continuous + graph.Driving[j], l.Total + graph.Driving[j], rest ? graph.Night[j] : l.Night + graph.Night[j], j, -1);
                    if (!taken[j] && graph.InWindow(s, j) && graph.MayClose(s, j) && candidate.Feasible(graph.Limits) && graph.SuccessorCost[v][k] < bestCost)
                    {
                        best = j;
                        bestCost = graph.SuccessorCost[v][k];
                        next = candidate;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                tasks.Add(best);
                taken[best] = true;
                l = next;
            }

            duties.Add(new DutyColumn([.. tasks], graph.CostOf(tasks)!.Value));
        }

        return duties;
    }

    public List<DutyColumn>? Enumerate(double[] pi, double mu, double threshold, int cap, Func<bool> outOfTime, bool partial = false)
    {
        var result = new List<DutyColumn>();
        var n = graph.TaskCount;
        var perStart = partial ? Math.Max(1, cap / Math.Max(1, n)) : int.MaxValue;
        var completion = new double[n];
        var path = new List<int>();
        foreach (var s in graph.Order)
        {
            if (outOfTime())
            {
                return partial ? result : null;
            }

            // Least reduced cost of finishing a duty from each task (resources relaxed, span kept).
            for (var p = n - 1; p >= graph.Position[s]; p--)
            {
                var v = graph.Order[p];
                var g = graph.MayClose(s, v) ? graph.CloseCost[v] : double.PositiveInfinity;
                if (graph.InWindow(s, v))
                {
                    var succ = graph.Successors[v];
                    for (var k = 0; k < succ.Length; k++)
                    {
                        var j = succ[k];
                        if (graph.InWindow(s, j))
                        {
                            g = Math.Min(g, graph.SuccessorCost[v][k] - pi[j] + completion[j]);
                        }
                    }
                }

                completion[v] = g;
            }

            var first = new Label(graph.OpenCost[s] - pi[s] - mu, graph.Driving[s], graph.Driving[s], graph.Night[s], s, -1);
            if (!first.Feasible(graph.Limits) || !graph.InWindow(s, s) || first.Rc + completion[s] > threshold + ColumnGeneration.EnumerationSlack(n))
            {
                continue;
            }

            path.Clear();
            var fromHere = new List<DutyColumn>();
            if (!Walk(s, first, pi, threshold, completion, path, fromHere, Math.Min(cap, perStart)))
            {
                if (!partial)
                {
                    return null;
                }
            }

            result.AddRange(partial ? fromHere.Take(perStart) : fromHere);
            if (result.Count > cap)
            {
                return partial ? result : null;
            }

        }

        return result;
    }

    private bool Walk(int s, Label l, double[] pi, double threshold, double[] completion, List<int> path, List<DutyColumn> result, int cap)
    {
        var v = l.Node;
        path.Add(v);
        if (graph.MayClose(s, v) && l.Rc + graph.CloseCost[v] <= threshold + ColumnGeneration.EnumerationSlack(graph.TaskCount))
        {
            var tasks = path.ToArray();
            result.Add(new DutyColumn(tasks, graph.CostOf(tasks)!.Value));
            if (result.Count > cap)
            {
                return false;
            }
        }

        var succ = graph.Successors[v];
        var limits = graph.Limits;
        for (var k = 0; k < succ.Length; k++)
        {
            var j = succ[k];
            if (!graph.InWindow(s, j))
            {
                continue;
            }

            var rc = l.Rc + graph.SuccessorCost[v][k] - pi[j];
            if (rc + completion[j] > threshold + ColumnGeneration.EnumerationSlack(graph.TaskCount))
            {
                continue;
            }

            var rest = graph.Start[j] - graph.End[v] >= limits.RestResets;
            var next = new Label(rc, rest ? graph.Driving[j] : l.Continuous + graph.Driving[j], l.Total + graph.Driving[j], rest ? graph.Night[j] : l.Night + graph.Night[j], j, -1);
            if (next.Feasible(limits) && !Walk(s, next, pi, threshold, completion, path, result, cap))
            {
                return false;
            }
        }

        path.RemoveAt(path.Count - 1);
        return true;
    }

    private readonly record struct Label(double Rc, int Continuous, int Total, int Night, int Node, int Pred)
    {
        public bool Dead { get; init; }

        public bool Feasible(DutyLimits limits) =>
            Total <= limits.MaxDriving && Continuous <= limits.MaxContinuous && Night <= limits.MaxContinuousAtNight;

        public bool Dominates(Label other) =>
            Rc <= other.Rc + ColumnGeneration.Epsilon && Continuous <= other.Continuous && Total <= other.Total && Night <= other.Night;
    }
}
