using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TransitPairs.Corridors;
using TransitPairs.IO.Scenarios;
using TransitPairs.Scenarios;
using TransitPairs.Vehicles;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs show SCENARIO</c>: a readable summary of a scenario as loaded (bases merged,
/// overrides applied): corridors, patterns with run times, depots, empty runs, demand, policy,
/// fleet, vehicle types, chargers, rail connections and solver options.
/// </summary>
internal static class ShowCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliConsole console)
    {
        var scenario = new Argument<FileInfo>("SCENARIO") { Description = "A scenario file (JSON)." };
        var format = FormatOption.Create("json: the composed scenario: bases merged, overrides applied, files included", "table", "json");
        var overrides = new ScenarioOverridesOption();
        var command = new Command("show", "Print a readable summary of a scenario: corridors, patterns, run times, depots, demand, policy, fleet, chargers.");
        command.Arguments.Add(scenario);
        command.Options.Add(format);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            var path = parse.GetValue(scenario)!.ToString();
            var set = overrides.Read(parse);
            var loaded = ScenarioLoader.Load(path, set);
            if (parse.GetValue(format) == "json")
            {
                var composed = ScenarioLoader.Compose(path, set)!;
                console.Out.WriteLine(composed.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                console.Out.Write(Summary(loaded));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The table form of <c>show</c>.</summary>
    internal static string Summary(Scenario s)
    {
        var o = new StringBuilder();
        void Line(string text = "") => o.Append(text).Append('\n');
        static string Lower(Enum e) => char.ToLowerInvariant(e.ToString()[0]) + e.ToString()[1..];
        static string Min(NodaTime.Duration d) => d.TotalMinutes.ToString("0.#", Inv);

        Line($"scenario   {s.Name}");
        if (s.Description.Length > 0)
        {
            Line($"           {s.Description}");
        }

        Line(string.Create(Inv, $"date       {s.ServiceDate:yyyy-MM-dd} ({s.ServiceDate.DayOfWeek}), {Lower(s.DayType)}, {Lower(s.Season)}"));
        foreach (var c in s.Corridors)
        {
            var factor = c.RunTimeFactor(s.Season);
            Line();
            Line($"corridor   {c.Id}  {c.Name}");
            Line($"           outbound {c.Stop(c.TerminalA).Name} → {c.Stop(c.TerminalB).Name}");
            Line("stops      id                     kind         name                                   lat, lon");
            foreach (var stop in c.Stops)
            {
                Line(string.Create(Inv, $"           {stop.Id,-22} {Lower(stop.Kind),-12} {stop.Name.ToString(),-38} {stop.Location.Lat:0.0000}, {stop.Location.Lon:0.0000}"));
            }

            Line(string.Create(Inv, $"patterns   (run times in minutes: peak / off-peak / night{(factor != 1 ? $", {Lower(s.Season)} ×{factor:0.###} applied" : string.Empty)})"));
            foreach (var p in c.Patterns)
            {
                var seated = s.Policy.IsSeatedOnly(p) ? "seated-only" : "standing ok";
                Line(string.Create(Inv,
                    $"           {p.Id,-10} {Lower(p.Kind),-8} {p.Km,6:0.0} km  {Min(p.TripTime(TimeBand.Peak, factor)),5} / {Min(p.TripTime(TimeBand.OffPeak, factor)),5} / {Min(p.TripTime(TimeBand.Night, factor)),5}  {seated}"));
                Line($"             {string.Join(" → ", p.StopIds(Direction.Outbound))}");
            }

            Line("bands      " + (c.TimeBands.IsEmpty ? "off-peak all day" : string.Join(", ", c.TimeBands.Select(b => $"{Lower(b.Band)} {b.From}–{b.To}"))));
            Line("depots     id                     parking  chargers");
            foreach (var d in c.Depots)
            {
                Line(string.Create(Inv, $"           {d.Id,-22} {d.ParkingCapacity,7}  {Chargers(s, d.Id)}"));
            }

            var ends = new[] { c.TerminalA, c.TerminalB }.Concat(c.Depots.Select(d => d.Id)).ToList();
            Line("empty runs " + string.Join("; ", ends.SelectMany((a, i) => ends.Skip(i + 1).Select(b => (a, b)))
                .Select(x => (x.a, x.b, run: s.Network.EmptyRun(x.a, x.b)))
                .Select(x => string.Create(Inv, $"{x.a} – {x.b} {x.run.Minutes} min {x.run.Km:0.#} km"))));

            if (s.Demand.For(c.Id) is { } d0)
            {
                var dayFactor = s.Demand.DayTypeFactors[s.DayType];
                Line(string.Create(Inv, $"demand     scale ×{s.Demand.Scale:0.##}, {Lower(s.DayType)} ×{dayFactor:0.##}{(d0.SegmentLoads.IsEmpty ? string.Empty : $", {d0.SegmentLoads.Length} segment loads")}"));
                foreach (var direction in Enum.GetValues<Direction>())
                {
                    var hours = d0.Hourly.Where(h => h.Direction == direction).ToList();
                    if (hours.Count == 0)
                    {
                        continue;
                    }

                    var peak = hours.MaxBy(h => h.Passengers);
                    var scale = s.Demand.Scale * dayFactor;
                    Line(string.Create(Inv,
                        $"           {Lower(direction),-9}{d0.RawDailyPassengers(direction) * scale,7:0} passengers/day, busiest hour {peak.Hour:00}:00 with {peak.Passengers * scale:0} (max-load point)"));
                }
            }
        }

        var p0 = s.Policy;
        Line();
        Line($"policy     span outbound {p0.OutboundSpan.FirstDeparture}–{p0.OutboundSpan.LastDeparture}, inbound {p0.InboundSpan.FirstDeparture}–{p0.InboundSpan.LastDeparture}");
        Line(string.Create(Inv, $"           headway {Min(p0.MinHeadway)}–{Min(p0.MaxHeadway)} min, occupancy {p0.DesiredOccupancy:0%}, clock-face {(p0.ClockFace ? "on" : "off")}, layover ≥ {Min(p0.MinLayover)} min"));
        if (p0.TripTarget is { } t)
        {
            Line($"           fixed service: {t.TripsPerDay} trips/day counted {(t.Counting == Policy.TripCounting.OneWay ? "one-way" : "as round trips")} = {t.DeparturesIn(Direction.Outbound)} outbound + {t.DeparturesIn(Direction.Inbound)} inbound");
        }

        var r = p0.DriverRules;
        Line($"           drivers: ≤ {Min(r.MaxContinuousDriving)} min continuous, rest ≥ {Min(r.MinRest)} min, ≤ {Min(r.MaxDrivingPerDay)} min a day{(r.Enforced ? string.Empty : " (not enforced)")}");
        Line($"fleet      {s.Fleet.Total} vehicles: " + string.Join(", ", s.Fleet.Allocations.Where(a => a.Count > 0).Select(a => $"{a.Count} × {a.VehicleType} at {a.Depot}")));
        Line("vehicles   id            seats stand energy");
        foreach (var v in s.VehicleTypes.Where(v => s.Fleet.CountOf(v.Id) > 0))
        {
            Line(string.Create(Inv, $"           {v.Id,-13} {v.Seats,5} {v.StandingPlaces,5} {Energy(v)}"));
        }

        Line("chargers   " + (s.Chargers.IsEmpty ? "none" : string.Join("; ", s.Chargers.Select(c => string.Create(Inv, $"{c.Id} at {c.Place}: {c.Points} × {c.PowerKw:0} kW")))));
        foreach (var e in s.RailEvents)
        {
            Line($"rail       {e.TrainId} at {e.Stop}: {(e.Arrival is { } a ? $"arrives {a}" : string.Empty)}{(e.Arrival is not null && e.Departure is not null ? ", " : string.Empty)}{(e.Departure is { } dep ? $"departs {dep}" : string.Empty)}; transfer {Min(e.MinTransfer)}–{Min(e.MaxTransfer)} min, {e.ExpectedPassengers} passengers");
        }

        Line(string.Create(Inv, $"options    time limit {s.Options.TimeLimit.TotalSeconds:0.#} s, {s.Options.Threads} thread{(s.Options.Threads == 1 ? string.Empty : "s")}, seed {s.Options.Seed}"));
        return o.ToString();
    }

    private static string Chargers(Scenario s, string place)
    {
        var sites = s.ChargersAt(place).ToList();
        return sites.Count == 0 ? "-" : string.Join(", ", sites.Select(c => string.Create(Inv, $"{c.Points} × {c.PowerKw:0} kW")));
    }

    private static string Energy(VehicleType v) => v.Battery is { } b
        ? string.Create(Inv, $"battery {b.PackKwh:0} kWh ({b.UsableFloorPercent:0}–{b.UsableCeilingPercent:0} % usable = {b.UsableKwh:0} kWh), {v.Consumption.Summer:0.00}/{v.Consumption.Winter:0.00} kWh/km summer/winter, ≤ {b.MaxChargingPowerKw:0} kW")
        : string.Create(Inv, $"diesel, {v.Consumption.Summer:0.00}/{v.Consumption.Winter:0.00} l/km summer/winter");
}
