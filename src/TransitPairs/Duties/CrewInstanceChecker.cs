using System.Globalization;

namespace TransitPairs.Duties;

/// <summary>
/// Checks answers to the public crew benchmarks from the instance alone (written apart from the
/// solver): every task covered once, every link allowed, every duty within the rules, the count and
/// the cost as reported. An empty list means the answer is valid.
/// </summary>
public static class CrewInstanceChecker
{
    /// <summary>Beasley–Cao: exactly <paramref name="crews"/> duties (when given), arcs exist, span ≤ T, cost = Σ arcs.</summary>
    public static IReadOnlyList<string> Check(BeasleyCaoInstance instance, int? crews, IReadOnlyList<IReadOnlyList<int>> duties, long reportedCost)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(duties);
        var problems = new List<string>();
        var arcCost = new Dictionary<(int, int), int>();
        foreach (var a in instance.Arcs)
        {
            arcCost[(a.From, a.To)] = a.Cost;
        }

        if (crews is { } k && duties.Count != k)
        {
            problems.Add(F($"{duties.Count} duties, not exactly {k}."));
        }

        long cost = 0;
        for (var d = 0; d < duties.Count; d++)
        {
            var duty = duties[d];
            if (duty.Count == 0)
            {
                problems.Add(F($"duty {d} is empty."));
                continue;
            }

            for (var i = 1; i < duty.Count; i++)
            {
                if (arcCost.TryGetValue((duty[i - 1], duty[i]), out var c))
                {
                    cost += c;
                }
                else
                {
                    problems.Add(F($"duty {d}: task {duty[i] + 1} may not follow task {duty[i - 1] + 1}."));
                }
            }

            var span = instance.Tasks[duty[^1]].EndMinute - instance.Tasks[duty[0]].StartMinute;
            if (span > instance.MaxSpanMinutes)
            {
                problems.Add(F($"duty {d} spans {span} min, more than {instance.MaxSpanMinutes}."));
            }
        }

        CoverOnce(instance.Tasks.Length, duties, "task", problems);
        if (cost != reportedCost)
        {
            problems.Add(F($"the duties cost {cost}, not the {reportedCost} reported."));
        }

        return problems;
    }

    /// <summary>CSPLib set partitioning: the chosen shifts (indexes) cover every piece exactly once; cost as reported.</summary>
    public static IReadOnlyList<string> Check(SetPartitioningInstance instance, IReadOnlyList<int> chosenShifts, long reportedCost)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(chosenShifts);
        var problems = new List<string>();
        var duties = new List<IReadOnlyList<int>>();
        long cost = 0;
        foreach (var s in chosenShifts)
        {
            if (s < 0 || s >= instance.Shifts.Length)
            {
                problems.Add(F($"shift {s} is not a candidate of the instance."));
                continue;
            }

            duties.Add(instance.Shifts[s].Pieces);
            cost += instance.Shifts[s].Cost;
        }

        if (chosenShifts.Distinct().Count() != chosenShifts.Count)
        {
            problems.Add("a shift is chosen twice.");
        }

        CoverOnce(instance.Pieces, duties, "piece", problems);
        if (cost != reportedCost)
        {
            problems.Add(F($"the shifts cost {cost}, not the {reportedCost} reported."));
        }

        return problems;
    }

    /// <summary>The OR-Tools example's rules: pieces in time order at least MinGap apart, driving, continuous driving, span limits.</summary>
    public static IReadOnlyList<string> Check(ShiftDayInstance instance, IReadOnlyList<IReadOnlyList<int>> duties)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(duties);
        var r = instance.Rules;
        var problems = new List<string>();
        for (var d = 0; d < duties.Count; d++)
        {
            var pieces = duties[d].Select(i => instance.Pieces[i]).ToList();
            if (pieces.Count == 0)
            {
                problems.Add(F($"driver {d} has no piece of work."));
                continue;
            }

            var driving = 0;
            var sinceBreak = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                if (i > 0)
                {
                    var gap = pieces[i].StartMinute - pieces[i - 1].EndMinute;
                    if (gap < r.MinGap)
                    {
                        problems.Add(F($"driver {d}: piece {pieces[i].Id} starts {gap} min after piece {pieces[i - 1].Id} ends (at least {r.MinGap})."));
                    }

                    if (gap >= r.MinBreak)
                    {
                        sinceBreak = 0;
                    }
                }

                driving += pieces[i].DrivingMinutes;
                sinceBreak += pieces[i].DrivingMinutes;
                if (sinceBreak > r.MaxContinuous)
                {
                    problems.Add(F($"driver {d}: {sinceBreak} min of driving without a {r.MinBreak}-min break by piece {pieces[i].Id} (at most {r.MaxContinuous})."));
                }
            }

            if (driving > r.MaxDriving)
            {
                problems.Add(F($"driver {d} drives {driving} min (at most {r.MaxDriving})."));
            }

            var span = pieces[^1].EndMinute + r.CleanupAfter - (pieces[0].StartMinute - r.SetupBefore);
            if (span > r.MaxSpan || span < r.MinSpan)
            {
                problems.Add(F($"driver {d} works {span} min, outside {r.MinSpan}–{r.MaxSpan}."));
            }
        }

        CoverOnce(instance.Pieces.Length, duties, "piece", problems);
        return problems;
    }

    private static void CoverOnce(int count, IEnumerable<IReadOnlyList<int>> duties, string what, List<string> problems)
    {
        var times = new int[count];
        foreach (var duty in duties)
        {
            foreach (var t in duty)
            {
                if (t < 0 || t >= count)
                {
                    problems.Add(F($"{what} {t} does not exist."));
                    continue;
                }

                times[t]++;
            }
        }

        for (var t = 0; t < count; t++)
        {
            if (times[t] != 1)
            {
                problems.Add(F($"{what} {t} is covered {times[t]} times, not once."));
            }
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
