using Google.OrTools.Sat;
using TransitPairs.Duties;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Duties;

/// <summary>
/// The OR-Tools example's own CP-SAT model of its day (<c>bus_driver_scheduling_sat.py</c>, first
/// pass: fewest drivers), written again in C# as the yardstick for the column generation. As in the
/// example: twice the driving bound of drivers, each optional; per driver and piece a "performed"
/// literal and two accumulators (driving so far, driving since the last break); per driver a source
/// literal into every piece, a sink literal out of it, and a literal for every ordered pair of pieces
/// at least the least gap apart, which carries the accumulators on (or resets the one since the break
/// when the gap is a break); one way into and one way out of every piece per driver (an unperformed
/// piece loops on itself); every piece performed once; working time from set-up before the first
/// piece to clean-up after the last, between the least and the longest span for a driver who works;
/// the example's symmetry breaking (its first three pieces open the first three drivers, idle drivers
/// last) and its redundant "driving sums to the day's driving". Objective: working drivers.
/// </summary>
public static class ShiftDayCpSat
{
    /// <summary>
    /// Most arc literals (drivers × ordered pairs) the port builds: the example's formulation on the
    /// large day would need ≈ 190 million, far beyond this machine's memory.
    /// </summary>
    public const long MaxArcLiterals = 20_000_000;

    /// <summary>Arc literals of the example's model of <paramref name="instance"/>: drivers × compatible ordered pairs.</summary>
    public static long ArcLiterals(ShiftDayInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var p = instance.Pieces;
        long pairs = 0;
        foreach (var a in p)
        {
            foreach (var b in p)
            {
                if (b.StartMinute - a.EndMinute >= instance.Rules.MinGap)
                {
                    pairs++;
                }
            }
        }

        return pairs * Drivers(instance);
    }

    /// <summary>The example's driver count: twice the driving of the day over the most driving per driver, rounded up.</summary>
    public static int Drivers(ShiftDayInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var total = instance.Pieces.Sum(x => x.DrivingMinutes);
        return 2 * (int)Math.Ceiling(total / (double)instance.Rules.MaxDriving);
    }

