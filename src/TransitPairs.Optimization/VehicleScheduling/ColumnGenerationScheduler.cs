using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Multiple-depot vehicle scheduling by column generation (Ribeiro &amp; Soumis 1994; Pepin et al.
/// 2009): the master LP (GLOP) chooses blocks so that every trip is covered once and each depot
/// sends out at most its vehicles; new blocks come from a shortest path per depot on the acyclic
/// connection network with trip duals subtracted. Every pricing round gives a Lagrangean lower
/// bound <c>z_RMP + Σ_k v_k · min(0, min reduced cost_k)</c>; at convergence the LP value is the
/// bound. Dual prices are smoothed (Wentges 1997). The integer schedule comes from a MIP over the
/// generated blocks (price-and-branch, SCIP) and, when a gap remains, from reduced-cost fixing and the arc MIP on what is left (<see cref="ReducedCostArcMip"/>).
/// </summary>
internal sealed class ColumnGenerationScheduler
{
    private const double Epsilon = 1e-6;
    private const int ColumnsPerDepot = 60;
    private const double Smoothing = 0.5;

    /// <summary>
    /// Connections kept per trip (each way) in the sparse flow MIP, times the number of depots
    /// (the MIP has one copy of every arc per depot). Measured on the 500-trip Pepin instances
    /// (shared 2-core machine): 4 depots × 8 connections solved to optimality in about 30 s; 4 × 10
    /// and 4 × 14 did not finish SCIP's root LP in 18–36 s; 8 × 8 not in 57 s.
    /// </summary>
    private const int SparseArcBudget = 32;

    /// <summary>Share of the time limit the sparse flow MIP may use (column generation gets the rest).</summary>
    private const double SparseShare = 0.5;

    private readonly ConnectionNetwork network;
    private readonly VspOptions options;
    private readonly Stopwatch clock;
    private readonly int? maxBlockSeconds;
    private readonly List<Column> columns = [];
    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private double big;

    // The min-cost flow of one super-depot (every pull-out and pull-in at its cheapest depot, all
    // vehicles together) relaxes "return to your own depot": its cost is a lower bound.
    private long relaxationBound;
    private (List<Column> Chosen, long Cost)? initialSchedule;

    private ColumnGenerationScheduler(ConnectionNetwork network, VspOptions options, Stopwatch clock, int? maxBlockSeconds)
    {
        this.network = network;
        this.options = options;
        this.clock = clock;
        this.maxBlockSeconds = maxBlockSeconds;
    }

    public static VspSolution Solve(ConnectionNetwork network, VspOptions options, Stopwatch clock, int? maxBlockSeconds = null)
    {
        if (maxBlockSeconds is not null && network.NodeTime is null)
        {
            throw new ArgumentException("A longest-block limit needs timed trips.", nameof(maxBlockSeconds));
        }

        return new ColumnGenerationScheduler(network, options, clock, maxBlockSeconds).Run();
    }

    private sealed record Column(int Depot, int[] Trips, long Cost)
    {
        public Variable? LpVariable { get; set; }
    }

    private VspSolution Run()
    {
        var n = network.TripCount;
        if (n == 0)
        {
            return new VspSolution(SolveStatus.Optimal, [], 0, 0, clock.Elapsed, "column generation");
        }

        var maxArc = network.ArcCount == 0 ? 0 : network.ArcCost.Max();
        var maxOut = network.Depots.Max(d => d.PullOutCost.Max());
        var maxIn = network.Depots.Max(d => d.PullInCost.Max());
        big = 2.0 * (network.VehicleCost + maxOut + maxIn + maxArc + 1);

        // A trip's artificial costs what a vehicle of its own would: a basic artificial at zero
        // (the master is very degenerate) then prices the trip like a single-trip block instead of
        // at an arbitrary penalty, which keeps the duals sensible from the first round.
        var penalty = new double[n];
        for (var t = 0; t < n; t++)
        {
            penalty[t] = big;
            foreach (var d in network.Depots)
            {
                if (d.VehicleLimit > 0 && d.PullOutCost[t] >= 0 && d.PullInCost[t] >= 0)
                {
                    penalty[t] = Math.Min(penalty[t], network.VehicleCost + d.PullOutCost[t] + d.PullInCost[t] + 1);
                }
            }
        }

        var penaltyScale = 1.0;

        using var lp = MpSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        lp.SuppressOutput();

        // Without presolve GLOP keeps its basis when columns are added: each re-solve is a warm start.
        lp.SetSolverSpecificParametersAsString("use_preprocessing: false");
        var objective = lp.Objective();
        objective.SetMinimization();
        var cover = new Constraint[n];
        var artificial = new Variable[n];
        for (var t = 0; t < n; t++)
        {
            cover[t] = lp.MakeConstraint(1, 1, "cover" + t.ToString(CultureInfo.InvariantCulture));
            artificial[t] = lp.MakeNumVar(0, double.PositiveInfinity, "a" + t.ToString(CultureInfo.InvariantCulture));
            cover[t].SetCoefficient(artificial[t], 1);
            objective.SetCoefficient(artificial[t], penalty[t]);
        }

        var capacity = new Constraint[network.Depots.Length];
        for (var k = 0; k < capacity.Length; k++)
        {
            capacity[k] = lp.MakeConstraint(double.NegativeInfinity, network.Depots[k].VehicleLimit, "depot" + k.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var column in InitialColumns())
        {
            AddColumn(column, lp, cover, capacity, objective);
        }

        var deadline = options.TimeLimit;
        var sparseImproved = ImproveBySparseFlow(lp, cover, capacity, objective);
        var cgBudget = TimeSpan.FromTicks((long)(deadline.Ticks * BudgetShares.ColumnGeneration));
        var bestBound = double.NegativeInfinity;
        var pi = new double[n];
        var mu = new double[capacity.Length];
        var centerPi = new double[n];
        var centerMu = new double[capacity.Length];
        var smoothPi = new double[n];
        var smoothMu = new double[capacity.Length];
        var converged = false;
        var lpValue = double.PositiveInfinity;
        var iterations = 0;
        var lpMayBeInfeasible = false;

        while (clock.Elapsed < cgBudget)
        {
            lp.SetTimeLimit(Math.Max(1000, (long)(deadline - clock.Elapsed).TotalMilliseconds));
            iterations++;
            if (lp.Solve() != MpSolver.ResultStatus.OPTIMAL)
            {
                lpMayBeInfeasible = true;
                break;
            }

            lpValue = objective.Value();
            for (var t = 0; t < n; t++)
            {
                pi[t] = cover[t].DualValue();
            }

            for (var k = 0; k < mu.Length; k++)
            {
                mu[k] = Math.Min(0, capacity[k].DualValue());
            }

            // Wentges smoothing: price at a point between the best-bound duals and the current ones;
            // when that finds nothing the current duals are priced (no column is ever missed).
            var added = 0;
            var stabilised = !double.IsNegativeInfinity(bestBound);
            if (stabilised)
            {
                for (var t = 0; t < n; t++)
                {
                    smoothPi[t] = (Smoothing * centerPi[t]) + ((1 - Smoothing) * pi[t]);
                }

                for (var k = 0; k < mu.Length; k++)
                {
                    smoothMu[k] = (Smoothing * centerMu[k]) + ((1 - Smoothing) * mu[k]);
                }

                added = PriceAndAdd(smoothPi, smoothMu, pi, mu, lp, cover, capacity, objective, ref bestBound, centerPi, centerMu);
            }

            if (added == 0)
            {
                added = PriceAndAdd(pi, mu, pi, mu, lp, cover, capacity, objective, ref bestBound, centerPi, centerMu);
            }

            if (added == 0)
            {
                if (artificial.Any(a => a.SolutionValue() > Epsilon))
                {
                    // The LP still leans on an artificial: the penalty is too small, or no cover exists.
                    if (penaltyScale * big > 1e11)
                    {
                        lpMayBeInfeasible = true;
                        break;
                    }

                    penaltyScale *= 16;
                    for (var t = 0; t < n; t++)
                    {
                        objective.SetCoefficient(artificial[t], penalty[t] * penaltyScale);
                    }

                    continue;
                }

                converged = true;
                bestBound = Math.Max(bestBound, lpValue);
                break;
            }

            if (Math.Ceiling(bestBound - BoundTolerance(bestBound)) >= Math.Ceiling(lpValue - BoundTolerance(lpValue)) && !artificial.Any(a => a.SolutionValue() > Epsilon))
            {
                break; // the LP cannot improve in whole units any more
            }
        }

        var bound = Math.Max(relaxationBound, double.IsNegativeInfinity(bestBound) ? 0 : (long)Math.Ceiling(bestBound - BoundTolerance(bestBound)));
        var method = sparseImproved ? "sparse flow MIP + column generation" : "column generation";
        // With converged duals the arc MIP follows and gets two thirds of what is left; otherwise
        // the MIP on the generated blocks is the last step and gets nearly all of it.
        var mipTime = converged ? TimeSpan.FromTicks((deadline - clock.Elapsed).Ticks / 3) : deadline - clock.Elapsed - TimeSpan.FromSeconds(1);
        var incumbent = lpMayBeInfeasible ? null : SolveRestrictedMip(mipTime);
        if (initialSchedule is { } start && (incumbent is null || start.Cost < incumbent.Value.Cost))
        {
            incumbent = ([.. start.Chosen.Select(c => new VspBlock(c.Depot, [.. c.Trips]))], start.Cost);
        }

        if (incumbent is not null)
        {
            method += " + MIP on generated blocks";
        }

        // Reduced-cost fixing then the arc MIP: proves optimality (or infeasibility) or finds better schedules.
        // Without converged duals the arc MIP keeps every arc: worth it only to decide feasibility.
        if ((converged ? incumbent is null || incumbent.Value.Cost > bound : incumbent is null)
            && deadline - clock.Elapsed > TimeSpan.FromMilliseconds(300))
        {
            // Without an optimal LP the duals prove nothing: keep every arc (ceiling = none).
            var ceiling = converged ? incumbent?.Cost ?? long.MaxValue : long.MaxValue;
            if (lpMayBeInfeasible)
            {
                bound = relaxationBound;
            }

            var closing = ReducedCostArcMip.Solve(network, pi, mu, lpValue, ceiling, clock, deadline, options.Threads, options.Seed);
            if (closing is not null)
            {
                method += " + reduced-cost arc MIP";
                if (closing.Blocks is not null && closing.Cost < ceiling)
                {
                    incumbent = (closing.Blocks, closing.Cost);
                }
                else if (incumbent is null && closing.Proven)
                {
                    return Infeasible();
                }

                bound = Math.Max(bound, closing.LowerBound);
            }
        }

        method += string.Create(CultureInfo.InvariantCulture, $" ({iterations} LP solves, {columns.Count} blocks generated)");
        if (incumbent is null)
        {
            return new VspSolution(SolveStatus.NoSolutionFound, [], 0, (decimal)Math.Max(0, bound) / network.CostScale, clock.Elapsed, method);
        }

        var (chosen, cost) = incumbent.Value;
        var lower = Math.Min(Math.Max(0, bound), cost);
        var blocks = chosen.Select(b => network.VirtualDepot ? b with { Depot = -1 } : b)
            .OrderBy(b => network.TripStart[b.Trips[0]]).ToImmutableArray();
        return new VspSolution(
            cost == lower ? SolveStatus.Optimal : SolveStatus.Feasible,
            blocks,
            (decimal)cost / network.CostScale,
            (decimal)lower / network.CostScale,
            clock.Elapsed,
            method);
    }

    /// <summary>
    /// Before column generation (whose master is very degenerate on large instances and barely
    /// moves from the first schedule): the flow MIP over each trip's cheapest connections plus
    /// the first schedule's (<see cref="SparseFlowImprovement"/>), for at most
    /// <see cref="SparseShare"/> of the limit. A better schedule replaces the first one (so it is
    /// the fallback and the restricted MIP's hint) and its blocks join the master, which also
    /// helps column generation converge. Returns whether it improved.
    /// </summary>
    private bool ImproveBySparseFlow(MpSolver lp, Constraint[] cover, Constraint[] capacity, Objective objective)
    {
        if (initialSchedule is not { } start || maxBlockSeconds is not null || !SparseFlowImprovement.Applies(network))
        {
            return false;
        }

        var limit = TimeSpan.FromTicks((long)(options.TimeLimit.Ticks * SparseShare)) - clock.Elapsed;
        if (limit < TimeSpan.FromSeconds(1))
        {
            return false;
        }

        var connectionsPerTrip = Math.Clamp(SparseArcBudget / Math.Max(1, network.Depots.Length), 4, 12);
        var incumbent = start.Chosen.Select(c => new VspBlock(c.Depot, [.. c.Trips])).ToList();
        if (SparseFlowImprovement.Improve(network, incumbent, start.Cost, connectionsPerTrip, limit, options.Threads, options.Seed) is not { } better)
        {
            return false;
        }

        var next = better.Blocks.Select(b =>
        {
            var blockCost = network.BlockCost(b.Block.Depot, b.Block.Trips[0], b.Block.Trips[^1], b.ConnectionCost);
            return new Column(b.Block.Depot, [.. b.Block.Trips], blockCost);
        }).ToList();
        for (var i = 0; i < next.Count; i++)
        {
            // A block the master already holds stays that object (the restricted MIP's hint finds it).
            if (!AddColumn(next[i], lp, cover, capacity, objective))
            {
                var same = next[i];
                next[i] = columns.First(c => c.Depot == same.Depot && c.Trips.AsSpan().SequenceEqual(same.Trips));
            }
        }

        initialSchedule = (next, next.Sum(c => c.Cost));
        return true;
    }

    private static double BoundTolerance(double value) => 1e-6 + (Math.Abs(value) * 1e-9);

    /// <summary>
    /// Starting blocks (<see cref="SuperDepotStart"/>); a complete first schedule is kept as a
    /// fallback and a MIP hint, and its cost floor as a bound.
    /// </summary>
    private List<Column> InitialColumns()
    {
        var start = SuperDepotStart.Build(network, maxBlockSeconds is null ? null : FitsBlockLimit);
        if (start is null)
        {
            return [];
        }

        relaxationBound = start.Bound;
        var assigned = start.Blocks
            .Select(b => new Column(b.Block.Depot, [.. b.Block.Trips], network.BlockCost(b.Block.Depot, b.Block.Trips[0], b.Block.Trips[^1], b.ConnectionCost)))
            .ToList();
        if (start.Complete)
        {
            initialSchedule = (assigned, assigned.Sum(c => c.Cost));
        }

        return assigned;
    }

    private bool FitsBlockLimit(int depot, ImmutableArray<int> trips)
    {
        var times = network.NodeTime!;
        var d = network.Depots[depot];
        var begin = times[network.TripStart[trips[0]]] - d.PullOutSeconds[trips[0]];
        var end = times[network.TripEnd[trips[^1]]] + d.PullInSeconds[trips[^1]];
        return end - begin <= maxBlockSeconds;
    }

    /// <summary>
    /// Prices every depot at duals (pricePi, priceMu), updates the Lagrangean bound (valid for any
    /// duals with μ ≤ 0) and its centre, and adds the blocks whose reduced cost at the current LP
    /// duals is negative. Returns how many were added.
    /// </summary>
    private int PriceAndAdd(double[] pricePi, double[] priceMu, double[] pi, double[] mu, MpSolver lp, Constraint[] cover, Constraint[] capacity, Objective objective, ref double bestBound, double[] centerPi, double[] centerMu)
    {
        var added = 0;
        var lagrangean = pricePi.Sum();
        for (var k = 0; k < network.Depots.Length; k++)
        {
            var limit = network.Depots[k].VehicleLimit;
            var candidates = maxBlockSeconds is { } blockLimit ? PriceWithBlockLimit(k, pricePi, priceMu[k], blockLimit) : Price(k, pricePi, priceMu[k]);
            var minReduced = candidates.Count == 0 ? 0 : Math.Min(0, candidates.Min(c => c.Reduced));
            lagrangean += (priceMu[k] * limit) + (limit * minReduced);
            foreach (var (trips, cost, _) in candidates.OrderBy(c => c.Reduced).Take(ColumnsPerDepot))
            {
                var reducedNow = cost - mu[k] - trips.Sum(t => pi[t]);
                if (reducedNow < -Epsilon && AddColumn(new Column(k, trips, cost), lp, cover, capacity, objective))
                {
                    added++;
                }
            }
        }

        if (lagrangean > bestBound)
        {
            bestBound = lagrangean;
            Array.Copy(pricePi, centerPi, pricePi.Length);
            Array.Copy(priceMu, centerMu, priceMu.Length);
        }

        return added;
    }

    private VspSolution Infeasible() => new(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, "column generation");

    private bool AddColumn(Column column, MpSolver lp, Constraint[] cover, Constraint[] capacity, Objective objective)
    {
        var key = column.Depot.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(',', column.Trips);
        if (!known.Add(key))
        {
            return false;
        }

        var x = lp.MakeNumVar(0, double.PositiveInfinity, "x" + columns.Count.ToString(CultureInfo.InvariantCulture));
        objective.SetCoefficient(x, column.Cost);
        foreach (var t in column.Trips)
        {
            cover[t].SetCoefficient(x, 1);
        }

        capacity[column.Depot].SetCoefficient(x, 1);
        column.LpVariable = x;
        columns.Add(column);
        return true;
    }

    /// <summary>
    /// Shortest paths from depot k over the acyclic network with reduced costs (trip arc: −π_t;
    /// pull-out: vehicle + pull-out − μ_k). One candidate block per trip end that can pull in.
    /// </summary>
    private List<(int[] Trips, long Cost, double Reduced)> Price(int k, double[] pi, double muK)
    {
        var depot = network.Depots[k];
        var nodes = network.NodeCount;
        var dist = new double[nodes];
        var predArc = new int[nodes]; // ≥0: connection arc; -1: pull-out; -2: trip arc from its start
        var predNode = new int[nodes];
        Array.Fill(dist, double.PositiveInfinity);
        for (var t = 0; t < network.TripCount; t++)
        {
            if (depot.PullOutCost[t] >= 0)
            {
                dist[network.TripStart[t]] = network.VehicleCost + depot.PullOutCost[t] - muK;
                predArc[network.TripStart[t]] = -1;
            }
        }

        Relax(0, nodes, dist, predArc, predNode, pi, int.MaxValue);
        return Close(depot, pi, dist, predArc, predNode, int.MaxValue, [.. Enumerable.Range(0, network.TripCount)], muK);
    }

    private void Relax(int from, int nodes, double[] dist, int[] predArc, int[] predNode, double[] pi, int deadline)
    {
        var times = network.NodeTime;
        for (var v = from; v < nodes; v++)
        {
            var dv = dist[v];
            if (double.IsPositiveInfinity(dv) || (times is not null && times[v] > deadline))
            {
                continue;
            }

            var trip = network.TripOfStart[v];
            if (trip >= 0)
            {
                var e = network.TripEnd[trip];
                var de = dv - pi[trip];
                if (de < dist[e])
                {
                    dist[e] = de;
                    predArc[e] = -2;
                    predNode[e] = v;
                }

                continue;
            }

            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                var h = network.ArcHead[a];
                var dh = dv + network.ArcCost[a];
                if (dh < dist[h])
                {
                    dist[h] = dh;
                    predArc[h] = a;
                    predNode[h] = v;
                }
            }
        }
    }

    private List<(int[] Trips, long Cost, double Reduced)> Close(ConnectionNetwork.DepotArcs depot, double[] pi, double[] dist, int[] predArc, int[] predNode, int deadline, int[] ends, double muK)
    {
        var result = new List<(int[], long, double)>();
        foreach (var t in ends)
        {
            var e = network.TripEnd[t];
            if (depot.PullInCost[t] < 0 || double.IsPositiveInfinity(dist[e])
                || (network.NodeTime is { } times && times[e] + depot.PullInSeconds[t] > deadline))
            {
                continue;
            }

            var reduced = dist[e] + depot.PullInCost[t];
            if (reduced > -Epsilon)
            {
                continue;
            }

            // Walk back to the pull-out, collecting trips and the real cost.
            var trips = new List<int>();
            long cost = depot.PullInCost[t];
            var v = e;
            while (true)
            {
                var s = predNode[v]; // v is a trip end; its predecessor is the trip's start
                var trip = network.TripOfStart[s];
                trips.Add(trip);
                v = s;
                while (predArc[v] >= 0)
                {
                    cost += network.ArcCost[predArc[v]];
                    v = predNode[v];
                }

                if (predArc[v] == -1)
                {
                    cost += network.VehicleCost + depot.PullOutCost[trip];
                    break;
                }
            }

            trips.Reverse();
            _ = muK;
            result.Add(([.. trips], cost, reduced));
        }

        return result;
    }

    /// <summary>
    /// Pricing under a longest-block limit: for each first trip, a shortest path restricted to
    /// nodes before the first trip's start minus its pull-out plus the limit (exact: the limit
    /// only bounds the last trip's end once the first trip is fixed).
    /// </summary>
    private List<(int[] Trips, long Cost, double Reduced)> PriceWithBlockLimit(int k, double[] pi, double muK, int limit)
    {
        var depot = network.Depots[k];
        var times = network.NodeTime!;
        var nodes = network.NodeCount;
        var best = new Dictionary<string, (int[] Trips, long Cost, double Reduced)>(StringComparer.Ordinal);
        var dist = new double[nodes];
        var predArc = new int[nodes];
        var predNode = new int[nodes];
        for (var first = 0; first < network.TripCount; first++)
        {
            if (depot.PullOutCost[first] < 0)
            {
                continue;
            }

            var s = network.TripStart[first];
            var deadline = times[s] - depot.PullOutSeconds[first] + limit;
            Array.Fill(dist, double.PositiveInfinity, s, nodes - s);
            dist[s] = network.VehicleCost + depot.PullOutCost[first] - muK;
            predArc[s] = -1;
            Relax(s, nodes, dist, predArc, predNode, pi, deadline);

            // Only trip starts reached from this first trip count: other starts keep their infinity.
            var ends = Enumerable.Range(0, network.TripCount).Where(t => network.TripStart[t] >= s).ToArray();
            foreach (var candidate in Close(depot, pi, dist, predArc, predNode, deadline, ends, muK))
            {
                if (candidate.Trips[0] != first)
                {
                    continue;
                }

                var key = string.Join(',', candidate.Trips);
                if (!best.TryGetValue(key, out var old) || candidate.Reduced < old.Reduced)
                {
                    best[key] = candidate;
                }
            }
        }

        return [.. best.Values];
    }

    /// <summary>The MIP over the generated blocks (SCIP), or null when it finds nothing in time.</summary>
    private (List<VspBlock> Chosen, long Cost)? SolveRestrictedMip(TimeSpan timeLeft)
    {
        if (timeLeft <= TimeSpan.FromMilliseconds(200) || columns.Count == 0)
        {
            return null;
        }

        using var mip = MpSolver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        mip.SuppressOutput();
        mip.SetNumThreads(Math.Max(1, options.Threads));
        mip.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"randomization/randomseedshift = {options.Seed}\n"));
        mip.SetTimeLimit((long)timeLeft.TotalMilliseconds);
        var objective = mip.Objective();
        objective.SetMinimization();
        var cover = new Constraint[network.TripCount];
        for (var t = 0; t < cover.Length; t++)
        {
            cover[t] = mip.MakeConstraint(1, 1, "c" + t.ToString(CultureInfo.InvariantCulture));
        }

        var capacity = network.Depots.Select((d, k) => mip.MakeConstraint(double.NegativeInfinity, d.VehicleLimit, "d" + k.ToString(CultureInfo.InvariantCulture))).ToArray();
        var vars = new Variable[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            vars[c] = mip.MakeBoolVar("x" + c.ToString(CultureInfo.InvariantCulture));
            objective.SetCoefficient(vars[c], columns[c].Cost);
            foreach (var t in columns[c].Trips)
            {
                cover[t].SetCoefficient(vars[c], 1);
            }

            capacity[columns[c].Depot].SetCoefficient(vars[c], 1);
        }

        if (initialSchedule is { } start)
        {
            var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            var hinted = start.Chosen.Where(index.ContainsKey).Select(c => vars[index[c]]).ToArray();
            mip.SetHint(hinted, [.. hinted.Select(_ => 1.0)]);
        }

        using var parameters = MipParameters.ExactGap();
        var status = mip.Solve(parameters);
        if (status is not (MpSolver.ResultStatus.OPTIMAL or MpSolver.ResultStatus.FEASIBLE))
        {
            return null;
        }

        var chosen = columns.Where((c, i) => vars[i].SolutionValue() > 0.5).ToList();
        return ([.. chosen.Select(c => new VspBlock(c.Depot, [.. c.Trips]))], chosen.Sum(c => c.Cost));
    }
}
