using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using TransitPairs.IO.Files;
using TransitPairs.Scheduling;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scheduling;

/// <summary>
/// The CSV files of vehicle scheduling (documented in <c>docs/vehicle-blocks.md</c>):
/// trips <c>trip_id,from_stop,departure,to_stop,arrival</c>, deadheads
/// <c>from_stop,to_stop,minutes,km</c>, depots <c>depot_id,stop,vehicles</c>, and the
/// <c>blocks.csv</c> output. Readers report every bad row with its line and a fix.
/// </summary>
public static class SchedulingCsv
{
    public static readonly ImmutableArray<string> TripColumns = ["trip_id", "from_stop", "departure", "to_stop", "arrival"];
    public static readonly ImmutableArray<string> DeadheadColumns = ["from_stop", "to_stop", "minutes", "km"];
    public static readonly ImmutableArray<string> DepotColumns = ["depot_id", "stop", "vehicles"];
    public static readonly ImmutableArray<string> BlockColumns = ["vehicle_id", "seq", "kind", "trip_id", "from_stop", "to_stop", "start", "end", "distance_km", "energy_kwh", "soc_start_kwh", "soc_end_kwh", "charger_site"];

    /// <summary>Reads a trips CSV; times are <c>HH:MM</c> or <c>HH:MM:SS</c> and may pass 24:00.</summary>
    public static ImmutableArray<ScheduledTrip> ReadTrips(string path)
    {
        var trips = new List<ScheduledTrip>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Read(path, TripColumns, (row, line, problems) =>
        {
            var id = row.Text("trip_id");
            var from = row.Text("from_stop");
            var to = row.Text("to_stop");
            var departure = row.Time("departure");
            var arrival = row.Time("arrival");
            if (id is null || from is null || to is null || departure is null || arrival is null)
            {
                return;
            }

            if (seen.TryGetValue(id, out var firstLine))
            {
                problems.Add(new InputProblem(path, $"line {line}", $"trip_id '{id}' was already used on line {firstLine}.", "Give every trip its own trip_id."));
                return;
            }

            seen.Add(id, line);
            if (!ScheduledTrip.TimesAreOrdered(departure.Value, arrival.Value))
            {
                problems.Add(new InputProblem(path, $"line {line}", $"trip {id} arrives at {arrival.Value}, before it departs at {departure.Value}.", "Correct the times (write times after midnight as 24:10, 25:00, ...)."));
                return;
            }

            trips.Add(new ScheduledTrip(id, from, departure.Value, to, arrival.Value));
        });
        return [.. trips];
    }

    /// <summary>Reads a deadheads CSV: one empty run per row, minutes and km as decimal numbers ≥ 0.</summary>
    public static DeadheadTable ReadDeadheads(string path)
    {
        var runs = new List<Deadhead>();
        var seen = new Dictionary<(string, string), int>();
        Read(path, DeadheadColumns, (row, line, problems) =>
        {
            var from = row.Text("from_stop");
            var to = row.Text("to_stop");
            var minutes = row.Number("minutes");
            var km = row.Number("km");
            if (from is null || to is null || minutes is null || km is null)
            {
                return;
            }

            if (seen.TryGetValue((from, to), out var firstLine))
            {
                problems.Add(new InputProblem(path, $"line {line}", $"the empty run {from} → {to} was already given on line {firstLine}.", "Keep one row per pair of stops and direction."));
                return;
            }

            seen.Add((from, to), line);
            runs.Add(new Deadhead(from, to, (int)Math.Round(minutes.Value * 60m), (int)Math.Round(km.Value * 1000m)));
        });
        return new DeadheadTable(runs);
    }

    /// <summary>Reads a depots CSV: <c>depot_id,stop,vehicles</c> (vehicles empty = no limit).</summary>
    public static ImmutableArray<VehicleDepot> ReadDepots(string path)
    {
        var depots = new List<VehicleDepot>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Read(path, DepotColumns, (row, line, problems) =>
        {
            var id = row.Text("depot_id");
            var stop = row.Text("stop");
            var vehicles = row.OptionalWhole("vehicles");
            if (id is null || stop is null || row.Failed)
            {
                return;
            }

            if (!seen.TryAdd(id, line))
            {
                problems.Add(new InputProblem(path, $"line {line}", $"depot_id '{id}' was already used on line {seen[id]}.", "Give every depot its own depot_id."));
                return;
            }

            depots.Add(new VehicleDepot(id, stop, vehicles));
        });
        return [.. depots];
    }

