using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.Sat;
using TransitPairs.Optimization.Solving;
using SatIntVar = Google.OrTools.Sat.IntVar;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>
/// Sets the departure minute of every trip with CP-SAT, given the hourly departures of a
/// <see cref="FrequencyPlanner"/> plan.
/// </summary>
/// <remarks>
/// <para>Model, per direction with N departures (slots k = 0…N−1 in time order): an integer minute
/// t_k inside the window of the hour the plan gives it; t_0 = first and t_{N−1} = last departure;
/// h_min ≤ t_{k+1} − t_k ≤ h_max at the first terminal whatever the patterns. With several
/// patterns, a 0/1 choice per slot and pattern keeps each hour's pattern counts, except that
/// a substitute pattern may take any departure at its penalty.</para>
/// <para>Objective (minimised, in seconds of deviation):
/// even headway — Σ |60·(t_k − t_{k−1}) − ideal_k|, ideal = 3600 / n of the hour (in partial hours
/// window / n), and the mean of the two hours' ideals across an hour change, which gives Ceder's
/// smooth transitions between frequencies (Ceder 2007, ch. 5, "Timetable development");
/// even load — Σ |load_k − target_k| × 10 with load_k the passengers reaching the max-load point
/// between t_{k−1} and t_k (uniform arrivals inside each hour, in 1/60 passenger) and target the
/// hour's P_m / n, plus the even-headway term as a tie-breaker (one passenger of imbalance weighs
/// as 600 s of headway deviation);
/// minus, for each rail event met, passengers × <see cref="TimetablePreferences.TransferSecondsPerPassenger"/>;
/// plus, when clock-face times are asked for, a penalty per departure off a multiple of the step
/// and per departure not at the minute of its counterpart one hour earlier.</para>
/// </remarks>
public static class DepartureTimeSolver
{
    private const int LoadWeight = 10;

    /// <summary>The method, as outcomes name it.</summary>
    public const string Method = "CP-SAT departure times";

    /// <summary>Solves the problem within what is left of <paramref name="budget"/>; never prints.</summary>
    /// <param name="problem">The directions, rail events and preferences.</param>
    /// <param name="options">Workers and seed (and the time limit a remedy suggests raising).</param>
    /// <param name="budget">The wall clock this solve may use (all that is left of it).</param>
    public static SolveOutcome<TimetableSolution> Solve(TimetableProblem problem, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var started = budget.Elapsed;

        var model = new CpModel();
        var objective = new List<LinearExpr>();
        var directions = problem.Directions.Select(d => BuildDirection(model, d, problem.Preferences, objective)).ToArray();
        var transferTerms = AddTransfers(model, directions, problem, objective);
        model.Minimize(LinearExpr.Sum(objective));

        var limit = budget.Left();
        var solver = new CpSolver { StringParameters = CpSatParameters.For(options, limit) };
        var status = solver.Solve(model);
        var elapsed = budget.Elapsed - started;
        switch (status)
        {
            case CpSolverStatus.Optimal:
            case CpSolverStatus.Feasible:
                break;
            case CpSolverStatus.Infeasible:
                return new SolveOutcome<TimetableSolution>(SolveStatus.Infeasible, null, double.NaN, double.NaN, elapsed, Method)
                {
                    Explanation = InfeasibleReason(problem),
                };
            case CpSolverStatus.Unknown:
                return new SolveOutcome<TimetableSolution>(SolveStatus.NoSolutionFound, null, double.NaN, solver.BestObjectiveBound, elapsed, Method)
                {
                    Explanation = string.Create(CultureInfo.InvariantCulture, $"No timetable found within {limit.TotalSeconds:0.#} s; allow more time."),
                    Remedies = [LongerLimit(options)],
                };
            default:
                throw new InvalidOperationException($"CP-SAT rejected the timetable model ({status}): {model.Validate()}");
        }

        var trips = ImmutableArray.CreateBuilder<TimetableTrip>();
        foreach (var direction in directions)
        {
            for (var k = 0; k < direction.Slots.Length; k++)
            {
                var slot = direction.Slots[k];
                var minute = (int)solver.Value(slot.Departure);
                var pattern = slot.PatternChoice.Length == 0
                    ? slot.Patterns[0]
                    : slot.Patterns[Array.FindIndex(slot.PatternChoice, c => solver.BooleanValue(c))];
                var tripId = string.Create(CultureInfo.InvariantCulture, $"{direction.Input.DirectionId}-{k + 1:000}");
                trips.Add(TimetableTrip.FromOffsets(tripId, direction.Input.DirectionId, k, pattern, minute,
                    direction.Input.Pattern(pattern).StopsAt(slot.Hour)));
            }
        }

        var rewarded = transferTerms.Where(t => solver.BooleanValue(t.Met)).Sum(t => t.Event.Passengers);
        return new SolveOutcome<TimetableSolution>(
            status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible,
            new TimetableSolution(trips.ToImmutable(), rewarded),
            solver.ObjectiveValue,
            solver.BestObjectiveBound,
            elapsed,
            Method);
    }

