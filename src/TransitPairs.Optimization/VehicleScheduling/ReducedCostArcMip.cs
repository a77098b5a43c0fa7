using System.Diagnostics;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Closes the gap left by column generation: with the optimal LP duals (π per trip, μ per depot),
/// every schedule costs at least <c>z_LP + Σ reduced costs of its blocks</c>, and every block
/// through an arc has reduced cost at least <c>forward(tail) + cost + backward(head)</c>. An arc
/// whose best block already costs more than <c>incumbent − 1 − z_LP</c> cannot be in a better
/// schedule (reduced-cost fixing; costs are integers), so the multi-commodity flow MIP over the
/// remaining arcs, with the objective capped at incumbent − 1, either finds a better schedule or
/// proves the incumbent optimal. Its best bound is a valid global bound as well.
/// </summary>
internal static class ReducedCostArcMip
{
    /// <summary>
    /// Outcome: a better schedule (or null) and a global lower bound; Proven when the MIP finished;
    /// Abandoned when SCIP gave no answer by the deadline and its grace (nothing learnt then).
    /// </summary>
    public sealed record Outcome(List<VspBlock>? Blocks, long Cost, long LowerBound, bool Proven, int KeptArcs, bool Abandoned = false);

    /// <summary>Above this many arc variables the MIP is not attempted (unless the caller sets its own limit).</summary>
    public const int MaxVariables = 150_000;

    /// <summary>
    /// The MIP over the arcs reduced-cost fixing leaves, stopped at <paramref name="deadline"/> on
    /// <paramref name="clock"/> (building the model included); null when too many arcs are left or
    /// no time is left once it is built; Abandoned when (with <paramref name="grace"/>) no answer
    /// came by <paramref name="deadline"/> + <paramref name="grace"/>.
    /// </summary>
    public static Outcome? Solve(ConnectionNetwork network, double[] pi, double[] mu, double lpValue, long incumbent, Stopwatch clock, TimeSpan deadline, int threads, int seed, int maxVariables = MaxVariables, TimeSpan? grace = null)
    {
        var (keep, kept) = Fixing(network, pi, mu, lpValue, incumbent);
        return kept > maxVariables ? null : SolveKept(network, keep, kept, incumbent, clock, deadline, threads, seed, grace);
    }

    /// <summary>
    /// The MIP over the arcs of <paramref name="keep"/> (a reduced-cost fixing for schedules cheaper
    /// than <paramref name="incumbent"/>), objective capped at incumbent − 1. SCIP is interrupted at
    /// <paramref name="deadline"/>; model building and SCIP's answer to the interruption (which may
    /// come seconds late, e.g. inside its root LP) run on a worker; with a <paramref name="grace"/>
    /// it is not waited for past <paramref name="deadline"/> + grace: then the outcome is Abandoned
    /// and the worker is left to finish and free its model on its own (null: waited for).
    /// </summary>
    private static Outcome? SolveKept(ConnectionNetwork network, CompactFlowModel.Keep keep, int kept, long incumbent, Stopwatch clock, TimeSpan deadline, int threads, int seed, TimeSpan? grace)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (deadline - clock.Elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        var work = Task.Run(() =>
        {
            using var mip = MpSolver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
            var model = new CompactFlowModel(mip, network, keep, integer: true, threads, seed);
            var timeLimit = deadline - clock.Elapsed;
            if (timeLimit <= TimeSpan.Zero)
            {
                return null;
            }

            model.Solver.SetTimeLimit(Math.Max(1, (long)timeLimit.TotalMilliseconds));
            if (incumbent != long.MaxValue)
            {
                model.CapObjective(incumbent - 1);
            }

            var (status, blocks, cost, bestBound) = model.SolveMip(clock, deadline);
            if (status == MpSolver.ResultStatus.INFEASIBLE)
            {
                return new Outcome(null, incumbent, incumbent, Proven: true, kept);
            }

            if (blocks is null)
            {
                // Time ran out without a better schedule; SCIP's bound still holds for any better one.
                var unproven = Math.Min(incumbent, (long)Math.Ceiling(bestBound - 1e-6));
                return new Outcome(null, incumbent, unproven, Proven: false, kept);
            }

            var bound = status == MpSolver.ResultStatus.OPTIMAL ? cost : (long)Math.Ceiling(bestBound - 1e-6);
            return (Outcome?)new Outcome(blocks, cost, bound, status == MpSolver.ResultStatus.OPTIMAL, kept);
        });
        if (grace is not { } extra)
        {
            return work.GetAwaiter().GetResult();
        }

        var wait = deadline + extra - clock.Elapsed;
        return work.Wait(wait > TimeSpan.Zero ? wait : TimeSpan.Zero) ? work.Result
            : new Outcome(null, incumbent, long.MinValue, Proven: false, kept, Abandoned: true);
    }

