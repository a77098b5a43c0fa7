using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Battery blocks at line and city sizes: constructive plans (<see cref="GreedyBatteryPlan"/>, its
/// rules, and <see cref="BlockByBlockPlan"/> on corridor days) as start and fallback, column generation over blocks (<see cref="BlockMasterLp"/> priced by
/// <see cref="BlockPricing"/>) for a fleet bound of its own and better columns, then integer blocks
/// by CP-SAT over the columns (<see cref="BlockSelection"/>) hinted with the best plan.
/// </summary>
internal static class BlockColumnGeneration
{
    /// <summary>Columns the LP takes at least this much of are fixed together in one diving step.</summary>
    private const double FixAbove = 0.9;

    /// <summary>Connections tried from each trip in the cheap pricing rounds (the earliest half, the rest spread over the next hours).</summary>
    private const int HeuristicSuccessors = 40;

    /// <summary>Every this many rounds of column generation, one exact round for the bound.</summary>
    private const int ExactEvery = 8;

    /// <summary>Pricing rounds between two diving steps.</summary>
    private const int RoundsPerFix = 2;

    /// <summary>Columns added per slot and pricing round (different last trips): at least this many, or half the trips.</summary>
    private const int ColumnsPerRound = 60;

    /// <summary>Columns the LP sees per trip before those far from entering are hidden (<see cref="BlockMasterLp.Hide"/>): the re-solves stay fast on big days.</summary>
    private const int VisibleColumnsPerTrip = 8;

    /// <summary>Reduced cost above which a column at 0 is hidden from the LP.</summary>
    private const double HideAboveReducedCost = 0.1;

    /// <summary>Big days: a cheap pricing round that adds fewer than this share of a round's columns is followed by an exact one: late in column generation the cheap rounds miss the columns the exact search finds (1,000 trips: 11 columns at −0.004 against 364 at −0.058).</summary>
    private const double FewColumnsShare = 0.1;

    /// <summary>
    /// Share of the pricing budget with the box on big days; column generation then goes on without it (every hidden column
    /// shown again) so that the integer stage starts from the master's own LP: at 1,000 trips the boxed columns alone left
    /// the unboxed LP at 173.3 (with the columns hidden inside the box, 246 with 41.6 trips uncovered), against 170.1–170.5
    /// after the unboxed rounds. The bound is set by then (the box's exact rounds reach 167 within about 30 s).
    /// </summary>
    private const double BoxShareOfPricing = 0.6;

    /// <summary>Big days (the box's): the integer stage's LP keeps the columns the LP uses and then those of least reduced cost, this many per trip (re-solves in a dive step fall from about 5 s to under 1 s at 1,000 trips).</summary>
    private const int DiveColumnsPerTrip = 6;

    /// <summary>Columns CP-SAT chooses among per trip (<see cref="SelectionCandidates"/>: every column an LP used, then least reduced cost), so that its model stays small on big days: CP-SAT proves its choice within a few seconds at 500 trips.</summary>
    private const int SelectionColumnsPerTrip = 4;

    /// <summary>
    /// Share of what is left after pricing for the dive (and the rounding worker) on big days (those of the network LP and the box),
    /// which also improve plans by <see cref="BlockNeighbourhoods"/>: on the second core while pricing runs, then on every core
    /// for <see cref="NeighbourhoodShare"/> of what the dive leaves. The roundings find their plan within 10–15 s at 1,000 trips;
    /// the dive does not finish there. At 200 and 500 trips the moves saved no bus (43 and 91, as the dive alone) and took
    /// the second core and 20 MB more, so smaller days keep the dive alone.
    /// </summary>
    private const double DiveShareBeforeNeighbourhoods = 0.25;

    /// <summary>Share of what is left after the dive for the neighbourhood moves; CP-SAT over the columns gets the rest.</summary>
    private const double NeighbourhoodShare = 0.85;

    /// <summary>Days of at most this many trips also get the block-by-block constructive plan (one exact pricing per block).</summary>
    private const int BlockByBlockTrips = 150;

    /// <summary>
    /// Days of more than this many trips also solve <see cref="EnergyNetworkBound"/> on a thread of its own beside column generation:
    /// there column generation does not reach its LP optimum within its share (1,000 trips: Farley's bound 128 against an LP
    /// of 169.4), while up to 500 trips it does (500 trips: 87 = the LP) and the network would only take CPU and memory.
    /// </summary>
    public const int NetworkBoundAboveTrips = 500;

    /// <summary>Share of what is left when column generation starts that the network LP may take (it must end before the method does).</summary>
    private const double NetworkBoundShare = 0.85;

    /// <summary>
    /// Box-step stabilisation (<see cref="BlockMasterLp.SetBox"/>) once the energy network LP has given its trip duals: each trip's
    /// dual kept within this of the centre (docs/battery.md, "Bounds": 0.02 levels off lower, 0.05 and 0.1 do not beat the centre
    /// within the stage's pricing share at 1,000 trips).
    /// </summary>
    private const double BoxHalfWidth = 0.03;

    /// <summary>Labels kept per trip while the master is far from its optimum; the last rounds are exact.</summary>
    private const int HeuristicLabels = 6;

    /// <summary>Columns added per slot and pricing round while diving: at least <see cref="ColumnsPerRound"/>, or a quarter of the trips (half as many as before the dive, so the LP rises more slowly per fixed column and re-solves stay fast).</summary>
    private const int DiveTripsPerColumn = 4;

    /// <summary>What the method found.</summary>
    /// <param name="Blocks">The best complete plan (null: none covers every trip with the fleet).</param>
    /// <param name="Partial">When there is no plan: the constructive plan that covers the most trips with the fleet.</param>
    /// <param name="Uncovered">Trips <paramref name="Partial"/> leaves to no vehicle.</param>
    /// <param name="FleetBound">The battery LP bound on vehicles: the larger of the master's (rounded up; 0 when no exact pricing round ended in time) and <paramref name="NetworkBound"/>.</param>
    /// <param name="LpValue">The value the master's bound was rounded up from: a Lagrangian, Farley's or packing bound at an exact round, the LP's value once converged, or the packing ascent's best (NaN without one).</param>
    /// <param name="Infeasible">True when the LP bound exceeds every vehicle of the fleet: no plan exists (charger points relaxed, so the proof holds).</param>
    /// <param name="VehiclesNeeded">Vehicles the constructive plan needs with unlimited vehicles (an upper bound on what the day needs).</param>
    /// <param name="MoreBySlot">Per fleet slot, the vehicles that constructive plan uses beyond the slot's count (0 where it fits).</param>
    /// <param name="SelectionProved">True when CP-SAT proved its choice best among the columns.</param>
    /// <param name="Columns">Columns generated.</param>
    /// <param name="NetworkBound">The energy network LP's bound (<see cref="EnergyNetworkBound"/>); 0 when it did not run or did not end with an optimum in time.</param>
    public sealed record Outcome(
        ImmutableArray<EnergyBlock>? Blocks,
        ImmutableArray<EnergyBlock> Partial,
        ImmutableArray<int> Uncovered,
        int FleetBound,
        double LpValue,
        bool Infeasible,
        int VehiclesNeeded,
        ImmutableArray<int> MoreBySlot,
        bool SelectionProved,
        int Columns,
        int NetworkBound = 0);

    /// <param name="day">The day.</param>
    /// <param name="options">Workers and seed for CP-SAT.</param>
    /// <param name="budget">The method's clock.</param>
    /// <param name="lpOnly">True: stop after column generation (the LP bound and value, no integer blocks beyond the constructive plans); what the <c>battery-lp</c> measurement runs.</param>
    /// <param name="trace">Receives a line per pricing round (measurements); null: nothing.</param>
    /// <param name="networkAboveTrips">Days of more trips than this solve the network LP beside column generation and box its duals once it ends (tests lower it).</param>
    /// <param name="neighbourhoods">False: no neighbourhood moves on big days (the small days that <see cref="BlockNeighbourhoods"/> itself plans).</param>
    /// <param name="awaitNetwork">True: wait for the network LP before the first pricing round, so that the box is set from the start (tests: small days converge before it ends).</param>
    public static Outcome Solve(EnergyDay day, SolveOptions options, WallClockBudget budget, bool lpOnly = false, Action<string>? trace = null,
        int networkAboveTrips = NetworkBoundAboveTrips, bool awaitNetwork = false, bool neighbourhoods = true)
    {
        var greedy = Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule)).ToList();
        // With unlimited vehicles the rules build the same plans unless the fleet ran out.
        var unlimited = greedy.Any(g => g.Uncovered.IsEmpty)
            ? greedy
            : [.. Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule, unlimited: true))];
        var pricing = new BlockPricing(day, HeuristicSuccessors);
        if (day.TripCount <= BlockByBlockTrips)
        {
            greedy.Add(BlockByBlockPlan.Build(day, pricing));
        }

        var complete = greedy.Where(g => g.Uncovered.IsEmpty).Select(g => g.Blocks).ToList();
        ImmutableArray<EnergyBlock>? best = complete.Count == 0 ? null : complete.MinBy(b => (b.Length, Cost(day, b)));
        var partial = greedy.MinBy(g => g.Uncovered.Length)!;
        var fewest = unlimited.Where(u => u.Uncovered.IsEmpty).MinBy(u => u.Blocks.Length);
        var needed = fewest?.Blocks.Length ?? 0;
        ImmutableArray<int> more = fewest is null ? [.. day.Slots.Select(_ => 0)]
            : [.. day.Slots.Select((slot, c) => Math.Max(0, fewest.Blocks.Count(b => b.Slot == c) - slot.Count))];

        // The second relaxation, solved directly beside the column method on big days.
        var networkLimit = budget.Left(NetworkBoundShare);
        var network = day.TripCount > networkAboveTrips
            ? Task.Run(() => EnergyNetworkBound.Solve(day, networkLimit))
            : Task.FromResult<EnergyNetworkBound.Result?>(null);
        int NetworkBound() => network.IsCompletedSuccessfully ? network.Result?.FleetBound ?? 0 : 0;

        var columns = new List<EnergyBlock>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var singles = Enumerable.Range(0, day.TripCount).Select(i => Single(day, i)).ToList();
        var slack = day.Slots.All(s => s.Count >= day.TripCount) && singles.All(b => b is not null);
        // Big days (the box's): GLOP's re-solves kept warm starts (BlockMasterLp's warmStarts). Up to 500 trips the master
        // converges within its share as it was, and these changes cost a bus at 100 trips there (23 against 22).
        var big = day.TripCount > networkAboveTrips;
        using var master = new BlockMasterLp(day, slack, warmStarts: big);
        bool Add(EnergyBlock block)
        {
            var key = block.Key + "|" + string.Join(',', block.Charges.Select(s => s is { } x ? x.Site.ToString(CultureInfo.InvariantCulture) : "-"));
            if (keys.TryGetValue(key, out var known))
            {
                // Priced again. Hidden from the LP: worth seeing again; on big days as a copy (changing the hidden
                // column's bound together with adding columns would cost GLOP its warm start).
                if (!big || !master.IsHidden(known))
                {
                    return master.Show(known);
                }
            }

            keys[key] = columns.Count;
            columns.Add(block);
            master.Add(block);
            return true;
        }

        foreach (var block in greedy.Concat(unlimited).SelectMany(g => g.Blocks).Concat(singles.OfType<EnergyBlock>()))
        {
            Add(block);
        }

        var perRound = Math.Max(ColumnsPerRound, day.TripCount / 2);
        var perDiveRound = Math.Max(ColumnsPerRound, day.TripCount / DiveTripsPerColumn);
        var fleetOfAll = day.Slots.Select((_, c) => master.Upper(c)).Sum();
        var ending = new double[day.TripCount];
        var lpTime = TimeSpan.Zero;
        var pricingTime = TimeSpan.Zero;
        // Prices every slot at the duals π (and slot penalties) given, adds the columns of negative reduced
        // cost there, and returns the best Lagrangian bound at π (valid when exact) and the least reduced cost.
        (double Lagrangian, double Least, int Added) PriceAt(double[] duals, double[] penalties, bool exact, int count)
        {
            var bySlot = duals.Sum();
            var least = 0.0;
            var added = 0;
            var clipped = duals.Select(d => Math.Max(0, d)).ToArray();
            var nonNegative = duals.All(d => d >= 0);
            var heaviest = 0.0;
            var endingHere = new double[day.TripCount];
            Array.Fill(endingHere, double.PositiveInfinity);
            for (var c = 0; c < day.SlotCount; c++)
            {
                var (slotLeast, paths) = exact
                    ? pricing.Price(c, duals, penalties[c], count, int.MaxValue, ending: ending)
                    : pricing.Price(c, duals, penalties[c], count, HeuristicLabels, sampledOnly: true);
                bySlot += master.Upper(c) * Math.Min(0, slotLeast - penalties[c]);
                least = Math.Min(least, slotLeast - penalties[c]);
                if (exact)
                {
                    for (var i = 0; i < day.TripCount; i++)
                    {
                        endingHere[i] = Math.Min(endingHere[i], ending[i]);
                    }

                    // The heaviest column of the slot in duals clipped at 0 (1 − least reduced cost without the slot's penalty).
                    heaviest = Math.Max(heaviest, 1 - (nonNegative ? slotLeast - penalties[c] : pricing.Price(c, clipped, 0, 0, int.MaxValue).Best));
                }

                foreach (var path in paths)
                {
                    if (BlockEnergy.Shortest(day, c, path.Trips, path.Sites.AsSpan()) is { } block && Add(block))
                    {
                        added++;
                    }
                }
            }

            // Two Lagrangian bounds, both valid when the pricing was exact: with each slot's vehicles,
            // and with at most the incumbent's fleet in all (an optimal plan has no more).
            var total = Math.Min(fleetOfAll, best is { } incumbent ? incumbent.Length : int.MaxValue);
            var lagrangian = Math.Max(bySlot, duals.Sum() + (total * least));

            // The packing bound: a plan's blocks end with different trips (BlockPricing.PackingBound).
            if (exact)
            {
                lagrangian = Math.Max(lagrangian, BlockPricing.PackingBound(duals, endingHere, total));
            }

            // Farley's bound: with π ≥ 0 and θ the most any column collects, π / θ is dual feasible for
            // the covering LP without slot rows (every column costs one vehicle), a relaxation of the
            // master, so Σπ / θ bounds every plan's fleet. Far tighter than the Lagrangian value while
            // the duals are still moving (θ a little above 1).
            if (exact && heaviest > 1e-9)
            {
                lagrangian = Math.Max(lagrangian, clipped.Sum() / heaviest);
            }

            return (lagrangian, least, added);
        }

        (double Value, double Lagrangian, int Added, double[] Duals) Round(bool exact, int count)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (value, duals, penalties) = master.Solve(budget.Left());
            lpTime += watch.Elapsed;
            watch.Restart();
            if (columns.Count - master.HiddenCount > VisibleColumnsPerTrip * day.TripCount && master.Hide(columns, HideAboveReducedCost) > 0 && big)
            {
                // Bounds alone changed: a quick dual warm start now, before pricing adds columns.
                master.Solve(budget.Left());
            }

            var (lagrangian, least, added) = PriceAt(duals, penalties, exact, count);
            pricingTime += watch.Elapsed;
            trace?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{budget.Elapsed.TotalSeconds:0.0} s {(exact ? "exact" : "cheap")}: LP {value:0.000}, bound {lagrangian:0.000} (least reduced cost {least:0.0000}), added {added}, columns {columns.Count}, hidden {master.HiddenCount}, LP {lpTime.TotalSeconds:0.0} s, pricing {pricingTime.TotalSeconds:0.0} s"));
            return (value, lagrangian, added, duals);
        }

        // Column generation to the LP optimum: cheap rounds (few labels per trip) while they find
        // columns, then exact rounds, whose Lagrangian value bounds every plan's fleet.
        var fleetBound = 0;
        var lpValue = double.NaN;
        var infeasible = false;
        if (awaitNetwork)
        {
            network.Wait();
        }

        // Big days: once the network LP has ended, the second core, idle beside pricing, improves the best constructive plan by
        // neighbourhood moves until the integer stage needs it for the rounding worker (EarlyMoves).
        var moving = neighbourhoods && !lpOnly && day.TripCount > networkAboveTrips;
        var moves = moving ? new BlockNeighbourhoods(day) : null;
        using var stopMoves = new CancellationTokenSource();
        var startMoves = best;
        Action<string>? movesTrace = trace is null ? null : line => trace(string.Create(CultureInfo.InvariantCulture, $"{budget.Elapsed.TotalSeconds:0.0} s {line}"));
        var earlyMoves = moves is null || startMoves is not { } constructive || options.Workers < 2
            ? Task.FromResult(startMoves)
            : network.ContinueWith(_ => (ImmutableArray<EnergyBlock>?)moves.Improve(constructive, 0, budget, 1, options.Seed, movesTrace, stopMoves.Token),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        // Big days: the packing bound's subgradient ascent (PackingAscent), from the duals of the best bound so far, takes over
        // the second core from the early moves once the box is lifted, and one core of the neighbourhood moves after the dive.
        (double Bound, double[]? Duals) boundAt = (double.NegativeInfinity, null);
        var ascentShare = PackingAscent.FirstShare;
        Task<PackingAscent.Result?> earlyAscent = Task.FromResult<PackingAscent.Result?>(null);
        using var stopAscent = new CancellationTokenSource();
        void Ascended(PackingAscent.Result? ascent, string when)
        {
            if (ascent is null)
            {
                return;
            }

            trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{budget.Elapsed.TotalSeconds:0.0} s packing ascent {when}, from {boundAt.Bound:0.000}: {ascent.Bound:0.000} after {ascent.Steps} steps"));
            ascentShare = ascent.Share;
            if (ascent.Bound > boundAt.Bound)
            {
                boundAt = (ascent.Bound, ascent.Duals);
            }

            if ((int)Math.Ceiling(ascent.Bound - 1e-6) > fleetBound)
            {
                fleetBound = (int)Math.Ceiling(ascent.Bound - 1e-6);
                lpValue = ascent.Bound;
            }
        }

        void EarlyMoves()
        {
            stopMoves.Cancel();
            if (earlyMoves.GetAwaiter().GetResult() is { } moved && (best is not { } current || Better(day, moved, current)))
            {
                best = moved;
            }

            stopAscent.Cancel();
            Ascended(earlyAscent.GetAwaiter().GetResult(), "beside pricing");
            earlyAscent = Task.FromResult<PackingAscent.Result?>(null);
        }

        var pricingBudget = budget.Share(BudgetShares.BatteryColumnGeneration);
        var exact = false;
        var rounds = 0;
        double[]? centre = null;
        var centreBound = double.NegativeInfinity;
        var boxEnded = false;
        var lastAdded = int.MaxValue;
        var ascending = false;
        var lpAfterBox = double.PositiveInfinity;
        while (!pricingBudget.IsSpent)
        {
            // Every few rounds an exact one, so that a bound exists even when the LP's tail is long.
            // and one as soon as half the pricing budget is gone (a starved machine may not reach the eighth round).
            var thisExact = exact || (++rounds % ExactEvery == 0) || (fleetBound == 0 && pricingBudget.Remaining < pricingBudget.Limit / 2)
                || (big && lastAdded < FewColumnsShare * perRound);
            var (value, lagrangian, added, duals) = Round(thisExact, perRound);
            lastAdded = thisExact ? int.MaxValue : added;
            if (thisExact && lagrangian > boundAt.Bound)
            {
                boundAt = (lagrangian, duals);
            }

            if (boxEnded)
            {
                // The unboxed master's value: at least the most the packing bound can reach, the ascent's target.
                Volatile.Write(ref lpAfterBox, value);
                if (!ascending && moves is not null && options.Workers >= 2 && boundAt.Duals is { } ascentFrom)
                {
                    // The second core, from the first re-solve without the box (the target must be known: aiming at the
                    // best plan's fleet until then, the ascent did not rise before the dive at 1,000 trips): the early moves
                    // end with their current move (they had 178 buses by then, and saved nothing more before the dive in
                    // the runs traced), the ascent starts with their plan's fleet as K and runs until the dive.
                    ascending = true;
                    stopMoves.Cancel();
                    earlyAscent = earlyMoves.ContinueWith(
                        m => (PackingAscent.Result?)PackingAscent.Ascend(day, ascentFrom, m.Result?.Length ?? fleetOfAll, () => Volatile.Read(ref lpAfterBox),
                            ascentShare, (HeuristicSuccessors, HeuristicLabels), budget, movesTrace, stopAscent.Token),
                        CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }

            // Box-step: the centre is the network LP's duals (no block prices out there: its value is their
            // Lagrangian bound). It moves only when no block prices out inside the box (below): moving it on every
            // better bound made the next box start far from its optimum and the bound fell back for tens of seconds.
            if (centre is not null && !boxEnded && pricingBudget.Elapsed >= BoxShareOfPricing * pricingBudget.Limit)
            {
                // The rest of the pricing share for the master itself (see BoxShareOfPricing); its exact rounds still give bounds.
                boxEnded = true;
                exact = false;
                master.ClearBox();
                master.ShowAll();
                trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"box cleared at {budget.Elapsed.TotalSeconds:0.0} s"));
            }

            if (centre is null && network.IsCompletedSuccessfully && network.Result is { } net)
            {
                (centre, centreBound) = ([.. net.TripDuals], net.LpValue);
                master.SetBox(centre, BoxHalfWidth);
                trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"box at the network LP's duals ({centreBound:0.000})"));
            }

            if (thisExact && !exact)
            {
                var bound = (int)Math.Ceiling(lagrangian - 1e-6);
                if (bound > fleetBound)
                {
                    fleetBound = bound;
                    lpValue = lagrangian;
                }

                if (fleetBound >= Math.Ceiling(value - 1e-6) && !master.BoxBinds())
                {
                    // The bound has reached the LP's rounded value: more pricing cannot raise it.
                    break;
                }

                continue;
            }

            if (exact)
            {
                var bound = (int)Math.Ceiling(lagrangian - 1e-6);
                if (bound > fleetBound)
                {
                    fleetBound = bound;
                    lpValue = lagrangian;
                }

                if (lagrangian > fleetOfAll + 1e-6)
                {
                    infeasible = true;
                    break;
                }
            }

            if (added == 0)
            {
                if (exact && master.BoxBinds())
                {
                    // No column prices out at the box's duals, but the box binds (the LP is not the master's): they are the new centre.
                    (centre, centreBound) = (duals, lagrangian);
                    master.SetBox(centre, BoxHalfWidth);
                    trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"box re-centred: {lagrangian:0.000}"));
                    continue;
                }

                if (exact)
                {
                    lpValue = value;
                    fleetBound = Math.Max(fleetBound, (int)Math.Ceiling(value - 1e-6));
                    break;
                }

                exact = true;
            }

            if (best is { } incumbent && Math.Max(fleetBound, NetworkBound()) >= incumbent.Length)
            {
                break;
            }
        }

        fleetBound = Math.Max(fleetBound, NetworkBound());
        if (centre is not null && !boxEnded)
        {
            master.ClearBox();
            master.ShowAll();
        }

        if (lpOnly)
        {
            var networkAlone = network.GetAwaiter().GetResult()?.FleetBound ?? 0;
            return new Outcome(best, partial.Blocks, partial.Uncovered, Math.Max(fleetBound, networkAlone), lpValue, infeasible, needed, more, false, columns.Count, networkAlone);
        }

        master.Solve(budget.Left());
        if (centre is not null && columns.Count > DiveColumnsPerTrip * day.TripCount)
        {
            // Big days: a smaller LP for the integer stage (DiveColumnsPerTrip).
            var values = master.Values();
            var kept = Enumerable.Range(0, columns.Count)
                .Where(k => !master.IsHidden(k) || values[k] > 1e-9)
                .OrderBy(k => values[k] > 1e-9 ? double.NegativeInfinity : master.ReducedCost(columns[k]))
                .Take(DiveColumnsPerTrip * day.TripCount).Order().Select(k => columns[k]).ToList();
            master.Restart();
            columns.Clear();
            keys.Clear();
            foreach (var block in kept)
            {
                Add(block);
            }

            master.Solve(budget.Left());
        }

        var rootReducedCost = master.ReducedCostsNow();
        var rootValues = master.Values();
        var support = Enumerable.Range(0, rootValues.Length).Where(k => rootValues[k] > 1e-6).ToHashSet();

        // The last LP solution read (a column added or fixed since makes the LP's own values unreadable until the next solve).
        var lastValues = rootValues;
        best = RoundAndComplete(day, master, columns, best);
        trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{budget.Elapsed.TotalSeconds:0.0} s integer stage: LP {master.Values().Sum():0.000} over {columns.Count} columns, rounded to {best?.Length} buses"));
        if (infeasible)
        {
            EarlyMoves();
            return new Outcome(null, partial.Blocks, partial.Uncovered, fleetBound, lpValue, true, needed, more, false, columns.Count, network.GetAwaiter().GetResult()?.FleetBound ?? 0);
        }

        // Diving: fix the columns the LP (nearly) takes whole, re-price a few rounds, until the LP is integral.
        if (best is not { } known || known.Length > fleetBound)
        {
            var diveBudget = budget.Share(moving ? DiveShareBeforeNeighbourhoods : BudgetShares.BatteryDiving);
            // The rounding worker below takes the second core.
            EarlyMoves();

            var fixedPerSlot = new int[day.SlotCount];

            // Big days, on the second core (idle once the network LP has ended) for as long as the dive runs: randomised
            // roundings of the dive's latest LP (at 1,000 trips single roundings of one LP gave 176 to 205 vehicles), in
            // turn with roundings that start from a random part of the best plan found (BestPlanDropShare).
            RoundingInput? latest = centre is null ? null : new(master.Values(), [.. columns]);
            using var stopRounding = new CancellationTokenSource();
            int[] upper = [.. Enumerable.Range(0, day.SlotCount).Select(master.Upper)];
            var first = best;
            var rounding = latest is null ? Task.FromResult<ImmutableArray<EnergyBlock>?>(null) : Task.Run(() =>
            {
                var random = new Random(options.Seed);
                var found = first;
                for (var turn = 0; !stopRounding.IsCancellationRequested && !diveBudget.IsSpent; turn++)
                {
                    var before = found?.Length;
                    var input = Volatile.Read(ref latest)!;
                    if (turn % 2 == 1 && found is { } plan)
                    {
                        // Part of the best plan kept, the rest rounded from the LP.
                        var mean = plan.Average(b => b.Trips.Length);
                        List<EnergyBlock> start = [.. plan.Where(b => random.NextDouble() >= BestPlanDropShare * mean / b.Trips.Length)];
                        found = RoundAndComplete(day, input.X, input.Columns, upper, found, random, start);
                    }
                    else
                    {
                        found = RoundAndComplete(day, input.X, input.Columns, upper, found, random);
                    }

                    if (found?.Length < before || (before is null && found is not null))
                    {
                        trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{budget.Elapsed.TotalSeconds:0.0} s worker, turn {turn} ({(turn % 2 == 1 ? "from the best plan" : "rounding")}): {found?.Length} buses"));
                    }
                }

                return found;
            });

            while (!diveBudget.IsSpent && (best is not { } atStep || atStep.Length > Math.Max(fleetBound, NetworkBound())))
            {
                for (var r = 0; r < RoundsPerFix && Round(false, perDiveRound).Added > 0; r++)
                {
                }

                // Trips the fixed columns left no column for: price until they are covered or exact pricing proves the dive dead.
                master.Solve(budget.Left());
                var repairing = false;
                while (master.Uncovered() > 1e-6 && !diveBudget.IsSpent)
                {
                    if (Round(repairing, perDiveRound).Added == 0)
                    {
                        if (repairing)
                        {
                            break;
                        }

                        repairing = true;
                    }

                    master.Solve(budget.Left());
                }

                if (master.Uncovered() > 1e-6)
                {
                    break;
                }

                best = RoundAndComplete(day, master, columns, best);
                var x = master.Values();
                lastValues = x;
                if (latest is not null)
                {
                    Volatile.Write(ref latest, new RoundingInput(x, [.. columns]));
                }

                support.UnionWith(Enumerable.Range(0, x.Length).Where(k => x[k] > 1e-6));
                var whole = Enumerable.Range(0, x.Length).Where(k => x[k] > 1 - 1e-6).ToList();
                if (Enumerable.Range(0, x.Length).All(k => x[k] < 1e-6 || x[k] > 1 - 1e-6))
                {
                    if (ChargerRetiming.Retime(day, [.. whole.Select(k => columns[k])]) is { } dived
                        && (best is not { } current || Better(day, dived, current)))
                    {
                        best = dived;
                    }

                    break;
                }

                // GLOP's matrices grow with every priced column; the buffers they outgrew go back to the system here.
                _ = NativeHeap.Trim();
                trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{budget.Elapsed.TotalSeconds:0.0} s dive step: LP {x.Sum():0.000}, {whole.Count} columns whole, best {best?.Length}"));
                var fix = Enumerable.Range(0, x.Length).Where(k => x[k] >= FixAbove && x[k] < 1 - 1e-6).ToList();
                if (fix.Count == 0)
                {
                    // Nothing nearly whole: the largest few, a twentieth of the fractional fleet at most (never two sharing a trip).
                    var taken = new HashSet<int>();
                    var most = Math.Max(1, (int)(x.Sum() / 20));
                    foreach (var k in Enumerable.Range(0, x.Length).Where(k => x[k] > 1e-6 && x[k] < 1 - 1e-6).OrderByDescending(k => x[k]))
                    {
                        if (fix.Count < most && columns[k].Trips.All(t => !taken.Contains(t)))
                        {
                            taken.UnionWith(columns[k].Trips);
                            fix.Add(k);
                        }
                    }
                }

                foreach (var k in fix)
                {
                    // A slot never gets more fixed columns than vehicles (the LP would have no solution).
                    if (fixedPerSlot[columns[k].Slot] < master.Upper(columns[k].Slot))
                    {
                        fixedPerSlot[columns[k].Slot]++;
                        master.Fix(k);
                    }
                }
            }

            stopRounding.Cancel();
            if (rounding.GetAwaiter().GetResult() is { } rounded && (best is not { } before || Better(day, rounded, before)))
            {
                best = rounded;
            }
        }

        fleetBound = Math.Max(fleetBound, NetworkBound());
        EarlyMoves();
        if (moves is not null && best is { } start && start.Length > fleetBound && !budget.IsSpent)
        {
            // Where pricing went on without the box (it had not converged inside it), one core goes on with the ascent (from
            // where it stopped, K now the best plan's fleet) until it would not reach the next whole bus in time, then moves
            // blocks too: at 1,000 trips the moves on both cores had saved no bus after the dive in most runs; the ascent
            // took the bound from 166.9–167.0 to 167.1–167.3, a bound of 168.
            var movesBudget = budget.Share(NeighbourhoodShare);
            using var movesEnded = new CancellationTokenSource();
            var ascent = !boxEnded || options.Workers < 2 || boundAt.Duals is not { } from ? Task.FromResult<PackingAscent.Result?>(null)
                : Task.Run(() => (PackingAscent.Result?)PackingAscent.Ascend(day, from, start.Length, () => Math.Min(start.Length, lpAfterBox), ascentShare,
                    (HeuristicSuccessors, HeuristicLabels), movesBudget, movesTrace, movesEnded.Token));
            best = moves.Improve(start, fleetBound, movesBudget, options.Workers, options.Seed, movesTrace, aside: ascent);
            movesEnded.Cancel();
            Ascended(ascent.GetAwaiter().GetResult(), "beside the moves");
            fleetBound = Math.Max(fleetBound, NetworkBound());
        }

        var proved = false;
        if (!budget.IsSpent)
        {
            // At the bound only the cost can improve: CP-SAT gets a share of what is left, not all of it.
            var atBound = best is { } b && b.Length <= fleetBound;
            var parameters = CpSatParameters.For(options, budget.Left(atBound ? BudgetShares.BatteryCostAtFleetBound : 1));
            var candidates = columns.Count <= SelectionColumnsPerTrip * day.TripCount
                ? columns
                : SelectionCandidates(columns, support, lastValues, rootReducedCost, master.ReducedCost, SelectionColumnsPerTrip * day.TripCount);

            // The LP (GLOP holds every column natively) is not needed any more: free it before CP-SAT builds its model.
            master.Dispose();
            _ = NativeHeap.Trim();
            if (BlockSelection.Select(day, candidates, best is { } h ? h : [], parameters) is { } selected
                && (best is not { } current || Better(day, selected.Blocks, current)))
            {
                best = [.. selected.Blocks];
                proved = selected.Proved;
            }
        }

        // The network LP has its own limit within the method's: wait for its bound.
        var networkBound = network.GetAwaiter().GetResult()?.FleetBound ?? 0;
        return new Outcome(best, partial.Blocks, partial.Uncovered, Math.Max(fleetBound, networkBound), lpValue, false, needed, more, proved, columns.Count, networkBound);
    }

    /// <summary>
    /// The columns CP-SAT chooses among on big days: every column the converged LP (before diving) or the
    /// last LP uses, then the rest by least reduced cost, the lesser of the converged LP's and the last LP's
    /// (the dive's fixed columns move the duals), up to <paramref name="count"/> in all.
    /// </summary>
    private static List<EnergyBlock> SelectionCandidates(List<EnergyBlock> columns, HashSet<int> support, double[] values,
        Func<EnergyBlock, double> rootReducedCost, Func<EnergyBlock, double> reducedCost, int count)
    {
        var used = Enumerable.Range(0, columns.Count)
            .Where(k => support.Contains(k) || (k < values.Length && values[k] > 1e-6)).ToHashSet();
        var rest = Enumerable.Range(0, columns.Count).Where(k => !used.Contains(k))
            .OrderBy(k => Math.Min(rootReducedCost(columns[k]), reducedCost(columns[k])))
            .Take(Math.Max(0, count - used.Count));
        return [.. used.Concat(rest).Select(k => columns[k])];
    }

    /// <summary>The rounding worker's other turns keep part of the best plan and round the rest from the LP: each block is dropped with a chance of this × the mean trips a block ÷ its trips (short blocks more often).</summary>
    private const double BestPlanDropShare = 0.3;

    /// <summary>What the rounding worker rounds: the LP values of a dive step and the columns they belong to.</summary>
    private sealed record RoundingInput(double[] X, EnergyBlock[] Columns);

    /// <summary>Randomised rounding (the rounding worker): each LP value scaled by a factor within 1 ± this.</summary>
    private const double RoundingNoise = 0.3;

    /// <summary>Least LP values of the columns kept by <see cref="RoundAndComplete(EnergyDay, BlockMasterLp, List{EnergyBlock}, ImmutableArray{EnergyBlock}?)"/>, one plan per value (the master's LP at 1,000 trips has almost no column above 0.6; 0.2 kept 110 columns over 645 trips and gave the best plan).</summary>
    private static readonly double[] RoundingThresholds = [0.9, 0.6, 0.4, 0.3, 0.2];

    /// <summary>
    /// Restricted-master rounding: the columns of the master's last solution by falling value, each kept
    /// when it shares no trip with those kept before (and its slot has vehicles left), down to each of
    /// <see cref="RoundingThresholds"/>; sessions booked within the points (<see cref="ChargerRetiming"/>);
    /// the trips left completed by the constructive plan. Returns the best of these and <paramref name="best"/>.
    /// </summary>
    private static ImmutableArray<EnergyBlock>? RoundAndComplete(EnergyDay day, BlockMasterLp master, List<EnergyBlock> columns, ImmutableArray<EnergyBlock>? best) =>
        RoundAndComplete(day, master.Values(), columns, [.. Enumerable.Range(0, day.SlotCount).Select(master.Upper)], best, null);

    /// <summary>
    /// <see cref="RoundAndComplete(EnergyDay, BlockMasterLp, List{EnergyBlock}, ImmutableArray{EnergyBlock}?)"/> on the LP values
    /// <paramref name="x"/> of <paramref name="columns"/> (<paramref name="upper"/>: each slot's vehicles); with <paramref name="random"/>,
    /// each value first scaled by a factor drawn within ± <see cref="RoundingNoise"/>, so that repeated calls keep different columns.
    /// </summary>
    private static ImmutableArray<EnergyBlock>? RoundAndComplete(EnergyDay day, double[] x, IReadOnlyList<EnergyBlock> columns, int[] upper,
        ImmutableArray<EnergyBlock>? best, Random? random, IReadOnlyList<EnergyBlock>? start = null)
    {
        if (random is not null)
        {
            x = [.. x.Select(v => v * (1 - RoundingNoise + (2 * RoundingNoise * random.NextDouble())))];
        }

        var order = Enumerable.Range(0, x.Length).Where(k => x[k] > 1e-6).OrderByDescending(k => x[k]).ToList();
        foreach (var threshold in RoundingThresholds)
        {
            var taken = new bool[day.TripCount];
            var perSlot = new int[day.SlotCount];
            var kept = new List<EnergyBlock>();
            void Keep(EnergyBlock block)
            {
                kept.Add(block);
                perSlot[block.Slot]++;
                foreach (var i in block.Trips)
                {
                    taken[i] = true;
                }
            }

            foreach (var block in start ?? [])
            {
                Keep(block);
            }

            foreach (var block in order.TakeWhile(k => x[k] >= threshold).Select(k => columns[k]))
            {
                if (perSlot[block.Slot] < upper[block.Slot] && block.Trips.All(i => !taken[i]))
                {
                    Keep(block);
                }
            }

            if (ChargerRetiming.Retime(day, kept) is not { } retimed)
            {
                continue;
            }

            foreach (var rule in new[] { GreedyRule.MostCharge, GreedyRule.LeastIdleCharging })
            {
                var plan = GreedyBatteryPlan.Build(day, rule, kept: retimed);
                if (plan.Uncovered.IsEmpty && (best is not { } current || Better(day, plan.Blocks, current)))
                {
                    best = plan.Blocks;
                }
            }
        }

        return best;
    }

    /// <summary>A block of trip <paramref name="i"/> alone from the first slot that can run it (straight home, or after a charge before the pull-in); null when none can.</summary>
    private static EnergyBlock? Single(EnergyDay day, int i)
    {
        for (var c = 0; c < day.SlotCount; c++)
        {
            if (!day.CanRunAlone(i, c))
            {
                continue;
            }

            ImmutableArray<int> trip = [i];
            for (var s = -1; s < day.Sites.Length; s++)
            {
                if (BlockEnergy.Shortest(day, c, trip, [s]) is { } block)
                {
                    return block;
                }
            }
        }

        return null;
    }

    public static bool Better(EnergyDay day, IReadOnlyList<EnergyBlock> candidate, ImmutableArray<EnergyBlock> current) =>
        candidate.Count < current.Length || (candidate.Count == current.Length && Cost(day, candidate) < Cost(day, current));

    public static long Cost(EnergyDay day, IEnumerable<EnergyBlock> blocks) => blocks.Sum(b => BlockEnergy.CostFen(day, b));
}
