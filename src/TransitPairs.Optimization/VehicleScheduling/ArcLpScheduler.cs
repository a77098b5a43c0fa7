using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Multiple-depot scheduling on the all-pairs network through the arc LP
/// (<see cref="ArcGenerationLp"/>): its value is the LP bound; an LP dive gives a schedule,
/// block moves between depots (<see cref="DepotReassignment"/>) improve it, and the reduced-cost
/// arc MIP (<see cref="ReducedCostArcMip"/>) with the LP's duals proves it optimal or improves it
/// when the remaining arc set is small enough. A primal side that does not wait for the LP: the
/// super-depot flow with its blocks given depots, then Lagrangean dives
/// (<see cref="LagrangeanDepotHeuristic"/>) beside the LP on a second worker (with one worker,
/// before it), so that a short limit or a slow LP still ends with a good schedule; the answer is
/// the best schedule any stage found. Null only when the arc LP does not converge in its share of the time and no first
/// schedule exists (depot limits too tight for it): the caller then uses column generation.
/// </summary>
internal static class ArcLpScheduler
{
    /// <summary>
    /// Each trip's cheapest connections (each way) every depot starts with. Measured with the
    /// <c>arc-lp</c> probe (benchmarks/README.md): 2 converges m8n500s0's LP in 12 s CPU, 1 in 12 s
    /// with more solves, 4 in 15 s, 8 in 17 s.
    /// </summary>
    private const int StartConnections = 2;

    private const double LpShare = BudgetShares.ArcLp;

    private const double SearchShare = BudgetShares.ArcLpBlockMoves;

    private const double FirstScheduleShare = BudgetShares.MultiDepotFirstSchedule;

    /// <summary>Lagrangean dives before the LP when one worker does both (the LP then gets its turn).</summary>
    private const int SingleWorkerDives = 2;

    /// <summary>
    /// Largest reduced-cost arc MIP tried. Measured on m4n500s0 (shared 2-core machine): SCIP with
    /// 91,000 variables found nothing in 125 s; the 36 small instances need a few thousand.
    /// </summary>
    private const int MaxMipVariables = 30_000;

    public static bool Applies(ConnectionNetwork network) => SparseFlowImprovement.Applies(network) && network.Depots.Length > 1;

