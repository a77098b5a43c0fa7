using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Corridors;
using TransitPairs.Scheduling;
using TransitPairs.Timetables;

namespace TransitPairs.IO.Gtfs;

/// <summary>Who publishes a plan's feed: agency.txt and feed_info.txt. <see cref="Timezone"/> is a TZDB name.</summary>
public sealed record GtfsPublisher(string AgencyId, string AgencyName, string Url, string Timezone = "Asia/Shanghai", string Language = "zh")
{
    /// <summary>A plan of TransitPairs for Jilin's intercity bus-style lines (the URL is a placeholder the operator replaces).</summary>
    public static readonly GtfsPublisher JilinIntercity = new("jilin-intercity", "吉林省城际公交 (TransitPairs plan)", "https://example.org/transitpairs");
}

/// <summary>
/// A plan as a GTFS feed: one route per corridor, the timetable's trips with their stop times
/// (the service date as one calendar row), and each trip's vehicle as its <c>block_id</c>. Stop
/// names are the Chinese names, with pinyin in <c>stop_desc</c>.
/// </summary>
public static class GtfsPlanFeed
{
    /// <summary>The plan's feed with each trip's block_id the vehicle of <paramref name="schedule"/> that runs it.</summary>
    public static GtfsFeed Build(IEnumerable<Corridor> corridors, Timetable timetable, VehicleSchedule schedule, GtfsPublisher publisher, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var blockOfTrip = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in schedule.Blocks)
        {
            foreach (var trip in block.TripIds)
            {
                if (!blockOfTrip.TryAdd(trip, block.VehicleId))
                {
                    throw new ArgumentException($"Trip '{trip}' is run by both {blockOfTrip[trip]} and {block.VehicleId}.", nameof(schedule));
                }
            }
        }

        return Build(corridors, timetable, blockOfTrip, publisher, version);
    }

    /// <param name="corridors">The corridors the timetable's trips run on (their stops and names).</param>
    /// <param name="timetable">The trips of one service date.</param>
    /// <param name="blockOfTrip">Trip id → vehicle (block) id; a trip not listed gets no block_id.</param>
    /// <param name="publisher">agency.txt and feed_info.txt.</param>
    /// <param name="version">feed_info feed_version (for example the scenario name).</param>
    public static GtfsFeed Build(
        IEnumerable<Corridor> corridors, Timetable timetable, IReadOnlyDictionary<string, string> blockOfTrip, GtfsPublisher publisher, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(corridors);
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(blockOfTrip);
        ArgumentNullException.ThrowIfNull(publisher);
        var byId = corridors.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var unknownTrip = blockOfTrip.Keys.FirstOrDefault(id => timetable.Trips.All(t => t.Id != id));
        if (unknownTrip is not null)
        {
            throw new ArgumentException($"The blocks name trip '{unknownTrip}', which is not in the timetable of {timetable.ServiceDate:yyyy-MM-dd}.", nameof(blockOfTrip));
        }

        var service = "D" + timetable.ServiceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var trips = ImmutableArray.CreateBuilder<GtfsTrip>();
        var stopTimes = ImmutableArray.CreateBuilder<GtfsStopTime>();
        var usedStops = new SortedDictionary<string, Places.Stop>(StringComparer.Ordinal);
        var usedCorridors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var trip in timetable.Trips)
        {
            if (!byId.TryGetValue(trip.Corridor, out var corridor))
            {
                throw new ArgumentException($"Trip '{trip.Id}' runs on corridor '{trip.Corridor}', which is not given.", nameof(corridors));
            }

            usedCorridors.Add(corridor.Id);
            var destination = corridor.Stop(trip.Destination);
            trips.Add(new GtfsTrip(trip.Id, corridor.Id, service, blockOfTrip.GetValueOrDefault(trip.Id), destination.Name.Zh,
                trip.Direction == Direction.Outbound ? 0 : 1));
            for (var k = 0; k < trip.StopTimes.Length; k++)
            {
                var call = trip.StopTimes[k];
                usedStops.TryAdd(call.Stop, corridor.Stop(call.Stop));
                stopTimes.Add(new GtfsStopTime(trip.Id, k + 1, call.Stop, call.Arrival, call.Departure));
            }
        }

        var date = timetable.ServiceDate;
        return new GtfsFeed(
            [new GtfsAgency(publisher.AgencyId, publisher.AgencyName, publisher.Url, publisher.Timezone, publisher.Language)],
            [.. usedStops.Values.Select(s => new GtfsStop(s.Id, s.Name.Zh, s.Location.Lat, s.Location.Lon, Description: s.Name.Pinyin))],
            [.. usedCorridors.Select(id => new GtfsRoute(id, publisher.AgencyId, null, byId[id].Name.Zh, Type: 3))],
            trips.ToImmutable(),
            stopTimes.ToImmutable(),
            [new GtfsCalendar(service, GtfsServiceCalendar.ToWeekdays(date.DayOfWeek), date, date)],
            [],
            [],
            new GtfsFeedInfo(publisher.AgencyName, publisher.Url, publisher.Language, date, date, version));
    }
}
