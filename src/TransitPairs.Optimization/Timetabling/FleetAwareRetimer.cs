using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.Sat;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>Departures shifted to save vehicles (the CP-SAT status, objective, bound and gap are in its <c>SolveOutcome</c>).</summary>
/// <param name="Trips">The shifted trips (same ids, patterns and running times).</param>
/// <param name="VehiclesBefore">Vehicles the input timetable needs without empty runs (Ceder's deficit sum, <see cref="FleetLowerBounds.TerminalDeficitSum"/>).</param>
/// <param name="VehiclesAfter">The same for the shifted timetable.</param>
/// <param name="VehiclesBound">Proven lower bound on <paramref name="VehiclesAfter"/> within the tolerance.</param>
/// <param name="TotalShiftMinutes">Σ |shift| over all departures.</param>
/// <param name="MaxShiftMinutes">Largest |shift|.</param>
public sealed record FleetRetiming(
    ImmutableArray<TimetableTrip> Trips,
    int VehiclesBefore,
    int VehiclesAfter,
    int VehiclesBound,
    int TotalShiftMinutes,
    int MaxShiftMinutes)
{
    /// <summary>Vehicles saved by the shifts (0 or more).</summary>
    public int VehiclesSaved => VehiclesBefore - VehiclesAfter;
}

/// <summary>
/// Fleet-aware timetabling: moves each departure by at most ± a tolerance to lower the number of
/// vehicles, keeping every policy rule of the timetable.
/// </summary>
/// <remarks>
/// <para>Vehicles are counted as the vehicle-block solver's deficit bound without empty runs
/// (Ceder 2007, ch. 5; <see cref="FleetLowerBounds.TerminalDeficitSum"/>): at each terminal, the
/// most departures so far minus arrivals whose layover has ended so far; the sum over terminals
/// is the exact minimum fleet when buses only turn at the terminal where they arrive.</para>
/// <para>CP-SAT model: one minute per departure within ± tolerance of its current time, inside the
/// span and the same clock hour (so the hourly frequencies and capacity stay), headways within
/// the bounds, trips in <c>fixedTripIds</c> (e.g. those meeting trains) unmoved. For each terminal
/// a deficit variable is at least, at every departure from it, the departures up to then minus the
/// arrivals ready by then (0/1 literals for the order of each departure–arrival pair that the
/// tolerance leaves open). Objective: 1,000,000 × Σ deficits + Σ |shift| minutes (a vehicle outweighs any shifts).</para>
/// </remarks>
public static class FleetAwareRetimer
{
    /// <summary>The method, as outcomes name it.</summary>
    public const string Method = "CP-SAT fleet-aware retiming";

    private const long VehicleWeight = 1_000_000;

