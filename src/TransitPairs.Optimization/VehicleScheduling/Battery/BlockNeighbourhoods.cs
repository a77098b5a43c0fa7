using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Large-neighbourhood search on a battery plan: the trips of a few dozen of its blocks, chosen at
/// random, planned again as a day of their own by the column method (<see cref="BlockColumnGeneration"/>,
/// whose bound and integer stage are close to exact at that size), the rest of the plan kept. The new
/// blocks replace the freed ones when they are fewer, or as many and cheaper, and the whole plan still
/// books its charging within the points (<see cref="ChargerRetiming"/>: the small day does not see the
/// kept blocks' sessions). Moves run on every worker at once against one shared best plan; a move
/// applies as long as the blocks it freed are still in that plan.
/// </summary>
internal sealed class BlockNeighbourhoods
{
    /// <summary>
    /// Blocks a move plans again. Measured on the generated 1,000-trip winter day from the constructive plan (186 buses),
    /// one core, 120 s (5 Dec 2026): 16 blocks 184 buses (moves of 0.05 s rarely save one), 32 blocks 177, 48 blocks
    /// 175–176, 64 blocks 176 (30 moves).
    /// </summary>
    public const int BlocksPerMove = 48;

    /// <summary>Most seconds a move's column method may take (48 blocks, about 270 trips: 2–3 s).</summary>
    public const double MoveSeconds = 3;

    /// <summary>No move starts with less time than this left (a shorter one plans the small day no better than the constructive plan).</summary>
    private const double LeastMoveSeconds = 1;

    private readonly EnergyDay day;
    private readonly Dictionary<string, int> tripIndex;

    public BlockNeighbourhoods(EnergyDay day)
    {
        this.day = day;
        tripIndex = Enumerable.Range(0, day.TripCount).ToDictionary(i => day.Trips[i].TripId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Moves on <paramref name="workers"/> threads from <paramref name="plan"/> until <paramref name="budget"/> is spent or
    /// the plan's fleet reaches <paramref name="fleetBound"/> or <paramref name="stop"/> is cancelled (a move under way ends first); returns the best plan (<paramref name="plan"/> when no move saved anything).
    /// With <paramref name="aside"/>, the last worker starts when that task has ended (work that holds a core until then).
    /// </summary>
    public ImmutableArray<EnergyBlock> Improve(ImmutableArray<EnergyBlock> plan, int fleetBound, WallClockBudget budget, int workers, int seed, Action<string>? trace = null,
        CancellationToken stop = default, Task? aside = null)
    {
        var best = plan;
        var gate = new object();
        void Work(int worker)
        {
            if (aside is not null && worker == workers - 1)
            {
                try
                {
                    aside.Wait(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var random = new Random(seed + worker);
            while (true)
            {
                ImmutableArray<EnergyBlock> from;
                lock (gate)
                {
                    from = best;
                }

                var limit = budget.Remaining;
                if (limit.TotalSeconds < LeastMoveSeconds || from.Length <= fleetBound || stop.IsCancellationRequested)
                {
                    return;
                }

                if (Move(from, BlocksPerMove, random, TimeSpan.FromSeconds(Math.Min(MoveSeconds, limit.TotalSeconds)), seed) is not { } move)
                {
                    continue;
                }

                lock (gate)
                {
                    if (Apply(best, move) is { } better && BlockColumnGeneration.Better(day, better, best))
                    {
                        best = better;
                        trace?.Invoke(string.Create(CultureInfo.InvariantCulture,
                            $"neighbourhood ({worker}): {move.Freed.Length} blocks into {move.Replacement.Length}, {best.Length} buses"));
                    }
                }
            }
        }

        Parallel.For(0, Math.Max(1, workers), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, Work);
        return best;
    }

    /// <summary>What a move found: the blocks it freed (their trips) and the blocks that run those trips instead.</summary>
    public sealed record Found(ImmutableArray<EnergyBlock> Freed, ImmutableArray<EnergyBlock> Replacement);

    /// <summary>
    /// One move: <paramref name="count"/> blocks of <paramref name="plan"/> at random, their trips planned again within
    /// <paramref name="limit"/>. Null unless the new blocks are fewer, or as many and cheaper.
    /// </summary>
    public Found? Move(ImmutableArray<EnergyBlock> plan, int count, Random random, TimeSpan limit, int seed)
    {
        if (plan.Length < 2)
        {
            return null;
        }

        var order = Enumerable.Range(0, plan.Length).Select(k => (k, random.NextDouble())).OrderBy(x => x.Item2).Select(x => x.k);
        var chosen = order.Take(Math.Min(count, plan.Length)).ToHashSet();
        ImmutableArray<EnergyBlock> freed = [.. chosen.Select(k => plan[k])];
        var kept = Enumerable.Range(0, plan.Length).Where(k => !chosen.Contains(k)).Select(k => plan[k]).ToList();
        var (small, global) = SmallDay(freed, kept);
        var options = new SolveOptions(limit, 1, seed);
        var outcome = BlockColumnGeneration.Solve(small, options, options.StartBudget(), neighbourhoods: false);
        _ = NativeHeap.Trim();
        if (outcome.Blocks is not { } blocks || blocks.Length > freed.Length)
        {
            return null;
        }

        ImmutableArray<EnergyBlock> replacement = [.. blocks.Select(b => b with { Trips = [.. b.Trips.Select(i => global[i])] })];
        return BlockColumnGeneration.Better(day, replacement, freed) ? new Found(freed, replacement) : null;
    }

    /// <summary>
    /// <paramref name="plan"/> with the move's freed blocks (matched by slot and trips: retiming moves sessions, not trips)
    /// replaced, sessions booked within the points; null when a freed block is no longer in the plan or the sessions do not fit.
    /// </summary>
    public ImmutableArray<EnergyBlock>? Apply(ImmutableArray<EnergyBlock> plan, Found move)
    {
        var freed = move.Freed.Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        var kept = plan.Where(b => !freed.Contains(b.Key)).ToList();
        return plan.Length - kept.Count == freed.Count ? ChargerRetiming.Retime(day, [.. kept, .. move.Replacement]) : null;
    }

    /// <summary>The day of the freed blocks' trips, each slot with the vehicles the kept blocks leave; and each of its trips' index in the whole day.</summary>
    private (EnergyDay Day, int[] Global) SmallDay(IEnumerable<EnergyBlock> freed, IReadOnlyList<EnergyBlock> kept)
    {
        var problem = day.Problem;
        var trips = freed.SelectMany(b => b.Trips).Select(i => day.Trips[i]).ToImmutableArray();
        var schedule = new VehicleSchedulingProblem(trips, problem.Schedule.Deadheads, problem.Schedule.Depots, problem.Schedule.Rules, problem.Schedule.Costs);
        var used = new int[day.SlotCount];
        foreach (var block in kept)
        {
            used[block.Slot]++;
        }

        var fleet = problem.Fleet.Select((slot, c) => slot with { Count = slot.Count - used[c] }).ToImmutableArray();
        var small = new EnergyDay(new BatterySchedulingProblem(schedule, problem.TripDistanceMetres, fleet, problem.Chargers, problem.Season, problem.Charging)
        {
            Drivers = problem.Drivers,
        });
        return (small, [.. small.Trips.Select(t => tripIndex[t.TripId])]);
    }
}
