using Google.OrTools.LinearSolver;
using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The master LP of battery blocks (GLOP): a variable per block column, each trip covered at least
/// once, each fleet slot sending out at most its vehicles, minimise the vehicles. Charger points
/// are relaxed here (a bus may charge whenever it stands at a charger); the integer plan respects
/// them. Columns come from <see cref="BlockPricing"/>; a trip may stay uncovered at a price above
/// any fleet, so that the LP is never infeasible on the columns it holds.
/// <para>The bound: for any trip duals π ≥ 0, Σ π + Σ_slots U_c · min(0, least reduced cost of slot c)
/// is a lower bound on the fleet of every plan (Lagrangian relaxation of the cover rows, with U_c
/// the slot's vehicles), valid whenever the pricing was exact. When it exceeds every vehicle of
/// the fleet, no plan exists.</para>
/// </summary>
internal sealed class BlockMasterLp : IDisposable
{
    private readonly EnergyDay day;
    private readonly double uncoveredPrice;
    private MpSolver lp;
    private Constraint[] cover;
    private Constraint?[] slotRows;
    private Objective objective;
    private readonly List<Variable> columns = [];
    private readonly List<Variable> uncovered = [];
    private readonly List<Variable> over = [];
    private bool boxed;

    /// <summary>GLOP without presolve keeps its basis when columns are added: each re-solve is a warm start.</summary>
    private const string GlopParameters = "use_preprocessing: false";

    /// <summary>
    /// With <c>warmStarts</c> GLOP may also switch to the dual simplex when only bounds changed (a dive's fixed column, hidden
    /// columns): a warm start too. A solve that sees both new columns and changed bounds starts from the old basis's
    /// statuses with every pricing norm recomputed, which took seconds a solve at 1,000 trips; the caller then solves after
    /// <see cref="Hide"/>, before new columns come, and adds a hidden column priced again as a copy.
    /// </summary>
    private const string WarmStartParameters = GlopParameters + " allow_simplex_algorithm_change: true";

    private readonly bool warmStarts;

    /// <summary>Price of an uncovered trip when every trip has a column of its own and no slot binds.</summary>
    public const double LowUncoveredPrice = 2;

    /// <param name="day">The day.</param>
    /// <param name="lowPrice">True when every trip will have a one-trip column and no slot has fewer vehicles than trips: an uncovered trip then costs <see cref="LowUncoveredPrice"/>.</param>
    /// <param name="warmStarts">True: GLOP may switch to the dual simplex when only bounds changed (<see cref="WarmStartParameters"/>).</param>
    public BlockMasterLp(EnergyDay day, bool lowPrice, bool warmStarts = false)
    {
        this.day = day;
        this.warmStarts = warmStarts;
        var n = day.TripCount;
        // Any price gives valid duals for the Lagrangian bound; the price sets their scale. Where no
        // slot can run short of vehicles and every trip has a column of its own (lowPrice), two
        // vehicles per uncovered trip keeps the duals at the scale of the fleet from the first round,
        // instead of a long heading-in from duals in the thousands.
        uncoveredPrice = lowPrice ? LowUncoveredPrice : day.Slots.Sum(s => (double)Math.Min(s.Count, n)) + n + 1;
        (lp, cover, slotRows, objective) = Build();
    }

    /// <summary>A new GLOP model with the cover and slot rows (and each trip's uncovered and over-cover columns), no block columns yet.</summary>
    private (MpSolver Lp, Constraint[] Cover, Constraint?[] SlotRows, Objective Objective) Build()
    {
        var lp = MpSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        lp.SuppressOutput();
        lp.SetSolverSpecificParametersAsString(warmStarts ? WarmStartParameters : GlopParameters);
        var objective = lp.Objective();
        objective.SetMinimization();
        var n = day.TripCount;
        var cover = new Constraint[n];
        uncovered.Clear();
        over.Clear();
        for (var i = 0; i < n; i++)
        {
            cover[i] = lp.MakeConstraint(1, 1, $"cover{i}");
            var open = lp.MakeNumVar(0, double.PositiveInfinity, $"u{i}");
            cover[i].SetCoefficient(open, 1);
            objective.SetCoefficient(open, uncoveredPrice);
            uncovered.Add(open);

            // Over-cover, used only by the dual box (SetBox): off until then.
            var extra = lp.MakeNumVar(0, 0, $"v{i}");
            cover[i].SetCoefficient(extra, -1);
            over.Add(extra);
        }

        var slotRows = new Constraint?[day.SlotCount];
        for (var c = 0; c < day.SlotCount; c++)
        {
            if (day.Slots[c].Count < n)
            {
                slotRows[c] = lp.MakeConstraint(double.NegativeInfinity, day.Slots[c].Count, $"slot{c}");
            }
        }

        return (lp, cover, slotRows, objective);
    }

    /// <summary>
    /// Starts the LP again without block columns, box, hidden or fixed columns (the caller adds the columns it keeps):
    /// a small LP for the integer stage, whose re-solves are fast.
    /// </summary>
    public void Restart()
    {
        lp.Dispose();
        _ = NativeHeap.Trim();
        columns.Clear();
        hidden.Clear();
        boxed = false;
        (lastDuals, lastPenalties) = ([], []);
        (lp, cover, slotRows, objective) = Build();
    }

    public int ColumnCount => columns.Count;

    /// <summary>The vehicles a slot can send out at most in any plan (its count, or the trips when that is fewer).</summary>
    public int Upper(int c) => Math.Min(day.Slots[c].Count, day.TripCount);

