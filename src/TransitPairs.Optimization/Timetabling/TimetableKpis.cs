using System.Collections.Immutable;

namespace TransitPairs.Optimization.Timetabling;

/// <summary>One hour of one direction: demand against what the timetable offers.</summary>
/// <param name="Hour">Hour of the service day (departure at the first terminal).</param>
/// <param name="DemandPassengers">Passengers at the max-load point in the hour.</param>
/// <param name="Departures">Departures in the hour.</param>
/// <param name="CapacityPassengers">Passengers those departures can carry (Σ capacity).</param>
/// <param name="LeftBehindPassengers">max(0, demand − capacity): passengers who find no room in the hour.</param>
public sealed record HourKpi(int Hour, int DemandPassengers, int Departures, int CapacityPassengers, int LeftBehindPassengers)
{
    /// <summary>Average passengers per departure at the max-load point (carried only), 0 without departures.</summary>
    public double AverageLoad => Departures == 0 ? 0 : (double)Math.Min(DemandPassengers, CapacityPassengers) / Departures;
}

/// <summary>The timetable of one direction, measured.</summary>
/// <param name="DirectionId">Direction.</param>
/// <param name="Departures">Departures of the day.</param>
/// <param name="HeadwayMinMinutes">Shortest headway at the first terminal (0 with fewer than two departures).</param>
/// <param name="HeadwayMeanMinutes">Mean headway.</param>
/// <param name="HeadwayMaxMinutes">Longest headway.</param>
/// <param name="ExpectedWaitMinutes">Passenger-weighted expected wait (see <see cref="TimetableKpis.WaitMinutes"/>).</param>
/// <param name="PeakOccupancy">Highest hourly average load divided by the capacity per departure of that hour (1 = full).</param>
/// <param name="PeakHour">The hour of <paramref name="PeakOccupancy"/>.</param>
/// <param name="PeakLoadPerDeparture">Demand per departure in the peak hour (not capped by capacity).</param>
/// <param name="CapacityPerDeparture">Capacity per departure in the peak hour.</param>
/// <param name="LeftBehindPassengers">Σ left behind over the hours.</param>
/// <param name="DemandOutsideSpanPassengers">Demand in hours the service span does not reach.</param>
/// <param name="Hours">Every hour of the span.</param>
public sealed record DirectionKpis(
    string DirectionId,
    int Departures,
    int HeadwayMinMinutes,
    double HeadwayMeanMinutes,
    int HeadwayMaxMinutes,
    double ExpectedWaitMinutes,
    double PeakOccupancy,
    int PeakHour,
    double PeakLoadPerDeparture,
    double CapacityPerDeparture,
    int LeftBehindPassengers,
    int DemandOutsideSpanPassengers,
    ImmutableArray<HourKpi> Hours);

/// <summary>Whether a rail event is met, and by which trip.</summary>
/// <param name="Event">The rail event.</param>
/// <param name="Met">True when a trip makes the connection.</param>
/// <param name="TripId">The earliest trip that makes it; empty when not met.</param>
/// <param name="TransferMinutes">Minutes between train and bus (bus departure − train arrival, or
/// train departure − bus arrival); 0 when not met.</param>
public sealed record TransferOutcome(TransferEvent Event, bool Met, string TripId, int TransferMinutes);

/// <summary>KPIs of a timetable.</summary>
public sealed record TimetableKpiReport(ImmutableArray<DirectionKpis> Directions, ImmutableArray<TransferOutcome> Transfers)
{
    public int TransfersMet => Transfers.Count(t => t.Met);

    /// <summary>Σ passengers of the events met.</summary>
    public int TransferPassengersMet => Transfers.Where(t => t.Met).Sum(t => t.Event.Passengers);

    /// <summary>Σ passengers of every event.</summary>
    public int TransferPassengersTotal => Transfers.Sum(t => t.Event.Passengers);
}

/// <summary>
/// Measures a timetable against its demand. Written apart from the solver: it reads only trips,
/// demand and rail events, so it also checks what the solver claims.
/// </summary>
public static class TimetableKpis
{
    /// <summary>Headway (minutes) up to which passengers arrive at random.</summary>
    public const int RandomArrivalHeadwayMinutes = 15;

    /// <summary>
    /// Expected wait at the stop for one headway, minutes: h / 2 up to 15 minutes (random
    /// arrivals); 7.5 minutes for longer headways. Convention: with headways over 15 minutes
    /// passengers consult the timetable and time their arrival, so their wait at the stop no
    /// longer grows with the headway (the cost of the sparse timetable shows in the headway KPIs
    /// instead, not as waiting at the stop).
    /// </summary>
    public static double WaitMinutes(int headwayMinutes) =>
        Math.Min(headwayMinutes, RandomArrivalHeadwayMinutes) / 2.0;

