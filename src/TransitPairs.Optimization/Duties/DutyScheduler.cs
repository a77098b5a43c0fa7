using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.Duties;

/// <summary>Driver duties of a day with their figures.</summary>
/// <param name="Crew">The duties.</param>
/// <param name="DriverLowerBound">No set of duties under the rules has fewer drivers: the larger of the LP bound of a drivers-only objective (rounded up) and the most pieces under way at once.</param>
/// <param name="PaidHours">Σ paid time (sign-on to sign-off, less unpaid split breaks), hours.</param>
/// <param name="DrivingHours">Σ driving time, hours.</param>
/// <param name="Pieces">Pieces of work the blocks were cut into.</param>
public sealed record DutySolution(CrewSchedule Crew, int DriverLowerBound, double PaidHours, double DrivingHours, int Pieces)
{
    public int Drivers => Crew.Drivers;

    /// <summary>Driving / paid time (0–1).</summary>
    public double Efficiency => PaidHours > 0 ? DrivingHours / PaidHours : 0;
}

/// <summary>
/// Driver duties for vehicle blocks (<see cref="DutyProblem"/>): the blocks are cut into pieces of
/// work at relief points; a duty is a chain of pieces (the next piece of the same vehicle, or any
/// piece that leaves the same relief point after the least changeover) within the span, driving and
/// continuous-driving rules; set partitioning by column generation (<see cref="ColumnGeneration"/>)
/// chooses the duties. Objective: drivers × <see cref="DutyRules.DriverWeightMinutes"/> + paid minutes.
/// The LP of a drivers-only objective (every duty costs 1) gives the driver lower bound. Every answer passes <see cref="DutyChecker"/>.
/// </summary>
public static class DutyScheduler
{
    public static SolveOutcome<DutySolution> Solve(DutyProblem problem, SolveOptions options, WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        return CheckedSolve.Run(() => SolveUnchecked(problem, options, budget), s => DutyChecker.Check(problem, s.Crew), "driver duties");
    }

    /// <summary>A piece of work: consecutive block events of one vehicle between two relief points.</summary>
    internal sealed record Piece(string VehicleId, int Block, int Order, ImmutableArray<BlockEvent> Events, int DrivingSeconds, int NightSeconds)
    {
        public ServiceTime Start => Events[0].Start;

        public ServiceTime End => Events[^1].End;

        public string FromStop => Events[0].FromStop;

        public string ToStop => Events[^1].ToStop;
    }

    /// <summary>Cuts every block at its relief points (trips and empty runs that take time are driven; events in between ride along).</summary>
    internal static List<Piece> Cut(DutyProblem problem)
    {
        var pieces = new List<Piece>();
        for (var b = 0; b < problem.Schedule.Blocks.Length; b++)
        {
            var block = problem.Schedule.Blocks[b];
            var events = block.Events;
            var driven = Enumerable.Range(0, events.Length).Where(i => DutyProblem.IsDriving(events[i])).ToList();
            var order = 0;
            var first = 0;
            for (var k = 0; k < driven.Count; k++)
            {
                var last = k == driven.Count - 1 || problem.ReliefPoints.Contains(events[driven[k]].ToStop);
                if (!last)
                {
                    continue;
                }

                var slice = events.Skip(driven[first]).Take(driven[k] - driven[first] + 1).ToImmutableArray();
                var drivingEvents = slice.Where(DutyProblem.IsDriving).ToList();
                pieces.Add(new Piece(block.VehicleId, b, order++, slice,
                    drivingEvents.Sum(e => e.End.TotalSeconds - e.Start.TotalSeconds),
                    drivingEvents.Sum(e => problem.Duties.NightSeconds(e.Start, e.End))));
                first = k + 1;
            }
        }

        return pieces;
    }