    /// <summary>
    /// Solves the example's model within <paramref name="budget"/>. The objective and bound are in the
    /// column generation's units (drivers × <see cref="CrewBenchmarkSolver.ShiftDriverWeight"/> +
    /// working minutes; the bound is CP-SAT's driver bound × the weight) so both read alike.
    /// </summary>
    public static SolveOutcome<CrewDuties> Solve(ShiftDayInstance instance, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var literals = ArcLiterals(instance);
        var drivers = Drivers(instance);
        if (literals > MaxArcLiterals)
        {
            return new SolveOutcome<CrewDuties>(SolveStatus.NoSolutionFound, null, double.NaN, 0, budget.Elapsed, "CP-SAT port of the OR-Tools example")
            {
                Explanation = $"The example's model would hold {literals:N0} arc literals ({drivers} drivers × ordered pairs of pieces), above the {MaxArcLiterals:N0} this port builds.",
            };
        }

        var r = instance.Rules;
        var p = instance.Pieces;
        var n = p.Length;
        var minStart = p.Min(x => x.StartMinute);
        var maxEnd = p.Max(x => x.EndMinute);
        var totalDriving = p.Sum(x => x.DrivingMinutes);
        var model = new CpModel();
        var performed = new BoolVar[drivers, n];
        var starting = new BoolVar[drivers, n];
        var working = new BoolVar[drivers];
        var drivingTimes = new IntVar[drivers];
        var sharedIn = new List<ILiteral>[n];
        var sharedOut = new List<ILiteral>[n];
        for (var s = 0; s < n; s++)
        {
            sharedIn[s] = [];
            sharedOut[s] = [];
        }

        for (var d = 0; d < drivers; d++)
        {
            var start = model.NewIntVar(minStart - r.SetupBefore, maxEnd, $"start_{d}");
            var end = model.NewIntVar(minStart, maxEnd + r.CleanupAfter, $"end_{d}");
            drivingTimes[d] = model.NewIntVar(0, r.MaxDriving, $"driving_{d}");
            var workingTime = model.NewIntVar(0, r.MaxSpan, $"working_{d}");
            var total = new IntVar[n];
            var sinceBreak = new IntVar[n];
            var incoming = new List<ILiteral>[n];
            var outgoing = new List<ILiteral>[n];
            var fromSource = new List<ILiteral>();
            var toSink = new List<ILiteral>();
            for (var s = 0; s < n; s++)
            {
                total[s] = model.NewIntVar(0, r.MaxDriving, string.Empty);
                sinceBreak[s] = model.NewIntVar(0, r.MaxContinuous, string.Empty);
                performed[d, s] = model.NewBoolVar(string.Empty);
                incoming[s] = [];
                outgoing[s] = [];
            }

            for (var s = 0; s < n; s++)
            {
                var piece = p[s];
                var source = model.NewBoolVar(string.Empty);
                fromSource.Add(source);
                incoming[s].Add(source);
                sharedIn[s].Add(source);
                model.Add(start == piece.StartMinute - r.SetupBefore).OnlyEnforceIf(source);
                model.Add(total[s] == piece.DrivingMinutes).OnlyEnforceIf(source);
                model.Add(sinceBreak[s] == piece.DrivingMinutes).OnlyEnforceIf(source);
                starting[d, s] = source;

                var sink = model.NewBoolVar(string.Empty);
                outgoing[s].Add(sink);
                sharedOut[s].Add(sink);
                toSink.Add(sink);
                model.Add(end == piece.EndMinute + r.CleanupAfter).OnlyEnforceIf(sink);
                model.Add(drivingTimes[d] == total[s]).OnlyEnforceIf(sink);

                // Not performed: accumulators at 0 and a loop on the piece.
                model.Add(total[s] == 0).OnlyEnforceIf(performed[d, s].Not());
                model.Add(sinceBreak[s] == 0).OnlyEnforceIf(performed[d, s].Not());
                incoming[s].Add(performed[d, s].Not());
                outgoing[s].Add(performed[d, s].Not());

                // Performed: the driver's day covers the piece.
                model.Add(start <= piece.StartMinute - r.SetupBefore).OnlyEnforceIf(performed[d, s]);
                model.Add(end >= piece.EndMinute + r.CleanupAfter).OnlyEnforceIf(performed[d, s]);

                for (var o = 0; o < n; o++)
                {
                    var other = p[o];
                    var delay = other.StartMinute - piece.EndMinute;
                    if (delay < r.MinGap)
                    {
                        continue;
                    }

                    var arc = model.NewBoolVar(string.Empty);
                    model.Add(total[o] == total[s] + other.DrivingMinutes).OnlyEnforceIf(arc);
                    if (delay >= r.MinBreak)
                    {
                        model.Add(sinceBreak[o] == other.DrivingMinutes).OnlyEnforceIf(arc);
                    }
                    else
                    {
                        model.Add(sinceBreak[o] == sinceBreak[s] + other.DrivingMinutes).OnlyEnforceIf(arc);
                    }

                    outgoing[s].Add(arc);
                    sharedOut[s].Add(arc);
                    incoming[o].Add(arc);
                    sharedIn[o].Add(arc);
                }
            }

            model.Add(workingTime == end - start);
            working[d] = model.NewBoolVar($"working_{d}");
            model.Add(start == minStart).OnlyEnforceIf(working[d].Not());
            model.Add(end == minStart).OnlyEnforceIf(working[d].Not());
            model.Add(drivingTimes[d] == 0).OnlyEnforceIf(working[d].Not());
            fromSource.Add(working[d].Not());
            toSink.Add(working[d].Not());
            model.Add(workingTime >= r.MinSpan).OnlyEnforceIf(working[d]);
            model.Add(workingTime == 0).OnlyEnforceIf(working[d].Not());

            model.AddExactlyOne(fromSource);
            for (var s = 0; s < n; s++)
            {
                model.AddExactlyOne(outgoing[s]);
                model.AddExactlyOne(incoming[s]);
            }

            model.AddExactlyOne(toSink);
        }

        for (var s = 0; s < n; s++)
        {
            model.AddExactlyOne(Enumerable.Range(0, drivers).Select(d => (ILiteral)performed[d, s]));
            model.AddExactlyOne(sharedIn[s]);
            model.AddExactlyOne(sharedOut[s]);
        }

        // Symmetry breaking as in the example, where it holds: pieces that pairwise overlap and that
        // nothing can precede each open their own driver.
        var openers = Openers(instance, Math.Min(3, drivers));
        for (var d = 0; d < openers.Count; d++)
        {
            model.Add(starting[d, openers[d]] == 1);
        }

        for (var d = 0; d + 1 < drivers; d++)
        {
            model.AddImplication(working[d].Not(), working[d + 1].Not());
        }

        model.Add(LinearExpr.Sum(drivingTimes) == totalDriving);
        model.Minimize(LinearExpr.Sum(working));

        var solver = new CpSolver { StringParameters = CpSatParameters.For(options, budget.Remaining) };
        var status = solver.Solve(model);
        var method = $"CP-SAT port of the OR-Tools example ({drivers} optional drivers, {literals:N0} arc literals)";
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new SolveOutcome<CrewDuties>(SolveStatus.NoSolutionFound, null, double.NaN, 0, budget.Elapsed, method)
            {
                Explanation = status == CpSolverStatus.Infeasible
                    ? $"CP-SAT proves that the example's {drivers} drivers cannot cover the day."
                    : $"CP-SAT found no solution in {budget.Elapsed.TotalSeconds:0.#} s (status {status}).",
            };
        }

