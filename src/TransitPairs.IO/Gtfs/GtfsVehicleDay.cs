using System.Collections.Immutable;
using TransitPairs.Places;
using TransitPairs.Scheduling;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// A service day in the integer form vehicle scheduling works on: places are the stops where
/// trips start or end (index 0..P−1, ordered by stop id), times are seconds of the service day,
/// and empty runs come from a stated <see cref="StraightLineEmptyRuns"/> model, computed on demand
/// (a feed may have thousands of such stops; no P×P table is built).
/// </summary>
public sealed class GtfsVehicleDay
{
    private readonly GeoPoint[] _locations;

    public GtfsVehicleDay(GtfsServiceDay day, StraightLineEmptyRuns model)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(model);
        Day = day;
        Model = model;
        Places = day.Trips.SelectMany(t => new[] { t.FromStopId, t.ToStopId }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var index = Places.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _locations = [.. Places.Select(id => new GeoPoint(day.Stops[id].Latitude ?? 0, day.Stops[id].Longitude ?? 0))];
        Trips = [.. day.Trips.Select(t => new PlaceTrip(index[t.FromStopId], t.Departure.TotalSeconds, index[t.ToStopId], t.Arrival.TotalSeconds))];
    }

    public GtfsServiceDay Day { get; }

    public StraightLineEmptyRuns Model { get; }

    /// <summary>Stop ids of the places, by index.</summary>
    public ImmutableArray<string> Places { get; }

    /// <summary>The day's trips in <see cref="GtfsServiceDay.Trips"/> order, by place index and seconds.</summary>
    public ImmutableArray<PlaceTrip> Trips { get; }

    /// <summary>The empty run between two places under <see cref="Model"/>: seconds (rounded up) and metres; zero at the same place.</summary>
    public (int Seconds, int Metres) EmptyRun(int fromPlace, int toPlace)
    {
        if (fromPlace == toPlace)
        {
            return (0, 0);
        }

        var metres = Model.DistanceMetres(_locations[fromPlace], _locations[toPlace]);
        return (Model.Seconds(metres), metres);
    }

    /// <summary>
    /// The day as a vehicle scheduling problem without depots: the trips, and an empty run from every
    /// stop where a trip ends to every other stop where one starts (no other run is ever needed).
    /// </summary>
    public VehicleSchedulingProblem ToSchedulingProblem(SchedulingRules rules, OperatingCosts costs)
    {
        var ends = Trips.Select(t => t.ToPlace).Distinct().Order().ToList();
        var starts = Trips.Select(t => t.FromPlace).Distinct().Order().ToList();
        var runs = new List<Deadhead>(ends.Count * starts.Count);
        foreach (var end in ends)
        {
            foreach (var start in starts.Where(s => s != end))
            {
                var (seconds, metres) = EmptyRun(end, start);
                runs.Add(new Deadhead(Places[end], Places[start], seconds, metres));
            }
        }

        return new VehicleSchedulingProblem(
            [.. Day.Trips.Select(t => new ScheduledTrip(t.TripId, t.FromStopId, t.Departure, t.ToStopId, t.Arrival))],
            new DeadheadTable(runs), [], rules, costs);
    }

    /// <summary>A trip by place index: it leaves <c>FromPlace</c> at <c>DepartureSeconds</c> and reaches <c>ToPlace</c> at <c>ArrivalSeconds</c>.</summary>
    public readonly record struct PlaceTrip(int FromPlace, int DepartureSeconds, int ToPlace, int ArrivalSeconds);
}
