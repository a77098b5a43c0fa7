using System.Globalization;
using CsvHelper;
using TransitPairs.Corridors;
using TransitPairs.IO.Files;
using TransitPairs.Timetables;

namespace TransitPairs.IO.Timetables;

/// <summary>
/// The timetable as CSV, one row per trip (columns documented in <c>docs/timetable.md</c>):
/// <c>trip_id,corridor,pattern,direction,origin,destination,departure,arrival,stops</c>.
/// Times are <c>HH:MM</c> of the service day (may pass 24:00); <c>stops</c> lists every call as
/// <c>stop@HH:MM</c> separated by spaces. UTF-8 without BOM, LF line ends, culture-invariant.
/// </summary>
public static class TimetableCsv
{
    /// <summary>The header, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["trip_id", "corridor", "pattern", "direction", "origin", "destination", "departure", "arrival", "stops"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the trips of <paramref name="timetable"/> to <paramref name="writer"/>.</summary>
    public static void Write(Timetable timetable, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        foreach (var trip in timetable.Trips)
        {
            csv.WriteRecord(
            [
                trip.Id, trip.Corridor, trip.Pattern, DirectionName(trip.Direction), trip.Origin, trip.Destination,
                trip.Departure.ToString(), trip.Arrival.ToString(),
                string.Join(' ', trip.StopTimes.Select(s => $"{s.Stop}@{s.Departure}")),
            ]);
        }
    }

    /// <summary>Writes the CSV to <paramref name="path"/> atomically (a failed run keeps the previous file).</summary>
    public static void Write(Timetable timetable, string path) =>
        AtomicFile.WriteText(path, writer => Write(timetable, writer));

    /// <summary><c>outbound</c> or <c>inbound</c>.</summary>
    public static string DirectionName(Direction direction) => direction == Direction.Outbound ? "outbound" : "inbound";
}