    public static VspSolution? Solve(ConnectionNetwork network, VspOptions options, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var limit = options.TimeLimit;
        var start = SuperDepotStart.Build(network, fits: null);
        if (start is null)
        {
            return new VspSolution(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, "arc LP (no super-depot flow covers the trips)");
        }

        (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? incumbent = null;
        var method = "super-depot flow";

        // The primal side (block moves from the super-depot flow, then Lagrangean dives) does not
        // wait for the LP: with a second worker it runs beside the LP and its dive until the final
        // stages, publishing every cheaper schedule; with one, before the LP, in a share of the limit.
        var primal = new PrimalSide(network, start, clock);
        _ = network.TripOfStart;
        using var stopPrimal = new CancellationTokenSource();
        var primalTask = !start.Complete ? null
            : options.Threads >= 2 ? Task.Run(() => primal.Run(limit - EndMargin(limit), int.MaxValue, stopPrimal.Token))
            : Task.Run(() => primal.Run(Scale(limit, FirstScheduleShare), SingleWorkerDives, stopPrimal.Token));
        if (options.Threads < 2)
        {
            primalTask?.GetAwaiter().GetResult();
        }

        using var lp = new ArcGenerationLp(network, StartArcs(network, start.Blocks.Select(b => b.Block)));
        var relaxation = lp.Converge(clock, Scale(limit, LpShare));
        if (primalTask is not null)
        {
            primal.FirstSchedule.GetAwaiter().GetResult();
            TakePrimal();
        }

        if (relaxation is not { Converged: true } && incumbent is null)
        {
            return null;
        }

        var bound = start.Bound;
        var rounding = Scale(limit, SearchShare);
        RoundLp();
        if (relaxation is not { Converged: true })
        {
            // A schedule is at hand, so the LP may go on: its bound and its dive are what close the gap.
            relaxation = lp.Converge(clock, limit - rounding) ?? relaxation;
            RoundLp();
        }

        if (relaxation is { Converged: true })
        {
            bound = Math.Max(bound, (long)Math.Ceiling(relaxation.Value - 1e-6 - (Math.Abs(relaxation.Value) * 1e-9)));
            method += string.Create(CultureInfo.InvariantCulture, $"; arc LP ({relaxation.Rounds} solves, {relaxation.Arcs} arcs, {clock.Elapsed.TotalSeconds:0.#} s)");
        }
        else
        {
            // Not converged: its duals still give a valid bound (Lagrangean pricing), near the LP bound late on.
            if (relaxation is not null && !double.IsNegativeInfinity(relaxation.DualBound))
            {
                bound = Math.Max(bound, (long)Math.Ceiling(relaxation.DualBound - 1e-6 - (Math.Abs(relaxation.DualBound) * 1e-9)));
            }

            method += string.Create(CultureInfo.InvariantCulture, $"; arc LP not converged in {clock.Elapsed.TotalSeconds:0.#} s");
        }

        TakePrimal();
        if (relaxation is not null && incumbent?.Cost != bound && limit - clock.Elapsed > rounding)
        {
            var dived = lp.Dive(clock, limit - rounding);
            if (dived is null && lp.DiveAssignment is { } partial)
            {
                // Out of time mid-dive: schedule where it had got to (fixed trips, the rest by share).
                dived = DepotReassignment.FromAssignment(network, partial, clock, limit - (rounding / 2));
            }

            if (dived is { } d && (incumbent is null || d.Cost < incumbent.Value.Cost))
            {
                incumbent = d;
                method += " + LP dive";
            }
        }

        // The arc MIP needs an incumbent near the LP bound (else its arc set is too large to try):
        // until there is one the primal side goes on, instead of the solve ending early with time left.
        var mipLatest = limit - Scale(limit, BudgetShares.ArcMipLeastLeft) - TimeSpan.FromSeconds(1);
        var mipFits = false;
        var primalStopped = false;
        while (relaxation is { Converged: true } && primalTask is { IsCompleted: false } && clock.Elapsed < mipLatest)
        {
            TakePrimal();
            if (incumbent is { } now && (now.Cost <= bound
                || ReducedCostArcMip.KeptVariables(network, relaxation.Pi, relaxation.Mu, relaxation.Value, now.Cost) <= MaxMipVariables))
            {
                mipFits = true;
                break;
            }

            primalTask.Wait(TimeSpan.FromMilliseconds(250));
        }

        // No arc MIP to come (LP not converged, or its arc set still too large): the primal side
        // has the rest of the limit (its own deadline), instead of the solve ending with it unused.
        var rest = limit - EndMargin(limit) - clock.Elapsed;
        if (!mipFits && incumbent?.Cost != bound && rest > TimeSpan.Zero)
        {
            primalTask?.Wait(rest);
        }

        // With an arc MIP to come the dives go on beside it (they only improve with steps, and SCIP
        // often has no answer by the limit: then their schedule is what the rest of the limit gave).
        if (!mipFits)
        {
            StopPrimal();
        }

        if (incumbent is { } current && current.Cost > bound)
        {
            var moved = DepotReassignment.Improve(network, current.Blocks.Select(b => b.Block), clock, limit);
            if (moved.Cost < current.Cost)
            {
                incumbent = moved;
                method += " + block moves";
            }
        }

        if (relaxation is { Converged: true } && (incumbent is null || incumbent.Value.Cost > bound)
            && limit - clock.Elapsed > TimeSpan.FromSeconds(1) + Scale(limit, BudgetShares.ArcMipLeastLeft))
        {
            // SCIP gets arc sets of at most MaxMipVariables (a larger one takes seconds to build alone)
            // and is interrupted at the limit less a margin; its answer is not waited for past half
            // the margin (SCIP answered an interruption up to 8 s late, and building the model is
            // not interruptible), so the solve returns before the limit whatever SCIP does.
            var ceiling = incumbent?.Cost ?? long.MaxValue;
            var margin = EndMargin(limit);
            var closing = ReducedCostArcMip.Solve(network, relaxation.Pi, relaxation.Mu, relaxation.Value, ceiling, clock, limit - margin, options.Threads, options.Seed, MaxMipVariables, grace: margin / 2);
            if (closing is { Abandoned: true })
            {
                method += string.Create(CultureInfo.InvariantCulture, $" + reduced-cost arc MIP ({closing.KeptArcs} variables, no answer by the limit)");
            }
            else if (closing is not null)
            {
                method += string.Create(CultureInfo.InvariantCulture, $" + reduced-cost arc MIP ({closing.KeptArcs} variables)");
                if (closing.Blocks is not null && closing.Cost < ceiling)
                {
                    incumbent = (closing.Blocks.Select(b => (b, ConnectionCost(network, b))).ToList(), closing.Cost);
                }
                else if (incumbent is null && closing.Proven)
                {
                    StopPrimal();
                    return new VspSolution(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, method);
                }

                bound = Math.Max(bound, closing.LowerBound);
            }
        }

        StopPrimal();

        if (incumbent is not { } result)
        {
            return new VspSolution(SolveStatus.NoSolutionFound, [], 0, (decimal)bound / network.CostScale, clock.Elapsed, method);
        }

        var lower = Math.Min(bound, result.Cost);
        var blocks = result.Blocks.Select(b => b.Block).OrderBy(b => network.TripStart[b.Trips[0]]).ThenBy(b => b.Depot).ToImmutableArray();
        return new VspSolution(
            result.Cost == lower ? SolveStatus.Optimal : SolveStatus.Feasible,
            blocks,
            (decimal)result.Cost / network.CostScale,
            (decimal)lower / network.CostScale,
            clock.Elapsed,
            method);

        // Ends the primal side (once) and takes its last schedule, bound and description.
        void StopPrimal()
        {
            if (primalStopped)
            {
                return;
            }

            primalStopped = true;
            stopPrimal.Cancel();
            primalTask?.GetAwaiter().GetResult();
            TakePrimal();
            bound = Math.Max(bound, primal.Bound);
            method += primal.Describe();
        }

        // The primal side's latest schedule, when it is cheaper than the incumbent.
        void TakePrimal()
        {
            if (primal.Latest is { } latest && (incumbent is null || latest.Cost < incumbent.Value.Cost))
            {
                incumbent = latest;
            }
        }

        // A schedule from the LP at once: each trip to the depot with its largest share, each depot
        // scheduled exactly, then block moves (well under the dive's time, which may be minutes).
        void RoundLp()
        {
            if (relaxation is null || incumbent?.Cost == bound)
            {
                return;
            }

            TakePrimal();
            var depotOf = ArcGenerationLp.LargestShares(relaxation.Shares);
            var rounded = DepotReassignment.FromAssignment(network, depotOf, clock, clock.Elapsed + rounding);
            if (rounded is { } r && (incumbent is null || r.Cost < incumbent.Value.Cost))
            {
                incumbent = r;
                method += " + LP rounding";
            }
        }
    }

    private static TimeSpan Scale(TimeSpan limit, double share) => TimeSpan.FromTicks((long)(limit.Ticks * share));

    /// <summary>What the last stages leave of the limit: 5 % of it, at most 2 s (the arc MIP's answer is not waited for past half of it).</summary>
    private static TimeSpan EndMargin(TimeSpan limit) => TimeSpan.FromSeconds(Math.Min(2, 0.05 * limit.TotalSeconds));

    /// <summary>Each trip's cheapest connections each way, and every connection of the first schedule (so the LP can hold it).</summary>
    internal static bool[] StartArcs(ConnectionNetwork network, IEnumerable<VspBlock> schedule, int connections = StartConnections)
    {
        var keep = SparseFlowImprovement.CheapestConnections(network, connections);
        SparseFlowImprovement.MarkConnections(network, schedule, keep);
        return keep;
    }

    private static long ConnectionCost(ConnectionNetwork network, VspBlock block)
    {
        long cost = 0;
        for (var i = 1; i < block.Trips.Length; i++)
        {
            cost += network.ArcCost[SparseFlowImprovement.Connection(network, block.Trips[i - 1], block.Trips[i]) ?? throw new InvalidOperationException("A block uses a connection the network does not have.")];
        }

        return cost;
    }

    private static long TotalCost(ConnectionNetwork network, IEnumerable<(VspBlock Block, long ConnectionCost)> blocks) =>
        blocks.Sum(b => network.BlockCost(b.Block.Depot, b.Block.Trips[0], b.Block.Trips[^1], b.ConnectionCost));

    /// <summary>
    /// The primal side of the multiple-depot solve: the super-depot flow's blocks at their cheapest
    /// depots (the first schedule, at once), then Lagrangean dives (<see cref="LagrangeanDepotHeuristic"/>) until told
    /// to stop; every cheaper schedule is published for the other worker to take.
    /// </summary>
    private sealed class PrimalSide(ConnectionNetwork network, SuperDepotStart.Start start, Stopwatch clock)
    {
        private readonly Lock gate = new();
        private readonly TaskCompletionSource firstSchedule = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? latest;
        private LagrangeanDepotHeuristic? search;

        /// <summary>Done once the first schedule is published (or the side stopped without one).</summary>
        public Task FirstSchedule => firstSchedule.Task;

        public (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? Latest
        {
            get
            {
                lock (gate)
                {
                    return latest;
                }
            }
        }

        /// <summary>The best Lagrangean value reached (a lower bound), once the side has stopped.</summary>
        public long Bound => search?.BestBound ?? long.MinValue;

        public void Run(TimeSpan deadline, int dives, CancellationToken cancel)
        {
            try
            {
                var first = start.Schedule(network);
                Publish(first);
                firstSchedule.TrySetResult();
                search = LagrangeanDepotHeuristic.Run(network, first, clock, deadline, onImproved: s => Publish(s.Best), cancel: cancel, maxDives: dives);
            }
            finally
            {
                firstSchedule.TrySetResult();
            }
        }

        public string Describe() => search is null ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" + Lagrangean dives ({search.Steps} steps, {search.Improvements} better schedules)");

        private void Publish((List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) schedule)
        {
            lock (gate)
            {
                if (latest is null || schedule.Cost < latest.Value.Cost)
                {
                    latest = schedule;
                }
            }
        }
    }
}