    /// <summary>Computes the KPIs of <paramref name="trips"/> for the directions' demand.</summary>
    public static TimetableKpiReport Compute(IReadOnlyList<DirectionDemand> directions, IReadOnlyList<TimetableTrip> trips, IReadOnlyList<TransferEvent> railEvents)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(trips);
        ArgumentNullException.ThrowIfNull(railEvents);
        var byDirection = directions.Select(d => Direction(d, trips.Where(t => t.DirectionId == d.DirectionId).OrderBy(t => t.DepartureMinute).ToArray())).ToImmutableArray();
        var transfers = railEvents.Select(e => Transfer(e, trips)).ToImmutableArray();
        return new TimetableKpiReport(byDirection, transfers);
    }

    private static DirectionKpis Direction(DirectionDemand direction, TimetableTrip[] trips)
    {
        var capacity = direction.Patterns.ToDictionary(p => p.PatternId, p => p.Capacity, StringComparer.Ordinal);
        var departures = trips.Select(t => t.DepartureMinute).ToArray();
        var headways = departures.Skip(1).Select((t, i) => t - departures[i]).ToArray();

        double weightedWait = 0;
        double weight = 0;
        for (var k = 1; k < departures.Length; k++)
        {
            // Passengers arriving during the headway before departure k (at the hour's rate).
            var w = (double)direction.MaxLoadAt(departures[k] / 60) * headways[k - 1];
            weightedWait += w * WaitMinutes(headways[k - 1]);
            weight += w;
        }

        var expectedWait = weight > 0 ? weightedWait / weight
            : headways.Length > 0 ? headways.Average(WaitMinutes) : 0;

        var firstHour = direction.FirstDepartureMinute / 60;
        var lastHour = direction.LastDepartureMinute / 60;
        var hours = ImmutableArray.CreateBuilder<HourKpi>();
        for (var hour = firstHour; hour <= lastHour; hour++)
        {
            var inHour = trips.Where(t => t.DepartureMinute / 60 == hour).ToArray();
            var demand = direction.MaxLoadAt(hour);
            var seats = inHour.Sum(t => capacity.GetValueOrDefault(t.PatternId));
            hours.Add(new HourKpi(hour, demand, inHour.Length, seats, Math.Max(0, demand - seats)));
        }

        var outside = direction.Patterns.SelectMany(p => p.Hours)
            .Where(h => h.Hour < firstHour || h.Hour > lastHour)
            .Sum(h => h.MaxLoadPassengers);

        var peak = hours.Where(h => h.Departures > 0)
            .Select(h => (Hour: h, Load: (double)h.DemandPassengers / h.Departures, Capacity: (double)h.CapacityPassengers / h.Departures))
            .OrderByDescending(x => x.Load / x.Capacity)
            .ThenBy(x => x.Hour.Hour)
            .FirstOrDefault();

        return new DirectionKpis(
            direction.DirectionId,
            trips.Length,
            headways.Length == 0 ? 0 : headways.Min(),
            headways.Length == 0 ? 0 : headways.Average(),
            headways.Length == 0 ? 0 : headways.Max(),
            expectedWait,
            peak.Hour is null ? 0 : peak.Load / peak.Capacity,
            peak.Hour?.Hour ?? 0,
            peak.Load,
            peak.Capacity,
            hours.Sum(h => h.LeftBehindPassengers),
            outside,
            hours.ToImmutable());
    }

    private static TransferOutcome Transfer(TransferEvent railEvent, IReadOnlyList<TimetableTrip> trips)
    {
        foreach (var trip in trips.OrderBy(t => t.DepartureMinute).ThenBy(t => t.TripId, StringComparer.Ordinal))
        {
            for (var i = 0; i < trip.Calls.Length; i++)
            {
                var call = trip.Calls[i];
                if (call.StopId != railEvent.StopId)
                {
                    continue;
                }

                var boards = railEvent.Kind == TransferEventKind.TrainArrival && i < trip.Calls.Length - 1;
                var alights = railEvent.Kind == TransferEventKind.TrainDeparture && i > 0;
                if ((boards || alights) && railEvent.IsMetBy(call.ArrivalMinute, call.DepartureMinute))
                {
                    var minutes = boards ? call.DepartureMinute - railEvent.Minute : railEvent.Minute - call.ArrivalMinute;
                    return new TransferOutcome(railEvent, true, trip.TripId, minutes);
                }
            }
        }

        return new TransferOutcome(railEvent, false, string.Empty, 0);
    }
}

/// <summary>
/// Checks a timetable against its policy, independently of the solver: every departure inside
/// the service span, every headway at the first terminal inside the bounds, stop times in order.
/// </summary>
public static class TimetablePolicyChecker
{
    /// <summary>Every violation found, one sentence each; empty when the timetable respects the policy.</summary>
    public static ImmutableArray<string> Check(IReadOnlyList<DirectionDemand> directions, IReadOnlyList<TimetableTrip> trips)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(trips);
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var trip in trips.Where(t => directions.All(d => d.DirectionId != t.DirectionId)))
        {
            problems.Add($"{trip.TripId}: direction {trip.DirectionId} is not in the policy.");
        }

        foreach (var direction in directions)
        {
            var own = trips.Where(t => t.DirectionId == direction.DirectionId).OrderBy(t => t.DepartureMinute).ToArray();
            foreach (var trip in own)
            {
                if (trip.DepartureMinute < direction.FirstDepartureMinute || trip.DepartureMinute > direction.LastDepartureMinute)
                {
                    problems.Add($"{trip.TripId}: departs at minute {trip.DepartureMinute}, outside the span {direction.FirstDepartureMinute}–{direction.LastDepartureMinute}.");
                }

                for (var i = 1; i < trip.Calls.Length; i++)
                {
                    if (trip.Calls[i].ArrivalMinute < trip.Calls[i - 1].DepartureMinute || trip.Calls[i].DepartureMinute < trip.Calls[i].ArrivalMinute)
                    {
                        problems.Add($"{trip.TripId}: stop times go back in time at {trip.Calls[i].StopId}.");
                    }
                }
            }

            for (var k = 1; k < own.Length; k++)
            {
                var headway = own[k].DepartureMinute - own[k - 1].DepartureMinute;
                if (!direction.Headways.Admits(headway))
                {
                    problems.Add($"{own[k - 1].TripId} → {own[k].TripId}: headway {headway} min outside {direction.Headways.MinMinutes}–{direction.Headways.MaxMinutes} min.");
                }
            }
        }

        return problems.ToImmutable();
    }
}