        var duties = new List<IReadOnlyList<int>>();
        for (var d = 0; d < drivers; d++)
        {
            var pieces = Enumerable.Range(0, n).Where(s => solver.BooleanValue(performed[d, s])).OrderBy(s => p[s].StartMinute).ToList();
            if (pieces.Count > 0)
            {
                duties.Add(pieces);
            }
        }

        var cost = duties.Sum(t => CrewBenchmarkSolver.ShiftDriverWeight + r.SetupBefore + r.CleanupAfter + p[t[^1]].EndMinute - p[t[0]].StartMinute);

        // CP-SAT bounds drivers only; working time is not minimised in this pass, so the answer stays "feasible".
        var bound = Math.Ceiling(solver.BestObjectiveBound - 1e-6) * CrewBenchmarkSolver.ShiftDriverWeight;
        return new SolveOutcome<CrewDuties>(SolveStatus.Feasible, new CrewDuties(duties, [], cost), cost, bound, budget.Elapsed, method)
        {
            Explanation = status == CpSolverStatus.Optimal ? "CP-SAT proves the drivers fewest (this pass does not minimise working time)." : null,
        };
    }

    /// <summary>The first pieces (up to <paramref name="count"/>) in the example's order that pairwise overlap and that no piece can precede.</summary>
    private static List<int> Openers(ShiftDayInstance instance, int count)
    {
        var p = instance.Pieces;
        var gap = instance.Rules.MinGap;
        var openers = new List<int>();
        for (var s = 0; s < Math.Min(count, p.Length); s++)
        {
            var nothingBefore = p.All(o => p[s].StartMinute - o.EndMinute < gap);
            var overlapsAll = openers.All(o => p[s].StartMinute - p[o].EndMinute < gap && p[o].StartMinute - p[s].EndMinute < gap);
            if (!nothingBefore || !overlapsAll)
            {
                break;
            }

            openers.Add(s);
        }

        return openers;
    }
}
