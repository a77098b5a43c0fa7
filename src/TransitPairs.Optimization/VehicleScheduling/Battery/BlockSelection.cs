using Google.OrTools.Sat;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Integer blocks from the generated columns (price-and-branch): CP-SAT picks one boolean per
/// column so that every trip is run exactly once, each slot sends out at most its vehicles, and at
/// every session start no charger site has more buses plugged in than points (the sessions as the
/// columns hold them, half-open); minimise vehicles × 10⁸ + cost in fen. Hinted with the best plan
/// so far, so it returns at least that plan.
/// </summary>
internal static class BlockSelection
{
    /// <summary>Weight of a vehicle in the objective, fen: any vehicle saved outweighs any cost.</summary>
    public const long VehicleWeight = 100_000_000;

    /// <summary>The chosen columns and whether CP-SAT proved them best among the columns; null when it found nothing.</summary>
    public static (List<EnergyBlock> Blocks, bool Proved)? Select(EnergyDay day, IReadOnlyList<EnergyBlock> candidates, IReadOnlyList<EnergyBlock> hint, string parameters)
    {
        // The hint's blocks are columns too (their sessions may have been moved after they were generated).
        var columns = candidates.Concat(hint).ToList();
        var model = new CpModel();
        var y = columns.Select((_, k) => model.NewBoolVar($"y{k}")).ToArray();
        var byTrip = Enumerable.Range(0, day.TripCount).Select(_ => new List<BoolVar>()).ToArray();
        var bySlot = Enumerable.Range(0, day.SlotCount).Select(_ => new List<BoolVar>()).ToArray();
        var sessions = Enumerable.Range(0, day.Sites.Length).Select(_ => new List<(int Start, int End, int Column)>()).ToArray();
        var cost = new long[columns.Count];
        for (var k = 0; k < columns.Count; k++)
        {
            var block = columns[k];
            foreach (var i in block.Trips)
            {
                byTrip[i].Add(y[k]);
            }

            bySlot[block.Slot].Add(y[k]);
            foreach (var stop in block.Charges)
            {
                if (stop is { } s)
                {
                    sessions[s.Site].Add((s.Start, s.End, k));
                }
            }

            cost[k] = VehicleWeight + BlockEnergy.CostFen(day, block);
        }

        foreach (var list in byTrip)
        {
            model.AddExactlyOne(list);
        }

        for (var c = 0; c < day.SlotCount; c++)
        {
            if (bySlot[c].Count > day.Slots[c].Count)
            {
                model.Add(LinearExpr.Sum(bySlot[c]) <= day.Slots[c].Count);
            }
        }

        for (var s = 0; s < sessions.Length; s++)
        {
            var points = day.Sites[s].Points;
            foreach (var t in sessions[s].Select(x => x.Start).Distinct())
            {
                var active = sessions[s].Where(x => x.Start <= t && t < x.End).Select(x => y[x.Column]).Distinct().ToList();
                if (active.Count > points)
                {
                    model.Add(LinearExpr.Sum(active) <= points);
                }
            }
        }

        model.Minimize(LinearExpr.WeightedSum(y, cost));
        var index = new Dictionary<EnergyBlock, int>();
        for (var k = 0; k < columns.Count; k++)
        {
            index.TryAdd(columns[k], k);
        }

        var chosen = hint.Select(b => index.TryGetValue(b, out var k) ? k : -1).ToHashSet();
        if (!chosen.Contains(-1))
        {
            for (var k = 0; k < columns.Count; k++)
            {
                model.AddHint(y[k], chosen.Contains(k));
            }
        }

        var solver = new CpSolver { StringParameters = parameters };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }

        var picked = Enumerable.Range(0, columns.Count).Where(k => solver.BooleanValue(y[k])).Select(k => columns[k]).ToList();
        return (picked, status == CpSolverStatus.Optimal);
    }
}