    /// <summary>The remedy of a search the clock stopped: twice the time limit (at most the longest accepted).</summary>
    internal static MoreTime LongerLimit(SolveOptions options)
    {
        var doubled = options.TimeLimit * 2;
        return new MoreTime(doubled < SolveOptions.MaxTimeLimit ? doubled : SolveOptions.MaxTimeLimit);
    }

    private sealed record Slot(int Hour, int BinIndex, SatIntVar Departure, string[] Patterns, BoolVar[] PatternChoice);

    private sealed record DirectionModel(DirectionTimetableInput Input, Slot[] Slots);

    private sealed record TransferTerm(TransferEvent Event, BoolVar Met);

    private static DirectionModel BuildDirection(CpModel model, DirectionTimetableInput input, TimetablePreferences preferences, List<LinearExpr> objective)
    {
        var plan = input.Plan;
        var direction = plan.Direction;
        var bins = plan.Hours;
        var patternIds = direction.Patterns.Select(p => p.PatternId).ToArray();
        var slots = new List<Slot>();
        for (var b = 0; b < bins.Length; b++)
        {
            var bin = bins[b];
            var binSlots = new List<Slot>();
            for (var i = 0; i < bin.Departures; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{direction.DirectionId}_t{slots.Count + i}");
                var t = model.NewIntVar(bin.WindowStartMinute, bin.WindowEndMinute, name);
                // One pattern needs no choice; several get one 0/1 variable each.
                var choice = patternIds.Length == 1
                    ? Array.Empty<BoolVar>()
                    : patternIds.Select(p => model.NewBoolVar($"{name}_{p}")).ToArray();
                if (patternIds.Length > 1)
                {
                    model.AddExactlyOne(choice);
                }

                binSlots.Add(new Slot(bin.Hour, b, t, patternIds, choice));
            }

            if (patternIds.Length > 1)
            {
                // Each pattern keeps its count in the hour; with substitutes, a planned pattern
                // may give departures up to them (the slot count of the hour stays).
                for (var p = 0; p < patternIds.Length; p++)
                {
                    var used = LinearExpr.Sum(binSlots.Select(s => (LinearExpr)s.PatternChoice[p]));
                    var penalty = input.Substitutes.FirstOrDefault(s => s.PatternId == patternIds[p]);
                    if (penalty is not null)
                    {
                        objective.Add(penalty.PenaltySeconds * used);
                    }
                    else if (input.Substitutes.IsEmpty)
                    {
                        model.Add(used == bin.Patterns[p].Departures);
                    }
                    else
                    {
                        model.Add(used <= bin.Patterns[p].Departures);
                    }
                }
            }

            slots.AddRange(binSlots);
        }

        if (slots.Count == 0)
        {
            return new DirectionModel(input, []);
        }

        model.Add(slots[0].Departure == direction.FirstDepartureMinute);
        model.Add(slots[^1].Departure == direction.LastDepartureMinute);
        var idealSeconds = IdealHeadwaySeconds(bins);
        var headwayDeviations = new List<LinearExpr>();
        for (var k = 1; k < slots.Count; k++)
        {
            var gap = slots[k].Departure - slots[k - 1].Departure;
            model.Add(gap >= direction.Headways.MinMinutes);
            model.Add(gap <= direction.Headways.MaxMinutes);
            var ideal = (idealSeconds[slots[k - 1].BinIndex] + idealSeconds[slots[k].BinIndex]) / 2;
            var deviation = model.NewIntVar(0, 60L * 48 * 60, $"{direction.DirectionId}_hdev{k}");
            model.AddAbsEquality(deviation, (60 * gap) - ideal);
            headwayDeviations.Add(deviation);
        }

        objective.Add(LinearExpr.Sum(headwayDeviations));
        if (preferences.Objective == TimetableObjective.EvenLoad)
        {
            AddEvenLoad(model, direction, bins, slots, objective);
        }

        if (preferences.ClockFace)
        {
            AddClockFace(model, direction.DirectionId, bins, slots, preferences, objective);
        }

        return new DirectionModel(input, [.. slots]);
    }

