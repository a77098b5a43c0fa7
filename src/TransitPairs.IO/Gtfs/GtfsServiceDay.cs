using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// One trip of a service day reduced to what vehicle scheduling needs: where and when it starts
/// and ends, and the agency's block (null when the feed gives none).
/// </summary>
public sealed record GtfsDayTrip(
    string TripId,
    string RouteId,
    string? BlockId,
    string FromStopId,
    ServiceTime Departure,
    string ToStopId,
    ServiceTime Arrival);

/// <summary>
/// The trips that run on one service date (only trips whose service is active that date; trips of
/// the day before running past midnight are not included, as GTFS counts them on their own day),
/// and the stops where they start or end.
/// </summary>
public sealed record GtfsServiceDay(LocalDate Date, ImmutableArray<GtfsDayTrip> Trips, ImmutableDictionary<string, GtfsStop> Stops)
{
    /// <summary>The agency's own blocks that day, from block_id.</summary>
    public GtfsAgencyBlocks AgencyBlocks() => GtfsAgencyBlocks.Of(Trips);
}

/// <summary>
/// What the agency's own blocks (trips.txt block_id) need on a day, and the deficit bound.
/// Intervals are [departure, arrival): a vehicle that arrives at 08:00 can leave again at 08:00.
/// A block id whose trips overlap in time cannot be one vehicle's work (some feeds put a
/// placeholder such as 0 on trips they have not blocked): its trips count as trips without a block.
/// </summary>
/// <param name="BlockIds">Distinct block ids among the day's trips; null when no trip has one.</param>
/// <param name="PeakBlocks">Most blocks active at once, a block running from its first departure to its last arrival of the day; null without block ids.</param>
/// <param name="PeakTripsInService">Most trips in service at once: a lower bound on the fleet whatever the empty runs (deficit function, Ceder).</param>
/// <param name="TripsWithoutBlock">Trips of the day that carry no block id, or one whose trips overlap.</param>
/// <param name="OverlappingBlockIds">Block ids left out because their trips overlap in time.</param>
public sealed record GtfsAgencyBlocks(int? BlockIds, int? PeakBlocks, int PeakTripsInService, int TripsWithoutBlock, ImmutableArray<string> OverlappingBlockIds)
{
    public static GtfsAgencyBlocks Of(IReadOnlyCollection<GtfsDayTrip> trips)
    {
        ArgumentNullException.ThrowIfNull(trips);
        var blocks = new List<(int Start, int End)>();
        var overlapping = ImmutableArray.CreateBuilder<string>();
        var withoutBlock = trips.Count(t => t.BlockId is null);
        foreach (var block in trips.Where(t => t.BlockId is not null).GroupBy(t => t.BlockId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = block.OrderBy(t => t.Departure).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(pair => pair.Second.Departure < pair.First.Arrival))
            {
                overlapping.Add(block.Key);
                withoutBlock += ordered.Count;
                continue;
            }

            blocks.Add((ordered[0].Departure.TotalSeconds, ordered.Max(t => t.Arrival.TotalSeconds)));
        }

        var peakTrips = MostAtOnce(trips.Select(t => (t.Departure.TotalSeconds, t.Arrival.TotalSeconds)));
        return blocks.Count == 0
            ? new GtfsAgencyBlocks(null, null, peakTrips, withoutBlock, overlapping.ToImmutable())
            : new GtfsAgencyBlocks(blocks.Count, MostAtOnce(blocks), peakTrips, withoutBlock, overlapping.ToImmutable());
    }

    /// <summary>Most intervals [start, end) that overlap at one instant; an end and a start at the same second do not overlap.</summary>
    public static int MostAtOnce(IEnumerable<(int Start, int End)> intervals) => FleetLowerBounds.MostAtOnce(intervals);
}
