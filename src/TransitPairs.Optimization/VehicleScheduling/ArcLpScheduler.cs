using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Multiple-depot scheduling on the all-pairs network through the arc LP
/// (<see cref="ArcGenerationLp"/>): its value is the LP bound; three LP dives give schedules, and
/// a ladder of reduced-cost arc MIPs (<see cref="ReducedCostArcMip"/>) with the LP's duals raises
/// the bound rung by rung until one holds the optimum or SCIP does not finish one. Every stage is a
/// fixed sequence of work the clock only stops, so a longer limit repeats a shorter one's work and
/// then does more (docs/vehicle-blocks.md: what that guarantees). A primal side that does not wait for the LP: the
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

    /// <summary>
    /// Fewest variables of the arc MIP's first rung (smaller arc sets are merged into it). Measured on
    /// m4n500s3: 4,531 variables (schedules up to the LP value + 40) proven optimal by SCIP in 24 s.
    /// </summary>
    private const int FirstRungVariables = 2_000;

    /// <summary>
    /// How a rung's time is taken to grow with its variables, to decide whether the next fits in
    /// the time left: the last rung's seconds × (its variables ratio)^this. A guess on the safe side
    /// of what was measured (m4n500s3: 4,531 variables proven in 24 s, 10,332 in 44 s).
    /// </summary>
    private const double RungGrowth = 2;

    /// <summary>
    /// The LP dives, in order: the share of the fractional trips each rounds per round (coarse
    /// first: a schedule early; finer: slower, often cheaper). Measured with the <c>arc-lp</c> probe.
    /// </summary>
    private static readonly double[] DiveShares = [0.5, 0.25, 0.1];

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
        var winner = "super-depot flow";

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

        // LP dives, coarse to fine. Each is a fixed sequence of steps (no step depends on the clock),
        // so a longer limit runs the same dives as a shorter one and then more; a dive the clock cuts
        // gives nothing (completing it where it stopped would give a schedule a longer run never sees).
        var dives = 0;
        for (var d = 0; d < DiveShares.Length && relaxation is not null && incumbent?.Cost != bound && limit - clock.Elapsed > rounding; d++)
        {
            var dived = lp.Dive(clock, limit - rounding, DiveShares[d]);
            if (dived is null && clock.Elapsed >= limit - rounding)
            {
                if (dives == 0 && lp.DiveAssignment is { } partial
                    && DepotReassignment.FromAssignment(network, partial, clock, limit - (rounding / 2)) is { } completed)
                {
                    // No dive finished (a large LP that converged late): where the first one got to
                    // (fixed trips, the rest by LP share), scheduled exactly. The one schedule a
                    // longer run need not repeat; on the pepin2009 instances the first dive finished
                    // at every limit from 30 s.
                    Offer(string.Create(CultureInfo.InvariantCulture, $"LP dive 1 cut after {lp.DiveRounds} roundings, completed"), completed);
                }

                break;
            }

            dives += dived is null ? 0 : 1;
            var source = string.Create(CultureInfo.InvariantCulture, $"LP dive {d + 1} ({lp.DiveRounds} roundings)");
            Offer(source, dived);
            if (dived is { } done)
            {
                // Block moves on the dive's own schedule (fixed input, a descent): measured on m8n500s0,
                // 1,292,548 after the first dive, 1,292,403 after its block moves.
                Offer(source + " + block moves", DepotReassignment.ImproveWhileCheaper(network, done, clock, limit - rounding));
            }
        }

        if (dives > 0)
        {
            method += string.Create(CultureInfo.InvariantCulture, $" + LP dives ({dives} of {DiveShares.Length})");
        }

        // The arc MIP's ladder: reduced-cost arc sets of schedules up to the LP value + δ, δ doubling
        // (each small enough for SCIP to answer), the last one up to the incumbent (a proof).
        var primalStopped = false;
        var mipLatest = limit - Scale(limit, BudgetShares.ArcMipLeastLeft) - TimeSpan.FromSeconds(1);
        var ladder = relaxation is { Converged: true } && incumbent is { } held && held.Cost > bound && clock.Elapsed < mipLatest
            ? ReducedCostArcMip.Ladder(network, relaxation.Pi, relaxation.Mu, relaxation.Value, held.Cost, MaxMipVariables, FirstRungVariables)
            : [];

        // No arc MIP to come: the primal side has the rest of the limit (its own deadline), instead of
        // the solve ending with it unused. With one the dives go on beside it (they only improve with
        // steps, and SCIP may have no answer by the limit: their schedule is then what the rest gave).
        var rest = limit - EndMargin(limit) - clock.Elapsed;
        if (ladder.Count == 0 && incumbent?.Cost != bound && rest > TimeSpan.Zero)
        {
            primalTask?.Wait(rest);
        }

        if (ladder.Count == 0)
        {
            StopPrimal();
        }

        if (relaxation is { Converged: true } && incumbent is null
            && limit - clock.Elapsed > TimeSpan.FromSeconds(1) + Scale(limit, BudgetShares.ArcMipLeastLeft))
        {
            // No schedule at all: the arc MIP over every arc that can be in one, if it is small enough (it decides feasibility).
            ladder = [long.MaxValue];
        }

        var margin = EndMargin(limit);
        var rungs = 0;
        (double Seconds, int Variables)? previous = null;
        foreach (var rung in ladder)
        {
            // SCIP gets arc sets of at most MaxMipVariables (a larger one takes seconds to build alone)
            // and is interrupted at the limit less a margin; its answer is not waited for past half
            // the margin (SCIP answered an interruption up to 8 s late, and building the model is
            // not interruptible), so the solve returns before the limit whatever SCIP does.
            var ceiling = Math.Min(rung, incumbent?.Cost ?? long.MaxValue);
            if (incumbent?.Cost == bound || ceiling <= bound || limit - clock.Elapsed <= TimeSpan.FromSeconds(1) + Scale(limit, BudgetShares.ArcMipLeastLeft))
            {
                break;
            }

            // A rung that would not fit in the time left is not started (the dives have that time): SCIP
            // would be interrupted with nothing learnt, and it answers an interruption late.
            var left = (limit - margin - clock.Elapsed).TotalSeconds;
            if (previous is { } last)
            {
                var variables = ReducedCostArcMip.KeptVariables(network, relaxation!.Pi, relaxation.Mu, relaxation.Value, ceiling);
                var needed = Math.Max(1, last.Seconds) * Math.Pow((double)variables / last.Variables, RungGrowth);
                if (needed > left)
                {
                    method += string.Create(CultureInfo.InvariantCulture, $" + arc MIP rung {rungs + 1} ({variables} variables) not started: about {needed:0} s needed, {left:0} s left");
                    break;
                }
            }

            rungs++;
            var rungStarted = clock.Elapsed;
            var closing = ReducedCostArcMip.Solve(network, relaxation!.Pi, relaxation.Mu, relaxation.Value, ceiling, clock, limit - margin, options.Threads, options.Seed, MaxMipVariables, grace: margin / 2);
            if (closing is null)
            {
                break;
            }

            var rungSeconds = (clock.Elapsed - rungStarted).TotalSeconds;
            previous = (rungSeconds, closing.KeptArcs);
            var what = string.Create(CultureInfo.InvariantCulture, $"reduced-cost arc MIP {rungs} ({closing.KeptArcs} variables, below {ceiling}, {rungSeconds:0.#} s)");
            if (closing.Abandoned)
            {
                method += string.Create(CultureInfo.InvariantCulture, $" + {what}, no answer by the limit");
                break;
            }

            method += " + " + what;
            if (closing.Blocks is not null && closing.Cost < (incumbent?.Cost ?? long.MaxValue))
            {
                Offer(what, (closing.Blocks.Select(b => (b, ConnectionCost(network, b))).ToList(), closing.Cost));
            }
            else if (incumbent is null && closing.Proven)
            {
                StopPrimal();
                return new VspSolution(SolveStatus.Infeasible, [], 0, 0, clock.Elapsed, method);
            }

            // A finished rung either holds the optimum (every cheaper schedule is in its arc set) or
            // proves every schedule costs at least its ceiling; an unfinished one ends the ladder.
            bound = Math.Max(bound, closing.LowerBound);
            if (!closing.Proven)
            {
                break;
            }
        }

        // The ladder ended with time left (a rung would not fit in it): the dives have that time.
        rest = limit - EndMargin(limit) - clock.Elapsed;
        if (!primalStopped && incumbent?.Cost != bound && rest > TimeSpan.Zero)
        {
            primalTask?.Wait(rest);
        }

        StopPrimal();

        if (incumbent is not { } result)
        {
            return new VspSolution(SolveStatus.NoSolutionFound, [], 0, (decimal)bound / network.CostScale, clock.Elapsed, method);
        }

        method += "; best: " + winner;

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
            if (primal.Latest is { } latest && (incumbent is null || latest.Schedule.Cost < incumbent.Value.Cost))
            {
                incumbent = latest.Schedule;
                winner = latest.Source;
            }
        }

        // A schedule from the LP at once: each trip to the depot with its largest share, each depot
        // scheduled exactly, then block moves (well under the dive's time, which may be minutes).
        void RoundLp()
        {
            // An LP the clock stopped is rounded only when no dives run beside it (where it stopped
            // depends on the limit; with the dives beside, every schedule taken comes from work a
            // longer limit repeats).
            if (relaxation is null || incumbent?.Cost == bound || (!relaxation.Converged && options.Threads >= 2 && primalTask is not null))
            {
                return;
            }

            TakePrimal();
            var depotOf = ArcGenerationLp.LargestShares(relaxation.Shares);
            var rounded = DepotReassignment.FromAssignment(network, depotOf, clock, clock.Elapsed + rounding);
            if (Offer("LP rounding", rounded))
            {
                method += " + LP rounding";
            }
        }

        // Takes a stage's schedule when it is cheaper than the incumbent, and notes where it came from.
        bool Offer(string source, (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? candidate)
        {
            if (candidate is not { } c)
            {
                return false;
            }

            if (incumbent is not null && c.Cost >= incumbent.Value.Cost)
            {
                return false;
            }

            incumbent = c;
            winner = string.Create(CultureInfo.InvariantCulture, $"{source} at {clock.Elapsed.TotalSeconds:0.0} s");
            return true;
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
        private ((List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Schedule, string Source)? latest;
        private LagrangeanDepotHeuristic? search;

        /// <summary>Done once the first schedule is published (or the side stopped without one).</summary>
        public Task FirstSchedule => firstSchedule.Task;

        /// <summary>The cheapest schedule published so far, and which stage of this side found it when.</summary>
        public ((List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Schedule, string Source)? Latest
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
                Publish(first, "super-depot flow");
                firstSchedule.TrySetResult();
                search = LagrangeanDepotHeuristic.Run(network, first, clock, deadline, onImproved: s => Publish(s.Best, string.Create(CultureInfo.InvariantCulture, $"Lagrangean dives (step {s.Steps})")), cancel: cancel, maxDives: dives);
            }
            finally
            {
                firstSchedule.TrySetResult();
            }
        }

        public string Describe() => search is null ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" + Lagrangean dives ({search.Steps} steps, {search.Improvements} better schedules)");

        private void Publish((List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) schedule, string source)
        {
            lock (gate)
            {
                if (latest is null || schedule.Cost < latest.Value.Schedule.Cost)
                {
                    latest = (schedule, string.Create(CultureInfo.InvariantCulture, $"{source} at {clock.Elapsed.TotalSeconds:0.0} s"));
                }
            }
        }
    }
}
