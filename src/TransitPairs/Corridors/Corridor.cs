using System.Collections.Immutable;
using TransitPairs.Network;
using TransitPairs.Places;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Corridors;

/// <summary>
/// An intercity corridor between two terminals: its stops, depots, stopping patterns, time bands,
/// the winter run-time factor, and the roads (junctions and links) that empty runs use.
/// </summary>
public sealed record Corridor
{
    public Corridor(
        string id,
        PlaceName name,
        string terminalA,
        string terminalB,
        IEnumerable<Stop> stops,
        IEnumerable<Depot> depots,
        IEnumerable<Pattern> patterns,
        IEnumerable<TimeBandPeriod> timeBands,
        double winterRunTimeFactor,
        IEnumerable<Junction> junctions,
        IEnumerable<RoadLink> roadLinks)
    {
        Id = Check.Id(id, nameof(id));
        Name = Check.NotNull(name, nameof(name));
        Stops = Check.Items(stops, nameof(stops));
        Check.UniqueIds(Stops, s => s.Id, nameof(stops));
        Depots = Check.Items(depots, nameof(depots));
        Check.UniqueIds(Depots, d => d.Id, nameof(depots));
        Patterns = Check.Items(patterns, nameof(patterns));
        Check.UniqueIds(Patterns, p => p.Id, nameof(patterns));
        TimeBands = Check.Values(timeBands, nameof(timeBands)).Sort((a, b) => a.From.CompareTo(b.From));
        Junctions = Check.Items(junctions, nameof(junctions));
        RoadLinks = Check.Items(roadLinks, nameof(roadLinks));
        WinterRunTimeFactor = Check.InRange(winterRunTimeFactor, 1.0, 3.0, nameof(winterRunTimeFactor));

        TerminalA = RequireTerminal(terminalA, nameof(terminalA));
        TerminalB = RequireTerminal(terminalB, nameof(terminalB));
        if (TerminalA == TerminalB)
        {
            throw new InvalidValueException(nameof(terminalB), $"Both ends of corridor '{id}' are '{terminalA}'.", "Name two different terminals.");
        }

        if (Patterns.IsEmpty)
        {
            throw new InvalidValueException(nameof(patterns), $"Corridor '{id}' has no pattern.", "Add at least one pattern (e.g. express).");
        }

        foreach (var pattern in Patterns)
        {
            foreach (var ps in pattern.Stops)
            {
                if (Stops.All(s => s.Id != ps.Stop))
                {
                    throw new InvalidValueException(nameof(patterns), $"Pattern '{pattern.Id}' stops at '{ps.Stop}', which is no stop of corridor '{id}'.",
                        "Add the stop to 'stops' or correct the id.");
                }
            }

            if (pattern.Stops[0].Stop != TerminalA || pattern.Stops[^1].Stop != TerminalB)
            {
                throw new InvalidValueException(nameof(patterns), $"Pattern '{pattern.Id}' runs {pattern.Stops[0].Stop} → {pattern.Stops[^1].Stop}, not {TerminalA} → {TerminalB}.",
                    "List a pattern's stops from terminal A to terminal B.");
            }
        }

        for (var i = 1; i < TimeBands.Length; i++)
        {
            if (TimeBands[i].From < TimeBands[i - 1].To)
            {
                throw new InvalidValueException(nameof(timeBands), $"The {TimeBands[i - 1].Band} period {TimeBands[i - 1].From}–{TimeBands[i - 1].To} overlaps the {TimeBands[i].Band} period from {TimeBands[i].From}.",
                    "Make the periods follow each other without overlap.");
            }
        }
    }

    public string Id { get; }

    public PlaceName Name { get; }

    /// <summary>Id of the terminal where outbound trips start.</summary>
    public string TerminalA { get; }

    /// <summary>Id of the terminal where outbound trips end.</summary>
    public string TerminalB { get; }

    public ImmutableArray<Stop> Stops { get; }

    public ImmutableArray<Depot> Depots { get; }

    public ImmutableArray<Pattern> Patterns { get; }

    /// <summary>Peak and night periods, sorted, not overlapping; any other time is <see cref="TimeBand.OffPeak"/>.</summary>
    public ImmutableArray<TimeBandPeriod> TimeBands { get; }

    /// <summary>Run times in winter are the band run times times this factor (1.0–3.0; snow and ice on the G-roads).</summary>
    public double WinterRunTimeFactor { get; }

    public ImmutableArray<Junction> Junctions { get; }

    public ImmutableArray<RoadLink> RoadLinks { get; }

    public Stop Stop(string stopId) =>
        Stops.FirstOrDefault(s => s.Id == stopId)
        ?? throw new InvalidValueException(nameof(stopId), $"'{stopId}' is no stop of corridor '{Id}'.", "Use a stop id of the corridor.");

    public Pattern Pattern(string patternId) =>
        Patterns.FirstOrDefault(p => p.Id == patternId)
        ?? throw new InvalidValueException(nameof(patternId), $"'{patternId}' is no pattern of corridor '{Id}'.", "Use a pattern id of the corridor.");

    /// <summary>The terminal where trips in <paramref name="direction"/> start.</summary>
    public string Origin(Direction direction) => direction == Direction.Outbound ? TerminalA : TerminalB;

    /// <summary>The terminal where trips in <paramref name="direction"/> end.</summary>
    public string Destination(Direction direction) => direction == Direction.Outbound ? TerminalB : TerminalA;

    /// <summary>The band in force at <paramref name="time"/> (off-peak outside every listed period).</summary>
    public TimeBand BandAt(ServiceTime time) =>
        TimeBands.Where(p => p.Contains(time)).Select(p => (TimeBand?)p.Band).FirstOrDefault() ?? TimeBand.OffPeak;

    /// <summary>
    /// The run-time factor in <paramref name="season"/>: 1 in summer, <see cref="WinterRunTimeFactor"/>
    /// in winter, halfway between in the shoulder season.
    /// </summary>
    public double RunTimeFactor(Season season) => season switch
    {
        Season.Summer => 1.0,
        Season.Winter => WinterRunTimeFactor,
        Season.Shoulder => (1.0 + WinterRunTimeFactor) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(season), season, "Unknown season."),
    };

    private string RequireTerminal(string stopId, string paramName)
    {
        Check.Id(stopId, paramName);
        var stop = Stops.FirstOrDefault(s => s.Id == stopId)
            ?? throw new InvalidValueException(paramName, $"The terminal '{stopId}' is not among the corridor's stops.", "Add it to 'stops' (kind \"terminal\") or correct the id.");
        if (stop.Kind != StopKind.Terminal)
        {
            throw new InvalidValueException(paramName, $"'{stopId}' is a {stop.Kind}, not a terminal.", "Set its kind to 'terminal' or name the terminal.");
        }

        return stopId;
    }
}
