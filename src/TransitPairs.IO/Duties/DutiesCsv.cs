using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using TransitPairs.Duties;
using TransitPairs.IO.Files;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Duties;

/// <summary>
/// <c>duties.csv</c>: one row per activity of each driver, in order —
/// <c>driver_id,seq,kind,vehicle_id,trip_id,from_stop,to_stop,start,end</c>; kind is
/// <c>sign_on</c>, <c>drive</c>, <c>break</c>, <c>travel</c>, <c>wait</c> or <c>sign_off</c>; one
/// <c>drive</c> row per trip or empty run (trip_id empty on empty runs); times <c>HH:MM[:SS]</c>,
/// past 24:00 after midnight.
/// </summary>
public static class DutiesCsv
{
    public static readonly ImmutableArray<string> Columns = ["driver_id", "seq", "kind", "vehicle_id", "trip_id", "from_stop", "to_stop", "start", "end"];

    /// <summary>Writes <paramref name="crew"/> (header only when null: the crew stage was skipped).</summary>
    public static void Write(string path, CrewSchedule? crew) => AtomicFile.WriteText(path, writer => Write(writer, crew));

    public static void Write(TextWriter writer, CrewSchedule? crew)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteHeader(Columns.AsSpan());
        foreach (var duty in crew?.Duties ?? [])
        {
            var seq = 0;
            foreach (var a in duty.Activities)
            {
                csv.WriteField(duty.DriverId);
                csv.WriteField((++seq).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(KindName(a.Kind));
                csv.WriteField(a.VehicleId ?? string.Empty);
                csv.WriteField(a.TripId ?? string.Empty);
                csv.WriteField(a.FromStop);
                csv.WriteField(a.ToStop);
                csv.WriteField(a.Start.ToString());
                csv.WriteField(a.End.ToString());
                csv.EndRecord();
            }
        }
    }

    /// <summary>Reads a <c>duties.csv</c> back (for checking a file); problems name the line.</summary>
    public static CrewSchedule Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, string.Empty, "The file does not exist.", "Check the path."));
        }

        var problems = new List<InputProblem>();
        var rows = new List<(string Driver, int Seq, DutyActivity Activity)>();
        using (var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true }))
        {
            csv.ReadHeader();
            var missing = Columns.Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InputException(new InputProblem(path, "line 1", $"the header lacks the column(s) {string.Join(", ", missing)}.", $"Use the header {string.Join(',', Columns)}."));
            }

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                string Text(string c) => csv.GetString(c) ?? string.Empty;
                var kind = Kind(Text("kind"));
                var ok = int.TryParse(Text("seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var seq);
                ok &= ServiceTime.TryParse(Text("start"), out var start);
                ok &= ServiceTime.TryParse(Text("end"), out var end);
                if (kind is null || !ok || end < start || string.IsNullOrEmpty(Text("driver_id")) || string.IsNullOrEmpty(Text("from_stop")) || string.IsNullOrEmpty(Text("to_stop")) || (kind == DutyActivityKind.Drive && string.IsNullOrEmpty(Text("vehicle_id"))))
                {
                    problems.Add(new InputProblem(path, $"line {line}", "the row is not a valid duty activity.", "Give driver_id, seq (1, 2, …), a kind (sign_on, drive, break, travel, wait, sign_off), the stops, a vehicle on drives, and start ≤ end as HH:MM[:SS]."));
                    continue;
                }

                var vehicle = Text("vehicle_id");
                var trip = Text("trip_id");
                rows.Add((Text("driver_id"), seq, new DutyActivity(kind.Value, vehicle.Length == 0 ? null : vehicle, trip.Length == 0 ? null : trip, Text("from_stop"), Text("to_stop"), start, end)));
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return new CrewSchedule([.. rows.GroupBy(r => r.Driver, StringComparer.Ordinal)
            .Select(g => new Duty(g.Key, [.. g.OrderBy(r => r.Seq).Select(r => r.Activity)]))]);
    }

    /// <summary>The <c>kind</c> column's word.</summary>
    public static string KindName(DutyActivityKind kind) => kind switch
    {
        DutyActivityKind.SignOn => "sign_on",
        DutyActivityKind.Drive => "drive",
        DutyActivityKind.Break => "break",
        DutyActivityKind.Travel => "travel",
        DutyActivityKind.Wait => "wait",
        DutyActivityKind.SignOff => "sign_off",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activity kind."),
    };

    private static DutyActivityKind? Kind(string word) => Enum.GetValues<DutyActivityKind>().Cast<DutyActivityKind?>().FirstOrDefault(k => KindName(k!.Value) == word);
}