    internal static DutyGraph Graph(DutyProblem problem, List<Piece> pieces, bool driversOnly)
    {
        var r = problem.Duties;
        var n = pieces.Count;
        var changeover = (int)r.MinChangeover.TotalSeconds;
        var split = (int)r.MinSplitBreak.TotalSeconds;
        var successors = new int[n][];
        var costs = new long[n][];
        var maxSpan = (int)r.MaxSpan.TotalSeconds;
        var before = (int)r.SignOn.TotalSeconds;
        var after = (int)r.SignOff.TotalSeconds;
        for (var i = 0; i < n; i++)
        {
            var pi = pieces[i];
            var next = new List<int>();
            for (var j = 0; j < n; j++)
            {
                var pj = pieces[j];
                var gap = pj.Start.TotalSeconds - pi.End.TotalSeconds;
                var sameVehicleNext = pj.Block == pi.Block && pj.Order == pi.Order + 1;
                var relief = !sameVehicleNext && pj.FromStop == pi.ToStop && problem.ReliefPoints.Contains(pj.FromStop) && gap >= changeover;
                if ((sameVehicleNext || relief) && gap >= 0 && pj.End.TotalSeconds + after - (pi.Start.TotalSeconds - before) <= maxSpan && (i != j))
                {
                    next.Add(j);
                }
            }

            successors[i] = [.. next];
            costs[i] = [.. next.Select(j =>
            {
                if (driversOnly)
                {
                    return 0L;
                }

                var gap = pieces[j].Start.TotalSeconds - pi.End.TotalSeconds;
                var unpaid = r.SplitDuties && gap >= split ? gap : 0;
                return (long)(pieces[j].End.TotalSeconds - pi.End.TotalSeconds - unpaid);
            })];
        }

        var weight = (long)r.DriverWeightMinutes * 60;
        return new DutyGraph(
            [.. pieces.Select(p => p.Start.TotalSeconds)],
            [.. pieces.Select(p => p.End.TotalSeconds)],
            [.. pieces.Select(p => p.DrivingSeconds)],
            [.. pieces.Select(p => p.NightSeconds)],
            [.. pieces.Select(p => driversOnly ? 1L : weight + before + p.End.TotalSeconds - p.Start.TotalSeconds)],
            [.. pieces.Select(_ => driversOnly ? 0L : after)],
            successors,
            costs,
            new DutyLimits(maxSpan, 0, before, after,
                (int)problem.Driving.MaxDrivingPerDay.TotalSeconds,
                (int)problem.Driving.MaxContinuousDriving.TotalSeconds,
                (int)r.MaxContinuousNightDriving.TotalSeconds,
                (int)problem.Driving.MinRest.TotalSeconds));
    }

    private static SolveOutcome<DutySolution> SolveUnchecked(DutyProblem problem, SolveOptions options, WallClockBudget budget)
    {
        var pieces = Cut(problem);
        if (pieces.Count == 0)
        {
            return new SolveOutcome<DutySolution>(SolveStatus.Optimal, new DutySolution(new CrewSchedule([]), 0, 0, 0, 0), 0, 0, budget.Elapsed, "no driving: no duties");
        }

        if (Impossible(problem, pieces) is { } reason)
        {
            return new SolveOutcome<DutySolution>(SolveStatus.Infeasible, null, double.NaN, double.NaN, budget.Elapsed, "piece-by-piece rule check") { Explanation = reason };
        }

        var result = ColumnGeneration.Solve(new DutyGraphPricer(Graph(problem, pieces, driversOnly: false)), options, budget.Share(1 - BudgetShares.DutyDriverBound));
        if (result.Infeasible || !result.HasSolution)
        {
            return result.ToOutcome<DutySolution>(_ => throw new InvalidOperationException("no solution to map"));
        }

        // The driver bound: the LP of the same duties with every duty costing 1, rounded up.
        var bound = ColumnGeneration.Solve(new DutyGraphPricer(Graph(problem, pieces, driversOnly: true)), options, budget.Share(1), boundOnly: true);
        var driverBound = (int)Math.Max(Concurrency(pieces), bound.LowerBound);

        var crew = Crew(problem, pieces, result.Duties);
        var paid = crew.Duties.Sum(d => d.PaidSeconds(problem.Duties)) / 3600.0;
        var drivingHours = crew.Duties.Sum(d => d.DrivingSeconds) / 3600.0;
        var solution = new DutySolution(crew, Math.Min(driverBound, crew.Drivers), paid, drivingHours, pieces.Count);
        var method = string.Create(CultureInfo.InvariantCulture, $"{pieces.Count} pieces of work; duties: {result.Method}; driver bound: {bound.Method}");
        var status = result.Proven ? SolveStatus.Optimal : SolveStatus.Feasible;
        return new SolveOutcome<DutySolution>(status, solution, result.Cost / 60.0, result.LowerBound / 60.0, budget.Elapsed, method);
    }