    /// <summary>Ideal headway of each hour in seconds: window / n, the previous hour's for a short closing hour.</summary>
    private static long[] IdealHeadwaySeconds(ImmutableArray<HourFrequency> bins)
    {
        var ideal = new long[bins.Length];
        for (var b = 0; b < bins.Length; b++)
        {
            var bin = bins[b];
            var isShortClosingHour = b > 0 && b == bins.Length - 1 && bin.WindowMinutes < 60;
            ideal[b] = bin.Departures == 0 || isShortClosingHour
                ? (b > 0 ? ideal[b - 1] : 3600)
                : 60L * bin.WindowMinutes / bin.Departures;
        }

        return ideal;
    }

    private static void AddEvenLoad(CpModel model, DirectionDemand direction, ImmutableArray<HourFrequency> bins, List<Slot> slots, List<LinearExpr> objective)
    {
        // Cumulative arrivals at the max-load point from the first departure, in 1/60 passenger:
        // inside an hour's window, P_m passengers arrive at a uniform rate.
        var first = direction.FirstDepartureMinute;
        var span = direction.LastDepartureMinute - first;
        var cumulative = new long[span + 1];
        double running = 0;
        var binOfMinute = 0;
        for (var m = 0; m <= span; m++)
        {
            cumulative[m] = (long)Math.Round(running);
            while (bins[binOfMinute].WindowEndMinute < first + m)
            {
                binOfMinute++;
            }

            var bin = bins[binOfMinute];
            running += 60.0 * bin.MaxLoadPassengers / bin.WindowMinutes;
        }

        var target = bins.Select(b => b.Departures == 0 ? 0L : 60L * b.MaxLoadPassengers / b.Departures).ToArray();
        var arrivals = slots.Select((s, k) =>
        {
            var c = model.NewIntVar(0, cumulative[^1], $"{direction.DirectionId}_cum{k}");
            model.AddElement(s.Departure - first, cumulative, c);
            return c;
        }).ToArray();
        var deviations = new List<LinearExpr>();
        for (var k = 1; k < slots.Count; k++)
        {
            var goal = (target[slots[k - 1].BinIndex] + target[slots[k].BinIndex]) / 2;
            var deviation = model.NewIntVar(0, cumulative[^1] + goal, $"{direction.DirectionId}_ldev{k}");
            model.AddAbsEquality(deviation, arrivals[k] - arrivals[k - 1] - goal);
            deviations.Add(deviation);
        }

        objective.Add(LoadWeight * LinearExpr.Sum(deviations));
    }

    private static void AddClockFace(CpModel model, string directionId, ImmutableArray<HourFrequency> bins, List<Slot> slots, TimetablePreferences preferences, List<LinearExpr> objective)
    {
        var step = preferences.ClockFaceStepMinutes;
        var penalties = new List<LinearExpr>();
        var binStart = 0;
        for (var b = 0; b < bins.Length; b++)
        {
            var n = bins[b].Departures;
            for (var i = 0; i < n; i++)
            {
                var k = binStart + i;
                var t = slots[k].Departure;
                if (step > 1)
                {
                    // t = step·q + r; a departure with r = 0 is on the clock face.
                    var quotient = model.NewIntVar(0, 48 * 60 / step, $"{directionId}_cq{k}");
                    var remainder = model.NewIntVar(0, step - 1, $"{directionId}_cr{k}");
                    model.Add(t == (step * quotient) + remainder);
                    var onStep = model.NewBoolVar($"{directionId}_cs{k}");
                    model.Add(remainder == 0).OnlyEnforceIf(onStep);
                    penalties.Add(1 - (LinearExpr)onStep);
                }

                // The same minute past the hour as the matching departure of the previous hour.
                if (b > 0 && bins[b - 1].Departures == n && bins[b - 1].WindowMinutes == 60 && bins[b].WindowMinutes == 60)
                {
                    var repeats = model.NewBoolVar($"{directionId}_cr60_{k}");
                    model.Add(t - slots[k - n].Departure == 60).OnlyEnforceIf(repeats);
                    penalties.Add(1 - (LinearExpr)repeats);
                }
            }

            binStart += n;
        }

        objective.Add(preferences.ClockFacePenaltySeconds * LinearExpr.Sum(penalties));
    }

