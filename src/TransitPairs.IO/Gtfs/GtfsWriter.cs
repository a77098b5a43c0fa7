using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using NodaTime;
using TransitPairs.IO.Files;
using TransitPairs.Time;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// Writes a <see cref="GtfsFeed"/> as a GTFS zip: UTF-8 without a byte-order mark, LF line ends,
/// fields quoted only where CSV needs it, numbers and dates culture-invariant. The zip goes to a
/// temporary name and is renamed into place (<see cref="AtomicFile"/>), and its entries carry a
/// fixed timestamp, so the same feed always gives the same bytes.
/// </summary>
public static class GtfsWriter
{
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static void Write(GtfsFeed feed, string zipPath)
    {
        ArgumentNullException.ThrowIfNull(feed);
        AtomicFile.Write(zipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Table(zip, "agency.txt", ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang", "agency_phone"],
                feed.Agencies, a => [a.Id, a.Name, a.Url, a.Timezone, a.Language, a.Phone]);
            Table(zip, "stops.txt", ["stop_id", "stop_code", "stop_name", "stop_desc", "stop_lat", "stop_lon", "location_type", "parent_station"],
                feed.Stops, s => [s.Id, s.Code, s.Name, s.Description, Number(s.Latitude), Number(s.Longitude), Number(s.LocationType), s.ParentStation]);
            Table(zip, "routes.txt", ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type", "route_color", "route_text_color"],
                feed.Routes, r => [r.Id, r.AgencyId, r.ShortName, r.LongName, Number(r.Type), r.Color, r.TextColor]);
            Table(zip, "trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id", "block_id", "shape_id"],
                feed.Trips, t => [t.RouteId, t.ServiceId, t.Id, t.Headsign, Number(t.DirectionId), t.BlockId, t.ShapeId]);
            Table(zip, "stop_times.txt", ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "timepoint"],
                feed.StopTimes, s => [s.TripId, Time(s.Arrival), Time(s.Departure), s.StopId, Number(s.Sequence), s.Arrival is null && s.Departure is null ? "0" : "1"]);
            if (!feed.Calendars.IsDefaultOrEmpty)
            {
                Table(zip, "calendar.txt", ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "start_date", "end_date"],
                    feed.Calendars, c =>
                    [
                        c.ServiceId, Day(c, GtfsWeekdays.Monday), Day(c, GtfsWeekdays.Tuesday), Day(c, GtfsWeekdays.Wednesday),
                        Day(c, GtfsWeekdays.Thursday), Day(c, GtfsWeekdays.Friday), Day(c, GtfsWeekdays.Saturday), Day(c, GtfsWeekdays.Sunday),
                        Date(c.Start), Date(c.End),
                    ]);
            }

            if (!feed.CalendarDates.IsDefaultOrEmpty)
            {
                Table(zip, "calendar_dates.txt", ["service_id", "date", "exception_type"],
                    feed.CalendarDates, d => [d.ServiceId, Date(d.Date), Number((int)d.Exception)]);
            }

            if (!feed.Frequencies.IsDefaultOrEmpty)
            {
                Table(zip, "frequencies.txt", ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"],
                    feed.Frequencies, f => [f.TripId, Time(f.Start), Time(f.End), Number(f.HeadwaySeconds), f.ExactTimes ? "1" : "0"]);
            }

            if (feed.FeedInfo is { } info)
            {
                Table(zip, "feed_info.txt", ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date", "feed_end_date", "feed_version"],
                    [info], i => [i.PublisherName, i.PublisherUrl, i.Language, Date(i.StartDate), Date(i.EndDate), i.Version]);
            }
        });
    }

    private static void Table<T>(ZipArchive zip, string name, string[] header, IEnumerable<T> rows, Func<T, string?[]> fields)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var stream = entry.Open();
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(fields(row));
        }
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(ServiceTime? time) => time?.ToGtfsString();

    private static string? Date(LocalDate? date) => date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Day(GtfsCalendar calendar, GtfsWeekdays day) => (calendar.Days & day) != 0 ? "1" : "0";
}
