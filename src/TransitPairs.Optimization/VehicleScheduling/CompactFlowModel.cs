using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// The multi-commodity flow model of multiple-depot scheduling on a subset of the network's arcs:
/// per depot, flow from pull-outs through trips and connections to pull-ins; each trip covered
/// once over all depots; at most the depot's vehicles. As a MIP (SCIP) it yields schedules; as an
/// LP (GLOP) its cover duals price blocks for column generation.
/// </summary>
internal sealed class CompactFlowModel
{
    private readonly ConnectionNetwork network;
    private readonly Variable?[][] arcVar;
    private readonly Variable?[][] outVar;
    private readonly Variable?[][] inVar;
    private readonly Variable?[][] tripVar;
    private readonly Constraint[] cover;
    private readonly Constraint[] vehicles;
    private readonly Objective objective;

    /// <summary>Which arcs, pull-outs, pull-ins and trips each depot may use.</summary>
    public sealed record Keep(bool[][] Arcs, bool[][] PullOuts, bool[][] PullIns, bool[][] Trips);

    public CompactFlowModel(MpSolver solver, ConnectionNetwork network, Keep keep, bool integer, int threads, int seed)
    {
        Solver = solver;
        this.network = network;
        var n = network.TripCount;
        var m = network.Depots.Length;
        solver.SuppressOutput();
        if (integer)
        {
            solver.SetNumThreads(Math.Max(1, threads));
            solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"randomization/randomseedshift = {seed}\n"));
        }

        objective = solver.Objective();
        objective.SetMinimization();
        cover = new Constraint[n];
        for (var t = 0; t < n; t++)
        {
            cover[t] = solver.MakeConstraint(1, 1, "cover" + t.ToString(CultureInfo.InvariantCulture));
        }

        vehicles = new Constraint[m];
        arcVar = new Variable?[m][];
        outVar = new Variable?[m][];
        inVar = new Variable?[m][];
        tripVar = new Variable?[m][];
        for (var k = 0; k < m; k++)
        {
            var depot = network.Depots[k];
            var balance = new Constraint?[network.NodeCount];
            Constraint Balance(int v) => balance[v] ??= solver.MakeConstraint(0, 0, string.Empty);
            vehicles[k] = solver.MakeConstraint(double.NegativeInfinity, depot.VehicleLimit, "depot" + k.ToString(CultureInfo.InvariantCulture));
            arcVar[k] = new Variable?[network.ArcCount];
            outVar[k] = new Variable?[n];
            inVar[k] = new Variable?[n];
            tripVar[k] = new Variable?[n];
            for (var v = 0; v < network.NodeCount; v++)
            {
                for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
                {
                    if (!keep.Arcs[k][a])
                    {
                        continue;
                    }

                    var x = integer ? solver.MakeIntVar(0, depot.VehicleLimit, string.Empty) : solver.MakeNumVar(0, depot.VehicleLimit, string.Empty);
                    arcVar[k][a] = x;
                    objective.SetCoefficient(x, network.ArcCost[a]);
                    Balance(v).SetCoefficient(x, -1);
                    Balance(network.ArcHead[a]).SetCoefficient(x, 1);
                }
            }

            for (var t = 0; t < n; t++)
            {
                var s = network.TripStart[t];
                var e = network.TripEnd[t];
                if (keep.Trips[k][t])
                {
                    var y = integer ? solver.MakeBoolVar(string.Empty) : solver.MakeNumVar(0, 1, string.Empty);
                    tripVar[k][t] = y;
                    cover[t].SetCoefficient(y, 1);
                    Balance(s).SetCoefficient(y, -1);
                    Balance(e).SetCoefficient(y, 1);
                }

                if (keep.PullOuts[k][t])
                {
                    var x = integer ? solver.MakeBoolVar(string.Empty) : solver.MakeNumVar(0, 1, string.Empty);
                    outVar[k][t] = x;
                    objective.SetCoefficient(x, network.VehicleCost + depot.PullOutCost[t]);
                    Balance(s).SetCoefficient(x, 1);
                    vehicles[k].SetCoefficient(x, 1);
                }

                if (keep.PullIns[k][t])
                {
                    var x = integer ? solver.MakeBoolVar(string.Empty) : solver.MakeNumVar(0, 1, string.Empty);
                    inVar[k][t] = x;
                    objective.SetCoefficient(x, depot.PullInCost[t]);
                    Balance(e).SetCoefficient(x, -1);
                }
            }
        }
    }

    public MpSolver Solver { get; }

    /// <summary>
    /// Gives the solver a complete starting schedule: every variable its value in
    /// <paramref name="blocks"/> (0 when unused). Returns false, setting nothing, when a block
    /// uses a pull-out, pull-in, trip or direct trip-to-trip arc the model does not hold.
    /// </summary>
    public bool Hint(IEnumerable<VspBlock> blocks)
    {
        var arcOf = new Dictionary<(int Tail, int Head), int>();
        for (var t = 0; t < network.TripCount; t++)
        {
            var e = network.TripEnd[t];
            for (var a = network.OutStart[e]; a < network.OutStart[e + 1]; a++)
            {
                arcOf.TryAdd((e, network.ArcHead[a]), a);
            }
        }

        var value = new Dictionary<Variable, double>();
        var complete = true;
        void Add(Variable? x)
        {
            if (x is null)
            {
                complete = false;
                return;
            }

            value[x] = value.GetValueOrDefault(x) + 1;
        }

        foreach (var block in blocks)
        {
            var k = block.Depot;
            Add(outVar[k][block.Trips[0]]);
            Add(inVar[k][block.Trips[^1]]);
            for (var i = 0; i < block.Trips.Length; i++)
            {
                Add(tripVar[k][block.Trips[i]]);
                if (i > 0)
                {
                    Add(arcOf.TryGetValue((network.TripEnd[block.Trips[i - 1]], network.TripStart[block.Trips[i]]), out var a) ? arcVar[k][a] : null);
                }
            }
        }

        if (!complete)
        {
            return false;
        }

        var all = new[] { arcVar, outVar, inVar, tripVar }.SelectMany(g => g).SelectMany(r => r).OfType<Variable>().ToArray();
        Solver.SetHint(all, [.. all.Select(x => value.GetValueOrDefault(x))]);
        return true;
    }

    /// <summary>Adds "objective ≤ <paramref name="ceiling"/>" (a cutoff: only better schedules).</summary>
    public void CapObjective(long ceiling)
    {
        var cap = Solver.MakeConstraint(double.NegativeInfinity, ceiling, "cutoff");
        foreach (var group in new[] { arcVar, outVar, inVar })
        {
            foreach (var row in group)
            {
                foreach (var x in row)
                {
                    if (x is not null)
                    {
                        cap.SetCoefficient(x, objective.GetCoefficient(x));
                    }
                }
            }
        }
    }

    /// <summary>Solves as a MIP with a zero gap; blocks are null when no schedule was found.</summary>
    public (MpSolver.ResultStatus Status, List<VspBlock>? Blocks, long Cost, double BestBound) SolveMip(Stopwatch? clock = null, TimeSpan stopAt = default)
    {
        var (status, blocks, cost, bound) = SolveMipWithCosts(clock, stopAt);
        return (status, blocks?.Select(b => b.Block).ToList(), cost, bound);
    }

    /// <summary>
    /// As <see cref="SolveMip"/>, with each block's connection cost. With <paramref name="clock"/>,
    /// the solve is interrupted when it reaches <paramref name="stopAt"/> whatever the solver's own
    /// time limit says (SCIP's limit counts its search, not the time before it: measured, a 120 s
    /// solve ended at 153 s); the best schedule found by then is kept.
    /// </summary>
    public (MpSolver.ResultStatus Status, List<(VspBlock Block, long ConnectionCost)>? Blocks, long Cost, double BestBound) SolveMipWithCosts(Stopwatch? clock = null, TimeSpan stopAt = default)
    {
        using var parameters = MipParameters.ExactGap();
        var interrupt = clock is null ? null : new Timer(_ =>
        {
            if (clock.Elapsed >= stopAt)
            {
                Solver.InterruptSolve();
            }
        }, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        MpSolver.ResultStatus status;
        try
        {
            status = Solver.Solve(parameters);
        }
        finally
        {
            if (interrupt is not null)
            {
                // Wait for a callback in flight: the solver may be disposed right after.
                using var stopped = new ManualResetEvent(false);
                if (interrupt.Dispose(stopped))
                {
                    stopped.WaitOne();
                }
            }
        }

        if (status is not (MpSolver.ResultStatus.OPTIMAL or MpSolver.ResultStatus.FEASIBLE))
        {
            return (status, null, 0, status == MpSolver.ResultStatus.INFEASIBLE ? double.PositiveInfinity : objective.BestBound());
        }

        var n = network.TripCount;
        var blocks = new List<(VspBlock, long)>();
        for (var k = 0; k < network.Depots.Length; k++)
        {
            var flow = new long[network.ArcCount];
            for (var a = 0; a < flow.Length; a++)
            {
                flow[a] = arcVar[k][a] is { } x ? (long)Math.Round(x.SolutionValue()) : 0;
            }

            var pullOut = Enumerable.Range(0, n).Select(t => outVar[k][t] is { } x && x.SolutionValue() > 0.5).ToArray();
            var pullIn = Enumerable.Range(0, n).Select(t => inVar[k][t] is { } x && x.SolutionValue() > 0.5).ToArray();
            blocks.AddRange(FlowDecomposition.BlocksWithCost(network, k, pullOut, pullIn, flow));
        }

        return (status, blocks, (long)Math.Round(objective.Value()), objective.BestBound());
    }

    /// <summary>Solves as an LP; returns its value and the cover and depot duals (μ ≤ 0), or null.</summary>
    public (double Value, double[] Pi, double[] Mu)? SolveLp()
    {
        if (Solver.Solve() != MpSolver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        return (objective.Value(), [.. cover.Select(c => c.DualValue())], [.. vehicles.Select(c => Math.Min(0, c.DualValue()))]);
    }
}