    /// <summary>
    /// The ceilings of a ladder of arc MIPs below <paramref name="incumbent"/>: schedules costing at
    /// most the LP value + δ, δ = 16, 32, 64, … (each ceiling is the value the MIP's schedules must
    /// stay below), the last the incumbent itself. Each rung's arc set holds every schedule under its
    /// ceiling, so a rung SCIP finishes either gives the optimum or proves every schedule costs at
    /// least its ceiling. Rungs with fewer than <paramref name="fewest"/> variables are left out (the
    /// next holds them), and so are those with more than <paramref name="most"/>. Depends on the
    /// duals and the incumbent only, not on the clock.
    /// </summary>
    public static List<long> Ladder(ConnectionNetwork network, double[] pi, double[] mu, double lpValue, long incumbent, int most, int fewest)
    {
        var ceilings = new List<long>();
        for (var delta = 16L; ; delta *= 2)
        {
            var ceiling = Math.Min(incumbent, (long)Math.Floor(lpValue + 1e-6) + delta + 1);
            var kept = KeptVariables(network, pi, mu, lpValue, ceiling);
            if (kept > most)
            {
                break;
            }

            if (kept >= fewest || ceiling == incumbent)
            {
                ceilings.Add(ceiling);
            }

            if (ceiling == incumbent)
            {
                break;
            }
        }

        return ceilings;
    }

    /// <summary>
    /// How many variables the MIP would have for a schedule cheaper than <paramref name="incumbent"/>
    /// (a few milliseconds: shortest paths per depot): the nearer the incumbent to the LP value, the fewer.
    /// </summary>
    public static int KeptVariables(ConnectionNetwork network, double[] pi, double[] mu, double lpValue, long incumbent) =>
        Fixing(network, pi, mu, lpValue, incumbent).Kept;

    /// <summary>The arcs, pull-outs, pull-ins and trips reduced-cost fixing keeps at each depot, and how many.</summary>
    private static (CompactFlowModel.Keep Keep, int Kept) Fixing(ConnectionNetwork network, double[] pi, double[] mu, double lpValue, long incumbent)
    {
        var n = network.TripCount;
        var m = network.Depots.Length;
        // Reduced cost a block may have in a better schedule (no limit without an incumbent).
        var slack = incumbent == long.MaxValue ? double.PositiveInfinity : incumbent - 1 - lpValue + 1e-4;
        var tripOfStart = network.TripOfStart;

        var keepArc = new bool[m][];
        var keepOut = new bool[m][];
        var keepIn = new bool[m][];
        var keepTrip = new bool[m][];
        var kept = 0;
        for (var k = 0; k < m; k++)
        {
            var (forward, backward) = Distances(network, k, pi, mu[k], tripOfStart);
            var depot = network.Depots[k];
            keepArc[k] = new bool[network.ArcCount];
            keepOut[k] = new bool[n];
            keepIn[k] = new bool[n];
            keepTrip[k] = new bool[n];
            for (var v = 0; v < network.NodeCount; v++)
            {
                for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
                {
                    keepArc[k][a] = forward[v] + network.ArcCost[a] + backward[network.ArcHead[a]] <= slack;
                    kept += keepArc[k][a] ? 1 : 0;
                }
            }

            for (var t = 0; t < n; t++)
            {
                var s = network.TripStart[t];
                var e = network.TripEnd[t];
                keepTrip[k][t] = forward[e] + backward[e] <= slack;
                keepOut[k][t] = depot.PullOutCost[t] >= 0 && network.VehicleCost + depot.PullOutCost[t] - mu[k] + backward[s] <= slack;
                keepIn[k][t] = depot.PullInCost[t] >= 0 && forward[e] + depot.PullInCost[t] <= slack;
                kept += (keepTrip[k][t] ? 1 : 0) + (keepOut[k][t] ? 1 : 0) + (keepIn[k][t] ? 1 : 0);
            }
        }

        return (new CompactFlowModel.Keep(keepArc, keepOut, keepIn, keepTrip), kept);
    }

    /// <summary>Least reduced cost from depot k to each node (forward) and from each node back to depot k (backward).</summary>
    private static (double[] Forward, double[] Backward) Distances(ConnectionNetwork network, int k, double[] pi, double muK, int[] tripOfStart)
    {
        var depot = network.Depots[k];
        var nodes = network.NodeCount;
        var forward = new double[nodes];
        var backward = new double[nodes];
        Array.Fill(forward, double.PositiveInfinity);
        Array.Fill(backward, double.PositiveInfinity);
        for (var t = 0; t < network.TripCount; t++)
        {
            if (depot.PullOutCost[t] >= 0)
            {
                forward[network.TripStart[t]] = network.VehicleCost + depot.PullOutCost[t] - muK;
            }

            if (depot.PullInCost[t] >= 0)
            {
                backward[network.TripEnd[t]] = depot.PullInCost[t];
            }
        }

        for (var v = 0; v < nodes; v++)
        {
            var trip = tripOfStart[v];
            if (trip >= 0)
            {
                var e = network.TripEnd[trip];
                forward[e] = Math.Min(forward[e], forward[v] - pi[trip]);
                continue;
            }

            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                var h = network.ArcHead[a];
                forward[h] = Math.Min(forward[h], forward[v] + network.ArcCost[a]);
            }
        }

        for (var v = nodes - 1; v >= 0; v--)
        {
            var trip = tripOfStart[v];
            if (trip >= 0)
            {
                backward[v] = Math.Min(backward[v], backward[network.TripEnd[trip]] - pi[trip]);
                continue;
            }

            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                backward[v] = Math.Min(backward[v], network.ArcCost[a] + backward[network.ArcHead[a]]);
            }
        }

        return (forward, backward);
    }
}
