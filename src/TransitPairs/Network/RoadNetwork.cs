using System.Collections.Immutable;
using NodaTime;
using QuikGraph;
using QuikGraph.Algorithms.ShortestPath;
using TransitPairs.Validation;

namespace TransitPairs.Network;

/// <summary>
/// The road network of a scenario: terminals, stops, depots and junctions joined by two-way road
/// links. Empty runs follow the fastest route (Dijkstra on driving seconds, ties broken by
/// distance); the time and distance of every pair of places is computed once and cached.
/// </summary>
public sealed class RoadNetwork
{
    private readonly ImmutableDictionary<string, int> index;
    private readonly long[,] seconds;
    private readonly long[,] metres;

    /// <param name="places">Every place id the links may name (stops, depots, junctions).</param>
    /// <param name="links">The road links; each may be driven both ways.</param>
    public RoadNetwork(IEnumerable<string> places, IEnumerable<RoadLink> links)
    {
        Places = Check.Items(places, nameof(places)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        Links = Check.Items(links, nameof(links));
        index = Places.Select((p, i) => (p, i)).ToImmutableDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        foreach (var link in Links)
        {
            foreach (var end in new[] { link.From, link.To })
            {
                if (!index.ContainsKey(end))
                {
                    throw new InvalidValueException(nameof(links), $"The road link {link.From} – {link.To} names '{end}', which is no stop, depot or junction.",
                        "Declare the place or correct the id.");
                }
            }
        }

        var graph = new AdjacencyGraph<string, TaggedEdge<string, RoadLink>>(allowParallelEdges: true);
        graph.AddVertexRange(Places);
        foreach (var link in Links)
        {
            graph.AddEdge(new TaggedEdge<string, RoadLink>(link.From, link.To, link));
            graph.AddEdge(new TaggedEdge<string, RoadLink>(link.To, link.From, link));
        }

        // Seconds first; a metre weighs a millionth of a second, which breaks ties by distance
        // without ever trading time for distance (no route is 10^6 m longer at equal time).
        double Weight(TaggedEdge<string, RoadLink> e) => e.Tag.Time.TotalSeconds + (e.Tag.DistanceMetres * 1e-6);

        var n = Places.Length;
        seconds = new long[n, n];
        metres = new long[n, n];
        for (var s = 0; s < n; s++)
        {
            var dijkstra = new DijkstraShortestPathAlgorithm<string, TaggedEdge<string, RoadLink>>(graph, Weight);
            var predecessors = new Dictionary<string, TaggedEdge<string, RoadLink>>(StringComparer.Ordinal);
            dijkstra.TreeEdge += e => predecessors[e.Target] = e;
            dijkstra.Compute(Places[s]);
            for (var t = 0; t < n; t++)
            {
                seconds[s, t] = -1;
                metres[s, t] = -1;
                if (s == t)
                {
                    seconds[s, t] = 0;
                    metres[s, t] = 0;
                    continue;
                }

                if (!predecessors.ContainsKey(Places[t]))
                {
                    continue;
                }

                long sec = 0, m = 0;
                for (var v = Places[t]; v != Places[s]; v = predecessors[v].Source)
                {
                    sec += (long)predecessors[v].Tag.Time.TotalSeconds;
                    m += predecessors[v].Tag.DistanceMetres;
                }

                seconds[s, t] = sec;
                metres[s, t] = m;
            }
        }
    }

    /// <summary>Every place of the network, in the order of the matrices.</summary>
    public ImmutableArray<string> Places { get; }

    public ImmutableArray<RoadLink> Links { get; }

    /// <summary>True when <paramref name="placeId"/> is a node of the network.</summary>
    public bool Contains(string placeId) => index.ContainsKey(placeId);

    /// <summary>True when a road route leads from <paramref name="fromPlaceId"/> to <paramref name="toPlaceId"/>.</summary>
    public bool Connects(string fromPlaceId, string toPlaceId) =>
        index.TryGetValue(fromPlaceId, out var f) && index.TryGetValue(toPlaceId, out var t) && seconds[f, t] >= 0;

    /// <summary>
    /// The empty run from one place to another along the fastest road route (zero from a place to
    /// itself). Throws <see cref="InvalidValueException"/> when a place is unknown or unreachable.
    /// </summary>
    public EmptyRun EmptyRun(string fromPlaceId, string toPlaceId)
    {
        var f = IndexOf(fromPlaceId, nameof(fromPlaceId));
        var t = IndexOf(toPlaceId, nameof(toPlaceId));
        if (seconds[f, t] < 0)
        {
            throw new InvalidValueException(nameof(toPlaceId), $"No road leads from '{fromPlaceId}' to '{toPlaceId}'.",
                "Add road links that join the two places.");
        }

        return new EmptyRun(Duration.FromSeconds(seconds[f, t]), (int)metres[f, t]);
    }

    /// <summary>
    /// The empty-run matrix over <paramref name="placeIds"/> (in that order), for solvers that
    /// want integers: whole minutes rounded up and metres; -1 where no road leads.
    /// </summary>
    public EmptyRunMatrix Matrix(IEnumerable<string> placeIds)
    {
        var list = Check.Items(placeIds, nameof(placeIds));
        var n = list.Length;
        var minutes = new int[n * n];
        var distance = new int[n * n];
        for (var i = 0; i < n; i++)
        {
            var f = IndexOf(list[i], nameof(placeIds));
            for (var j = 0; j < n; j++)
            {
                var t = IndexOf(list[j], nameof(placeIds));
                minutes[(i * n) + j] = seconds[f, t] < 0 ? -1 : (int)((seconds[f, t] + 59) / 60);
                distance[(i * n) + j] = (int)metres[f, t];
            }
        }

        return new EmptyRunMatrix(list, minutes.ToImmutableArray(), distance.ToImmutableArray());
    }

    private int IndexOf(string placeId, string paramName) =>
        placeId is not null && index.TryGetValue(placeId, out var i)
            ? i
            : throw new InvalidValueException(paramName, $"'{placeId}' is no place of the road network.", "Use the id of a stop, depot or junction.");
}

/// <summary>Empty runs between a fixed list of places, as integers for solver models.</summary>
public sealed class EmptyRunMatrix
{
    internal EmptyRunMatrix(ImmutableArray<string> places, ImmutableArray<int> minutes, ImmutableArray<int> metres)
    {
        Places = places;
        MinutesFlat = minutes;
        MetresFlat = metres;
    }

    /// <summary>Row and column order.</summary>
    public ImmutableArray<string> Places { get; }

    /// <summary>Row-major minutes (rounded up), -1 where no road leads.</summary>
    public ImmutableArray<int> MinutesFlat { get; }

    /// <summary>Row-major metres, -1 where no road leads.</summary>
    public ImmutableArray<int> MetresFlat { get; }

    /// <summary>Whole minutes (rounded up) from row <paramref name="from"/> to column <paramref name="to"/>; -1 when unreachable.</summary>
    public int Minutes(int from, int to) => MinutesFlat[(from * Places.Length) + to];

    /// <summary>Metres from row <paramref name="from"/> to column <paramref name="to"/>; -1 when unreachable.</summary>
    public int Metres(int from, int to) => MetresFlat[(from * Places.Length) + to];

    /// <summary>Index of <paramref name="placeId"/> in <see cref="Places"/>, or -1.</summary>
    public int IndexOf(string placeId) => Places.IndexOf(placeId);
}