    /// <summary>Retimes <paramref name="trips"/>; never prints.</summary>
    /// <param name="directions">The directions' span and headway bounds.</param>
    /// <param name="trips">The timetable to improve.</param>
    /// <param name="toleranceMinutes">Largest shift of one departure, minutes (0–60).</param>
    /// <param name="minLayoverMinutes">Least layover between arriving and leaving again, minutes (0 or more).</param>
    /// <param name="fixedTripIds">Trips that must keep their times.</param>
    /// <param name="options">Workers and seed (and the time limit a remedy suggests raising).</param>
    /// <param name="budget">The wall clock this solve may use (all that is left of it).</param>
    /// <returns>Without a solution (the clock stopped the search first) the input timetable stands.</returns>
    public static SolveOutcome<FleetRetiming> Retime(
        IReadOnlyList<DirectionDemand> directions,
        IReadOnlyList<TimetableTrip> trips,
        int toleranceMinutes,
        int minLayoverMinutes,
        IReadOnlySet<string> fixedTripIds,
        SolveOptions options,
        WallClockBudget budget)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(trips);
        ArgumentNullException.ThrowIfNull(fixedTripIds);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toleranceMinutes, 60);
        ArgumentOutOfRangeException.ThrowIfNegative(minLayoverMinutes);
        var started = budget.Elapsed;

        var before = Vehicles(trips, minLayoverMinutes);
        var model = new CpModel();
        var departure = new IntVar[trips.Count];
        var shifts = new List<LinearExpr>();
        for (var k = 0; k < trips.Count; k++)
        {
            var trip = trips[k];
            var direction = directions.First(d => d.DirectionId == trip.DirectionId);
            var baseMinute = trip.DepartureMinute;
            var tolerance = fixedTripIds.Contains(trip.TripId) ? 0 : toleranceMinutes;
            var lo = Math.Max(Math.Max(baseMinute - tolerance, direction.FirstDepartureMinute), baseMinute / 60 * 60);
            var hi = Math.Min(Math.Min(baseMinute + tolerance, direction.LastDepartureMinute), (baseMinute / 60 * 60) + 59);
            departure[k] = model.NewIntVar(Math.Min(lo, baseMinute), Math.Max(hi, baseMinute), trip.TripId);
            var shift = model.NewIntVar(0, toleranceMinutes, $"{trip.TripId}_shift");
            model.AddAbsEquality(shift, departure[k] - baseMinute);
            shifts.Add(shift);
            model.AddHint(departure[k], baseMinute);
        }

        foreach (var direction in directions)
        {
            var own = Enumerable.Range(0, trips.Count).Where(k => trips[k].DirectionId == direction.DirectionId)
                .OrderBy(k => trips[k].DepartureMinute).ToArray();
            for (var i = 1; i < own.Length; i++)
            {
                var gap = departure[own[i]] - departure[own[i - 1]];
                model.Add(gap >= direction.Headways.MinMinutes);
                model.Add(gap <= direction.Headways.MaxMinutes);
            }
        }

        var deficits = new List<LinearExpr>();
        foreach (var terminal in trips.Select(t => t.Calls[0].StopId).Concat(trips.Select(t => t.Calls[^1].StopId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var leaving = Enumerable.Range(0, trips.Count).Where(k => trips[k].Calls[0].StopId == terminal).ToArray();
            var arriving = Enumerable.Range(0, trips.Count).Where(k => trips[k].Calls[^1].StopId == terminal).ToArray();
            if (leaving.Length == 0)
            {
                continue;
            }

            var deficit = model.NewIntVar(0, leaving.Length, $"deficit_{terminal}");
            foreach (var k in leaving)
            {
                var gone = leaving.Select(j => Before(model, departure[j], 0, departure[k])).ToList();
                var ready = arriving.Select(i => Before(model, departure[i], RunMinutes(trips[i]) + minLayoverMinutes, departure[k])).ToList();
                model.Add(deficit >= LinearExpr.Sum(gone) - LinearExpr.Sum(ready));
            }

            deficits.Add(deficit);
        }

        model.Minimize((VehicleWeight * LinearExpr.Sum(deficits)) + LinearExpr.Sum(shifts));
        var limit = budget.Left();
        var solver = new CpSolver { StringParameters = CpSatParameters.For(options, limit) };
        var status = solver.Solve(model);
        var elapsed = budget.Elapsed - started;
        if (status == CpSolverStatus.Infeasible)
        {
            return new SolveOutcome<FleetRetiming>(SolveStatus.Infeasible, null, double.NaN, double.NaN, elapsed, Method)
            {
                Explanation = "No shift of the departures within the tolerance keeps every headway within the policy bounds.",
            };
        }

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new SolveOutcome<FleetRetiming>(SolveStatus.NoSolutionFound, null, double.NaN, solver.BestObjectiveBound, elapsed, Method)
            {
                Explanation = string.Create(CultureInfo.InvariantCulture, $"No retiming found within {limit.TotalSeconds:0.#} s; the departures stay as they are; allow more time."),
                Remedies = [DepartureTimeSolver.LongerLimit(options)],
            };
        }

        var shifted = trips.Select((t, k) =>
        {
            var delta = (int)solver.Value(departure[k]) - t.DepartureMinute;
            return t with { Calls = [.. t.Calls.Select(c => new StopCall(c.StopId, c.ArrivalMinute + delta, c.DepartureMinute + delta))] };
        }).ToImmutableArray();
        var moves = shifted.Select((t, k) => Math.Abs(t.DepartureMinute - trips[k].DepartureMinute)).ToArray();
        var retiming = new FleetRetiming(
            shifted,
            before,
            Vehicles(shifted, minLayoverMinutes),
            Math.Max(0, (int)Math.Ceiling((solver.BestObjectiveBound - 1e-6 - (toleranceMinutes * (double)trips.Count)) / VehicleWeight)),
            moves.Sum(),
            moves.Length == 0 ? 0 : moves.Max());
        return new SolveOutcome<FleetRetiming>(
            status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible,
            retiming,
            solver.ObjectiveValue,
            solver.BestObjectiveBound,
            elapsed,
            Method);
    }

    /// <summary>Vehicles needed without empty runs: the block solver's deficit bound.</summary>
    public static int Vehicles(IReadOnlyList<TimetableTrip> trips, int minLayoverMinutes)
    {
        ArgumentNullException.ThrowIfNull(trips);
        var blockTrips = trips.Select(t => new ScheduledTrip(t.TripId, t.Calls[0].StopId, ServiceTime.FromMinutes(t.DepartureMinute), t.Calls[^1].StopId, ServiceTime.FromMinutes(t.ArrivalMinute))).ToList();
        return FleetLowerBounds.TerminalDeficitSum(blockTrips, minLayoverMinutes * 60);
    }

    private static int RunMinutes(TimetableTrip trip) => trip.ArrivalMinute - trip.DepartureMinute;

    /// <summary>A literal for <c>start + offset ≤ end</c>, or a constant when the domains decide it.</summary>
    private static LinearExpr Before(CpModel model, IntVar start, int offset, IntVar end)
    {
        var startDomain = start.Domain;
        var endDomain = end.Domain;
        if (startDomain.Max() + offset <= endDomain.Min())
        {
            return LinearExpr.Constant(1);
        }

        if (startDomain.Min() + offset > endDomain.Max())
        {
            return LinearExpr.Constant(0);
        }

        var literal = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"{start.Name()}+{offset}<={end.Name()}"));
        model.Add(start + offset <= end).OnlyEnforceIf(literal);
        model.Add(start + offset > end).OnlyEnforceIf(literal.Not());
        return literal;
    }
}