    private static List<TransferTerm> AddTransfers(CpModel model, DirectionModel[] directions, TimetableProblem problem, List<LinearExpr> objective)
    {
        var terms = new List<TransferTerm>();
        if (problem.Preferences.TransferSecondsPerPassenger == 0)
        {
            return terms;
        }

        foreach (var railEvent in problem.RailEvents)
        {
            if (railEvent.Passengers == 0)
            {
                continue;
            }

            var (from, to) = railEvent.BusWindow;
            var options = new List<ILiteral>();
            foreach (var direction in directions)
            {
                foreach (var slot in direction.Slots)
                {
                    var bin = direction.Input.Plan.Hours[slot.BinIndex];
                    for (var p = 0; p < slot.Patterns.Length; p++)
                    {
                        var stops = direction.Input.Pattern(slot.Patterns[p]).StopsAt(slot.Hour);
                        var index = stops.IndexOf(stops.FirstOrDefault(s => s.StopId == railEvent.StopId));
                        // A bus can take arriving train passengers only where it leaves the stop
                        // (not at its last stop), and bring passengers to a departing train only
                        // where it arrives (not at its first stop).
                        if (index < 0
                            || (railEvent.Kind == TransferEventKind.TrainArrival && index == stops.Length - 1)
                            || (railEvent.Kind == TransferEventKind.TrainDeparture && index == 0))
                        {
                            continue;
                        }

                        var offset = railEvent.Kind == TransferEventKind.TrainArrival ? stops[index].DepartureMinutes : stops[index].ArrivalMinutes;
                        var lo = from - offset;
                        var hi = to - offset;
                        if (hi < bin.WindowStartMinute || lo > bin.WindowEndMinute)
                        {
                            continue;
                        }

                        var meets = model.NewBoolVar($"{railEvent.EventId}_{slot.Departure.Name()}_{slot.Patterns[p]}");
                        model.Add(slot.Departure >= lo).OnlyEnforceIf(meets);
                        model.Add(slot.Departure <= hi).OnlyEnforceIf(meets);
                        if (slot.PatternChoice.Length > 1)
                        {
                            model.AddImplication(meets, slot.PatternChoice[p]);
                        }

                        options.Add(meets);
                    }
                }
            }

            if (options.Count == 0)
            {
                continue;
            }

            var met = model.NewBoolVar($"{railEvent.EventId}_met");
            options.Add(met.Not());
            model.AddBoolOr(options);
            terms.Add(new TransferTerm(railEvent, met));
            objective.Add(-(long)problem.Preferences.TransferSecondsPerPassenger * railEvent.Passengers * (LinearExpr)met);
        }

        return terms;
    }

    private static string InfeasibleReason(TimetableProblem problem)
    {
        var parts = problem.Directions.Select(d =>
        {
            var direction = d.Plan.Direction;
            var first = TimeText(direction.FirstDepartureMinute);
            var last = TimeText(direction.LastDepartureMinute);
            return string.Create(CultureInfo.InvariantCulture,
                $"{direction.DirectionId}: {d.Plan.TotalDepartures} departures from {first} to {last} with headways of {direction.Headways.MinMinutes}–{direction.Headways.MaxMinutes} min");
        });
        return "No timetable keeps every headway within the policy bounds while running the hourly departures demand needs (" +
            string.Join("; ", parts) + "). Widen the headway bounds or move the first or last departure.";
    }

    private static string TimeText(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}