    public void Add(EnergyBlock block)
    {
        var x = lp.MakeNumVar(0, double.PositiveInfinity, $"x{columns.Count}");
        objective.SetCoefficient(x, 1);
        foreach (var i in block.Trips)
        {
            cover[i].SetCoefficient(x, 1);
        }

        slotRows[block.Slot]?.SetCoefficient(x, 1);
        columns.Add(x);
    }

    /// <summary>Solves the LP on its columns: its value, the trip duals (≥ 0) and the slot penalties (≥ 0).</summary>
    public (double Value, double[] Duals, double[] SlotPenalties) Solve(TimeSpan limit)
    {
        LinearSolverSetup.SetLimit(lp, limit);
        var status = lp.Solve();
        if (status is not (MpSolver.ResultStatus.OPTIMAL or MpSolver.ResultStatus.FEASIBLE))
        {
            throw new InvalidOperationException($"The block master LP ended {status}.");
        }

        var duals = cover.Select(r => r.DualValue()).ToArray();
        var penalties = slotRows.Select(r => r is null ? 0 : Math.Max(0, -r.DualValue())).ToArray();
        (lastDuals, lastPenalties) = (duals, penalties);
        return (objective.Value(), duals, penalties);
    }

    /// <summary>
    /// Box-step stabilisation: keeps each trip's dual within <paramref name="delta"/> of <paramref name="centre"/>
    /// (an uncovered trip then costs at most centre + delta, an over-covered one, up to once, pays back
    /// centre − delta). The LP's value is then not the master's; <see cref="ClearBox"/> restores it.
    /// </summary>
    public void SetBox(double[] centre, double delta)
    {
        for (var i = 0; i < cover.Length; i++)
        {
            objective.SetCoefficient(uncovered[i], Math.Min(uncoveredPrice, centre[i] + delta));
            objective.SetCoefficient(over[i], -(centre[i] - delta));
            over[i].SetUb(1);
        }

        boxed = true;
    }

    /// <summary>Removes the box of <see cref="SetBox"/> (nothing when none is set).</summary>
    public void ClearBox()
    {
        if (!boxed)
        {
            return;
        }

        for (var i = 0; i < cover.Length; i++)
        {
            objective.SetCoefficient(uncovered[i], uncoveredPrice);
            objective.SetCoefficient(over[i], 0);
            over[i].SetUb(0);
        }

        boxed = false;
    }

    /// <summary>True when the last solve used the box's uncovered or over-covered trips (its value is not the master's).</summary>
    public bool BoxBinds() => boxed && (over.Any(v => v.SolutionValue() > 1e-6) || uncovered.Any(u => u.SolutionValue() > 1e-6));

    /// <summary>Fixes column <paramref name="k"/> at 1 (diving).</summary>
    public void Fix(int k) => columns[k].SetLb(1);

    /// <summary>Columns the LP currently does not see (<see cref="Hide"/>).</summary>
    public int HiddenCount => hidden.Count;

    private readonly HashSet<int> hidden = [];

    /// <summary>
    /// Keeps the LP small: after a solve, every column at 0 (<paramref name="blocks"/>: the columns in the order they were added) whose reduced cost exceeds
    /// <paramref name="above"/> gets the upper bound 0, so the simplex no longer prices it (the column
    /// stays in the pool; <see cref="Show"/> brings it back when pricing finds it again, <see cref="ShowAll"/> brings them all back). Returns how many were hidden.
    /// </summary>
    public int Hide(IReadOnlyList<EnergyBlock> blocks, double above)
    {
        var count = 0;
        var values = Values();
        for (var k = 0; k < columns.Count; k++)
        {
            var x = columns[k];
            if (!hidden.Contains(k) && x.Lb() < 0.5 && values[k] < 1e-9 && ReducedCost(blocks[k]) > above)
            {
                x.SetUb(0);
                hidden.Add(k);
                count++;
            }
        }

        return count;
    }

    /// <summary>True when column <paramref name="k"/> is hidden (<see cref="Hide"/>).</summary>
    public bool IsHidden(int k) => hidden.Contains(k);

    /// <summary>Brings a hidden column back into the LP; false when it was not hidden.</summary>
    public bool Show(int k)
    {
        if (!hidden.Remove(k))
        {
            return false;
        }

        columns[k].SetUb(double.PositiveInfinity);
        return true;
    }

    /// <summary>Brings every hidden column back (when the box is cleared: columns far from entering at the box's duals may be needed at the master's).</summary>
    public void ShowAll()
    {
        foreach (var k in hidden)
        {
            columns[k].SetUb(double.PositiveInfinity);
        }

        hidden.Clear();
    }

    private double[] lastDuals = [];
    private double[] lastPenalties = [];

    /// <summary>Reduced cost of <paramref name="block"/> at the duals of the last solve (0 before any): one vehicle less its trips' duals, plus its slot's penalty.</summary>
    public double ReducedCost(EnergyBlock block) =>
        lastDuals.Length == 0 ? 0 : 1 - block.Trips.Sum(i => lastDuals[i]) + lastPenalties[block.Slot];

    /// <summary>Reduced costs at the duals of the last solve, kept when later solves move the duals (the converged LP's, before diving fixes columns).</summary>
    public Func<EnergyBlock, double> ReducedCostsNow()
    {
        var (duals, penalties) = (lastDuals, lastPenalties);
        return block => duals.Length == 0 ? 0 : 1 - block.Trips.Sum(i => duals[i]) + penalties[block.Slot];
    }

    /// <summary>How much of the trips the last solve left uncovered (0 when every trip is covered by columns).</summary>
    public double Uncovered() => uncovered.Sum(u => u.SolutionValue());

    /// <summary>Value of each column in the last solve.</summary>
    public double[] Values() => [.. columns.Select(x => x.SolutionValue())];

    public void Dispose() => lp.Dispose();
}
