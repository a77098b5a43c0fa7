using System.Collections.Immutable;
using System.Globalization;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Battery blocks at line and city sizes: constructive plans (<see cref="GreedyBatteryPlan"/>, three
/// rules) as start and fallback, column generation over blocks (<see cref="BlockMasterLp"/> priced by
/// <see cref="BlockPricing"/>) for a fleet bound of its own and better columns, then integer blocks
/// by CP-SAT over the columns (<see cref="BlockSelection"/>) hinted with the best plan.
/// </summary>
internal static class BlockColumnGeneration
{
    /// <summary>Share of the budget left after the constructive plans that column generation may use; the integer selection gets the rest.</summary>
    public const double PricingShare = 0.5;

    /// <summary>Share of what is left after column generation that diving may use.</summary>
    public const double DivingShare = 0.8;

    /// <summary>Columns the LP takes at least this much of are fixed together in one diving step.</summary>
    private const double FixAbove = 0.9;

    /// <summary>Pricing rounds between two diving steps.</summary>
    private const int RoundsPerFix = 2;

    /// <summary>Whether CP-SAT also searches the columns for a cheaper plan when the fleet is already at the bound.</summary>
    private const bool SelectForCost = true;

    /// <summary>Columns added per slot and pricing round (different last trips).</summary>
    private const int ColumnsPerRound = 60;

    /// <summary>Labels kept per trip while the master is far from its optimum; the last rounds are exact.</summary>
    private const int HeuristicLabels = 6;

    /// <summary>What the method found.</summary>
    /// <param name="Blocks">The best complete plan (null: none covers every trip with the fleet).</param>
    /// <param name="Partial">When there is no plan: the constructive plan that covers the most trips with the fleet.</param>
    /// <param name="Uncovered">Trips <paramref name="Partial"/> leaves to no vehicle.</param>
    /// <param name="FleetBound">The master's LP bound on vehicles (rounded up); 0 when no exact pricing round ended in time.</param>
    /// <param name="LpValue">The master's LP value at that round (NaN without one).</param>
    /// <param name="Infeasible">True when the LP bound exceeds every vehicle of the fleet: no plan exists (charger points relaxed, so the proof holds).</param>
    /// <param name="VehiclesNeeded">Vehicles the constructive plan needs with unlimited vehicles (an upper bound on what the day needs).</param>
    /// <param name="SelectionProved">True when CP-SAT proved its choice best among the columns.</param>
    /// <param name="Columns">Columns generated.</param>
    public sealed record Outcome(
        ImmutableArray<EnergyBlock>? Blocks,
        ImmutableArray<EnergyBlock> Partial,
        ImmutableArray<int> Uncovered,
        int FleetBound,
        double LpValue,
        bool Infeasible,
        int VehiclesNeeded,
        bool SelectionProved,
        int Columns);

    public static Outcome Solve(EnergyDay day, WallClockBudget budget, int workers, int seed)
    {
        var greedy = Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule)).ToList();
        // With unlimited vehicles the rules build the same plans unless the fleet ran out.
        var unlimited = greedy.Any(g => g.Uncovered.IsEmpty)
            ? greedy
            : [.. Enum.GetValues<GreedyRule>().Select(rule => GreedyBatteryPlan.Build(day, rule, unlimited: true))];
        var complete = greedy.Where(g => g.Uncovered.IsEmpty).Select(g => g.Blocks).ToList();
        ImmutableArray<EnergyBlock>? best = complete.Count == 0 ? null : complete.MinBy(b => (b.Length, Cost(day, b)));
        var partial = greedy.MinBy(g => g.Uncovered.Length)!;
        var needed = unlimited.Where(u => u.Uncovered.IsEmpty).Select(u => u.Blocks.Length).DefaultIfEmpty(0).Min();

        Dbg($"greedy {string.Join(",", greedy.Select(g => g.Blocks.Length + "/" + g.Uncovered.Length))} unlimited {string.Join(",", unlimited.Select(g => g.Blocks.Length))} t={budget.Elapsed.TotalSeconds:0.0}");
        var columns = new List<EnergyBlock>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using var master = new BlockMasterLp(day);
        bool Add(EnergyBlock block)
        {
            if (!keys.Add(block.Key + "|" + string.Join(',', block.Charges.Select(s => s is { } x ? x.Site.ToString(CultureInfo.InvariantCulture) : "-"))))
            {
                return false;
            }

            columns.Add(block);
            master.Add(block);
            return true;
        }

        foreach (var block in greedy.Concat(unlimited).SelectMany(g => g.Blocks))
        {
            Add(block);
        }

        var pricing = new BlockPricing(day);
        (double Value, double Lagrangian, int Added) Round(bool exact)
        {
            var (value, duals, penalties) = master.Solve(TimeSpan.FromSeconds(budget.Left()));
            var lagrangian = duals.Sum();
            var added = 0;
            for (var c = 0; c < day.SlotCount; c++)
            {
                var (least, paths) = pricing.Price(c, duals, penalties[c], ColumnsPerRound, exact ? int.MaxValue : HeuristicLabels);
                lagrangian += master.Upper(c) * Math.Min(0, least - penalties[c]);
                foreach (var path in paths)
                {
                    if (BlockEnergy.Shortest(day, c, path.Trips, path.Sites.AsSpan()) is { } block && Add(block))
                    {
                        added++;
                    }
                }
            }

            Dbg($"lp {value:0.000} lagr {lagrangian:0.000} exact {exact} added {added} cols {columns.Count} t={budget.Elapsed.TotalSeconds:0.0}");
            return (value, lagrangian, added);
        }

        // Column generation to the LP optimum: cheap rounds (few labels per trip) while they find
        // columns, then exact rounds, whose Lagrangian value bounds every plan's fleet.
        var fleetBound = 0;
        var lpValue = double.NaN;
        var infeasible = false;
        var fleetOfAll = day.Slots.Select((_, c) => master.Upper(c)).Sum();
        var pricingEnds = budget.Elapsed.TotalSeconds + budget.Left(PricingShare);
        var exact = false;
        while (budget.Elapsed.TotalSeconds < pricingEnds)
        {
            var (value, lagrangian, added) = Round(exact);
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
                if (exact)
                {
                    lpValue = value;
                    fleetBound = Math.Max(fleetBound, (int)Math.Ceiling(value - 1e-6));
                    break;
                }

                exact = true;
            }

            if (best is { } incumbent && fleetBound >= incumbent.Length)
            {
                break;
            }
        }

        if (infeasible)
        {
            return new Outcome(null, partial.Blocks, partial.Uncovered, fleetBound, lpValue, true, needed, false, columns.Count);
        }

        // Diving: fix the columns the LP (nearly) takes whole, re-price a few rounds, until the LP is integral.
        if (best is not { } known || known.Length > fleetBound)
        {
            var diveEnds = budget.Elapsed.TotalSeconds + budget.Left(DivingShare);
            while (budget.Elapsed.TotalSeconds < diveEnds)
            {
                for (var r = 0; r < RoundsPerFix && Round(false).Added > 0; r++)
                {
                }

                // Trips the fixed columns left no column for: price until they are covered or exact pricing proves the dive dead.
                master.Solve(TimeSpan.FromSeconds(budget.Left()));
                var repairing = false;
                while (master.Uncovered() > 1e-6 && budget.Elapsed.TotalSeconds < diveEnds)
                {
                    if (Round(repairing).Added == 0)
                    {
                        if (repairing)
                        {
                            break;
                        }

                        repairing = true;
                    }

                    master.Solve(TimeSpan.FromSeconds(budget.Left()));
                }

                if (master.Uncovered() > 1e-6)
                {
                    Dbg("dive dead");
                    break;
                }

                var x = master.Values();
                var whole = Enumerable.Range(0, x.Length).Where(k => x[k] > 1 - 1e-6).ToList();
                if (Enumerable.Range(0, x.Length).All(k => x[k] < 1e-6 || x[k] > 1 - 1e-6))
                {
                    if (ChargerRetiming.Retime(day, [.. whole.Select(k => columns[k])]) is { } dived
                        && (best is not { } current || Better(day, dived, current)))
                    {
                        best = dived;
                    }

                    Dbg($"dive integral {whole.Count} t={budget.Elapsed.TotalSeconds:0.0}");
                    break;
                }

                var fix = Enumerable.Range(0, x.Length).Where(k => x[k] >= FixAbove && x[k] < 1 - 1e-6).ToList();
                if (fix.Count == 0)
                {
                    fix = [Enumerable.Range(0, x.Length).Where(k => x[k] < 1 - 1e-6).MaxBy(k => x[k])];
                }

                foreach (var k in fix)
                {
                    master.Fix(k);
                }
            }
        }

        var proved = false;
        if (!budget.IsSpent && (best is not { } b || b.Length > fleetBound || SelectForCost))
        {
            var parameters = Timetabling.DepartureTimeSolver.Parameters(new Timetabling.TimetableSolveOptions(budget.Left(), workers, seed));
            if (BlockSelection.Select(day, columns, best is { } h ? h : [], parameters) is { } selected
                && (best is not { } current || Better(day, selected.Blocks, current)))
            {
                best = [.. selected.Blocks];
                proved = selected.Proved;
            }
        }

        Dbg($"final {best?.Length} bound {fleetBound} proved {proved} t={budget.Elapsed.TotalSeconds:0.0}");
        return new Outcome(best, partial.Blocks, partial.Uncovered, fleetBound, lpValue, false, needed, proved, columns.Count);
    }

    private static void Dbg(string s)
    {
        if (Environment.GetEnvironmentVariable("BATDBG") == "1")
        {
            System.Console.Error.WriteLine(s);
        }
    }

    private static bool Better(EnergyDay day, IReadOnlyList<EnergyBlock> candidate, ImmutableArray<EnergyBlock> current) =>
        candidate.Count < current.Length || (candidate.Count == current.Length && Cost(day, candidate) < Cost(day, current));

    public static long Cost(EnergyDay day, IEnumerable<EnergyBlock> blocks) => blocks.Sum(b => BlockEnergy.CostFen(day, b));
}