    /// <summary>
    /// Writes <c>blocks.csv</c> atomically: one row per event, vehicles in order, <c>seq</c> from 1,
    /// times <c>HH:MM:SS</c> (may pass 24:00), distance in km with three decimals; for battery buses
    /// the event's energy (kWh, negative when charging), the state of charge at its start and end
    /// (kWh) and, on <c>charge</c> rows, the charger site; empty otherwise.
    /// </summary>
    public static void WriteBlocks(string path, VehicleSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        AtomicFile.WriteText(path, writer => WriteBlocks(writer, schedule));
    }

    /// <summary>Writes the <c>blocks.csv</c> rows to <paramref name="writer"/>.</summary>
    public static void WriteBlocks(TextWriter writer, VehicleSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteHeader(BlockColumns.AsSpan());
        foreach (var block in schedule.Blocks)
        {
            var seq = 0;
            foreach (var e in block.Events)
            {
                csv.WriteField(block.VehicleId);
                csv.WriteField((++seq).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(KindName(e.Kind));
                csv.WriteField(e.TripId ?? string.Empty);
                csv.WriteField(e.FromStop);
                csv.WriteField(e.ToStop);
                csv.WriteField(e.Start.ToGtfsString());
                csv.WriteField(e.End.ToGtfsString());
                csv.WriteField((e.DistanceMetres / 1000m).ToString("0.000", CultureInfo.InvariantCulture));
                csv.WriteField(Kwh(e.EnergyWh));
                csv.WriteField(Kwh(e.SocStartWh));
                csv.WriteField(Kwh(e.SocEndWh));
                csv.WriteField(e.ChargerSite ?? string.Empty);
                csv.EndRecord();
            }
        }
    }

    /// <summary>Watt-hours as kWh with three decimals; empty when the event carries no energy (diesel, plain schedules).</summary>
    private static string Kwh(long? wh) => wh is { } v ? (v / 1000m).ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>The <c>kind</c> column's word for an event kind.</summary>
    public static string KindName(BlockEventKind kind) => kind switch
    {
        BlockEventKind.PullOut => "pull_out",
        BlockEventKind.Trip => "trip",
        BlockEventKind.Deadhead => "deadhead",
        BlockEventKind.Layover => "layover",
        BlockEventKind.PullIn => "pull_in",
        BlockEventKind.Charge => "charge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    private static void Read(string path, ImmutableArray<string> required, Action<Row, int, List<InputProblem>> onRow)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, string.Empty, Directory.Exists(path) ? "This is a folder, not a file." : "The file does not exist.", "Check the path: name a CSV file."));
        }

        var problems = new List<InputProblem>();
        using (var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true }))
        {
            csv.ReadHeader();
            if (csv.Headers.Count == 0)
            {
                throw new InputException(new InputProblem(path, "line 1", "the file is empty: it has no header row.", $"Start the file with the header {string.Join(',', required)}."));
            }

            var missing = required.Where(c => !csv.Headers.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InputException(new InputProblem(path, "line 1", $"the header lacks the column(s) {string.Join(", ", missing)}.", $"Use the header {string.Join(',', required)}."));
            }

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                var row = new Row(csv, path, line, problems);
                onRow(row, line, problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }

    /// <summary>One data row: typed field access that records a problem (and returns null) on bad values.</summary>
    private sealed class Row(CsvReader csv, string path, int line, List<InputProblem> problems)
    {
        public bool Failed { get; private set; }

        public string? Text(string column)
        {
            var text = csv.GetString(column);
            if (string.IsNullOrWhiteSpace(text))
            {
                Fail(column, $"{column} is empty.", $"Fill in {column}.");
                return null;
            }

            return text;
        }

        public ServiceTime? Time(string column)
        {
            var text = Text(column);
            if (text is null)
            {
                return null;
            }

            if (!ServiceTime.TryParse(text, out var time))
            {
                Fail(column, $"{column} '{text}' is not a time.", "Write HH:MM or HH:MM:SS; times after midnight continue the day (24:10, 25:00).");
                return null;
            }

            return time;
        }

        public decimal? Number(string column)
        {
            var text = Text(column);
            if (text is null)
            {
                return null;
            }

            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 100_000)
            {
                Fail(column, $"{column} '{text}' is not a number between 0 and 100000.", $"Write {column} as a decimal number with a dot (e.g. 12.5).");
                return null;
            }

            return value;
        }

        public int? OptionalWhole(string column)
        {
            var text = csv.GetString(column);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                Fail(column, $"{column} '{text}' is not a whole number of vehicles.", $"Write {column} as 0, 1, 2, ... or leave it empty for no limit.");
                return null;
            }

            return value;
        }

        private void Fail(string column, string problem, string fix)
        {
            Failed = true;
            problems.Add(new InputProblem(path, $"line {line}", problem, fix));
            _ = column;
        }
    }
}
