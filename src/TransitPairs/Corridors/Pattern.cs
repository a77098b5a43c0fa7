using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Time;
using TransitPairs.Timetables;
using TransitPairs.Validation;

namespace TransitPairs.Corridors;

/// <summary>How a pattern serves the corridor.</summary>
public enum PatternKind
{
    /// <summary>Few stops, on the expressway: terminals and a stop or two inside each city.</summary>
    Express,

    /// <summary>Through the towns on the way (e.g. Dongliao, Da'an).</summary>
    Local,
}

/// <summary>
/// A stopping pattern (a GTFS shape with its stops): the ordered stops of an outbound trip from
/// terminal A to terminal B, with the distance, run times and dwell of each segment. Inbound trips
/// run the same stops in reverse.
/// </summary>
public sealed record Pattern
{
    public Pattern(string id, PatternKind kind, bool expressway, IEnumerable<PatternStop> stops)
    {
        Id = Check.Id(id, nameof(id));
        Kind = Check.Defined(kind, nameof(kind));
        Expressway = expressway;
        Stops = Check.Items(stops, nameof(stops));
        if (Stops.Length < 2)
        {
            throw new InvalidValueException(nameof(stops), $"Pattern '{id}' has {Stops.Length} stop(s); a pattern needs at least 2.",
                "List the stops from terminal A to terminal B in order.");
        }

        if (Stops[0].DistanceMetres != 0 || !Stops[0].Minutes.IsZero)
        {
            throw new InvalidValueException(nameof(stops), $"The first stop of pattern '{id}' has a distance or run time; it has no previous stop.",
                "Drop 'km' and 'minutes' from the first stop.");
        }

        for (var i = 1; i < Stops.Length; i++)
        {
            var s = Stops[i];
            if (s.DistanceMetres <= 0 || s.Minutes.Peak <= Duration.Zero || s.Minutes.OffPeak <= Duration.Zero || s.Minutes.Night <= Duration.Zero)
            {
                throw new InvalidValueException(nameof(stops), $"Stop {i} ('{s.Stop}') of pattern '{id}' has no distance or run time from the previous stop.",
                    "Give 'km' and 'minutes' (peak, offPeak, night) above 0 for every stop after the first.");
            }

            if (Stops.Take(i).Any(p => p.Stop == s.Stop))
            {
                throw new InvalidValueException(nameof(stops), $"Pattern '{id}' visits '{s.Stop}' twice.", "List each stop once.");
            }
        }
    }

    public string Id { get; }

    public PatternKind Kind { get; }

    /// <summary>True when the pattern runs on the expressway; seated-only operation is then the default.</summary>
    public bool Expressway { get; }

    /// <summary>Stops in outbound order (terminal A first).</summary>
    public ImmutableArray<PatternStop> Stops { get; }

    /// <summary>Total road distance terminal to terminal, in metres.</summary>
    public int DistanceMetres => Stops.Sum(s => s.DistanceMetres);

    /// <summary>Total road distance in km.</summary>
    public double Km => DistanceMetres / 1000.0;

    /// <summary>Stop ids in the order a trip in <paramref name="direction"/> visits them.</summary>
    public ImmutableArray<string> StopIds(Direction direction)
    {
        var ids = Stops.Select(s => s.Stop);
        return (direction == Direction.Outbound ? ids : ids.Reverse()).ToImmutableArray();
    }

    /// <summary>
    /// Terminal-to-terminal time (running plus intermediate dwells) in <paramref name="band"/>,
    /// multiplied by <paramref name="runTimeFactor"/> (1 in summer; the corridor's winter factor in winter).
    /// </summary>
    public Duration TripTime(TimeBand band, double runTimeFactor = 1.0) =>
        Duration.FromSeconds(Offsets(Direction.Outbound, band, runTimeFactor)[^1].ArrivalSeconds);

    /// <summary>
    /// Stop times of a trip leaving its first stop at <paramref name="departure"/> in
    /// <paramref name="direction"/>, with every segment run in <paramref name="band"/> (the band at
    /// departure: trips are short against the bands) times <paramref name="runTimeFactor"/>,
    /// rounded to whole seconds.
    /// </summary>
    public ImmutableArray<StopTime> StopTimes(Direction direction, ServiceTime departure, TimeBand band, double runTimeFactor = 1.0) =>
        Offsets(direction, band, runTimeFactor)
            .Select(o => new StopTime(o.Stop, departure.AddSeconds(o.ArrivalSeconds), departure.AddSeconds(o.DepartureSeconds)))
            .ToImmutableArray();

    private List<(string Stop, int ArrivalSeconds, int DepartureSeconds)> Offsets(Direction direction, TimeBand band, double runTimeFactor)
    {
        Check.Positive(runTimeFactor, nameof(runTimeFactor));
        var ordered = direction == Direction.Outbound ? Stops.ToList() : Stops.Reverse().ToList();
        var result = new List<(string, int, int)>(ordered.Count);
        var clock = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i > 0)
            {
                // The segment into stop i is stored on the later stop of the outbound order.
                var segment = direction == Direction.Outbound ? ordered[i] : ordered[i - 1];
                clock += (int)Math.Round(segment.Minutes.In(band).TotalSeconds * runTimeFactor);
            }

            var last = i == 0 || i == ordered.Count - 1;
            var dwell = last ? 0 : (int)ordered[i].Dwell.TotalSeconds;
            result.Add((ordered[i].Stop, clock, clock + dwell));
            clock += dwell;
        }

        return result;
    }
}