    /// <summary>Most pieces under way at one instant: each needs its own driver.</summary>
    private static int Concurrency(List<Piece> pieces)
    {
        var events = pieces.SelectMany(p => new[] { (Time: p.Start.TotalSeconds, Step: 1), (Time: p.End.TotalSeconds, Step: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Step);
        int now = 0, most = 0;
        foreach (var e in events)
        {
            now += e.Step;
            most = Math.Max(most, now);
        }

        return most;
    }

    /// <summary>A piece no driver may drive alone (longer than the continuous or daily limit, or the span): the rules admit no duties.</summary>
    private static string? Impossible(DutyProblem problem, List<Piece> pieces)
    {
        var r = problem.Duties;
        foreach (var p in pieces)
        {
            var what = p.Events.FirstOrDefault(e => e.TripId is not null)?.TripId is { } t ? $"trip {t}" : $"an empty run of {p.VehicleId}";
            if (p.DrivingSeconds > problem.Driving.MaxContinuousDriving.TotalSeconds || p.NightSeconds > r.MaxContinuousNightDriving.TotalSeconds)
            {
                var night = p.NightSeconds > r.MaxContinuousNightDriving.TotalSeconds;
                var limit = night ? r.MaxContinuousNightDriving : problem.Driving.MaxContinuousDriving;
                return string.Create(CultureInfo.InvariantCulture, $"{what} ({p.FromStop} {p.Start} → {p.ToStop} {p.End}) is {(night ? p.NightSeconds : p.DrivingSeconds) / 60.0:0} min of {(night ? "night " : string.Empty)}driving without a relief point, more than the {limit.TotalMinutes:0} min a driver may drive without a rest{(night ? " at night" : string.Empty)}.");
            }

            if (p.End.TotalSeconds - p.Start.TotalSeconds + (r.SignOn + r.SignOff).TotalSeconds > r.MaxSpan.TotalSeconds)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{what} ({p.FromStop} {p.Start} → {p.ToStop} {p.End}) is longer than a duty may be ({r.MaxSpan.TotalMinutes:0} min with sign-on and sign-off).");
            }
        }

        return null;
    }

    private static CrewSchedule Crew(DutyProblem problem, List<Piece> pieces, IReadOnlyList<int[]> duties)
    {
        var r = problem.Duties;
        var rest = (int)problem.Driving.MinRest.TotalSeconds;
        var built = new List<ImmutableArray<DutyActivity>>();
        foreach (var duty in duties)
        {
            var acts = ImmutableArray.CreateBuilder<DutyActivity>();
            var first = pieces[duty[0]];
            acts.Add(new DutyActivity(DutyActivityKind.SignOn, null, null, first.FromStop, first.FromStop, first.Start.AddSeconds(-(int)r.SignOn.TotalSeconds), first.Start));
            for (var k = 0; k < duty.Length; k++)
            {
                var p = pieces[duty[k]];
                if (k > 0)
                {
                    var prev = pieces[duty[k - 1]];
                    Idle(acts, prev.ToStop, prev.End, p.Start, rest);
                }

                foreach (var e in p.Events)
                {
                    if (DutyProblem.IsDriving(e))
                    {
                        acts.Add(new DutyActivity(DutyActivityKind.Drive, p.VehicleId, e.TripId, e.FromStop, e.ToStop, e.Start, e.End));
                    }
                    else if (e.End > e.Start)
                    {
                        Idle(acts, e.FromStop, e.Start, e.End, rest);
                    }
                }
            }

            var last = pieces[duty[^1]];
            acts.Add(new DutyActivity(DutyActivityKind.SignOff, null, null, last.ToStop, last.ToStop, last.End, last.End.AddSeconds((int)r.SignOff.TotalSeconds)));
            built.Add(Merge(acts.ToImmutable(), rest));
        }

        var ordered = built.OrderBy(a => a[0].Start).ThenBy(a => a[1].VehicleId, StringComparer.Ordinal).ToList();
        var width = ordered.Count.ToString(CultureInfo.InvariantCulture).Length;
        return new CrewSchedule([.. ordered.Select((a, i) => new Duty("D" + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(2, width), '0'), a))]);
    }

    private static void Idle(ImmutableArray<DutyActivity>.Builder acts, string stop, ServiceTime from, ServiceTime to, int rest)
    {
        if (to > from)
        {
            acts.Add(new DutyActivity(to.TotalSeconds - from.TotalSeconds >= rest ? DutyActivityKind.Break : DutyActivityKind.Wait, null, null, stop, stop, from, to));
        }
    }

    /// <summary>Joins neighbouring idle activities at one stop (a layover inside a piece next to a gap between pieces) and names them again by length.</summary>
    private static ImmutableArray<DutyActivity> Merge(ImmutableArray<DutyActivity> acts, int rest)
    {
        var result = new List<DutyActivity>();
        foreach (var a in acts)
        {
            if (result.Count > 0 && a.Kind is DutyActivityKind.Break or DutyActivityKind.Wait && result[^1].Kind is DutyActivityKind.Break or DutyActivityKind.Wait)
            {
                var prev = result[^1];
                var length = a.End.TotalSeconds - prev.Start.TotalSeconds;
                result[^1] = new DutyActivity(length >= rest ? DutyActivityKind.Break : DutyActivityKind.Wait, null, null, prev.FromStop, a.ToStop, prev.Start, a.End);
            }
            else
            {
                result.Add(a);
            }
        }

        return [.. result];
    }
}
