using TransitPairs.IO.Gtfs;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>The five real agencies' feeds of benchmarks/instances/gtfs against the figures in its known.csv.</summary>
public sealed class AgencyFeedTests
{
    public static TheoryData<string> SmallFeeds => ["transcollines", "emerygoround", "kart"];

    public static TheoryData<string> AllFeeds => ["transcollines", "emerygoround", "kart", "cherriots", "hart-2020"];

    [Theory]
    [MemberData(nameof(AllFeeds))]
    public void ReadServiceDay_AgencyFeed_MatchesKnownTripsBlocksAndPeaks(string feed) => AssertMatchesKnown(feed);

    [Theory]
    [MemberData(nameof(SmallFeeds))]
    public void PermissiveEmptyRuns_SmallAgencyFeed_MinimumFleetByMatchingEqualsKnownMinimum(string feed) => AssertMinimumFleet(feed);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(AllFeeds))]
    public void PermissiveEmptyRuns_AgencyFeed_MinimumFleetByMatchingEqualsKnownMinimum(string feed) => AssertMinimumFleet(feed);

    /// <summary>
    /// The permissive model admits the agencies' own links but one: Transcollines runs 925C_T02
    /// (arrives 16:53 at Principale Est) then 923C_T02 (leaves 17:24 from Passe-Partout, 32.2 km
    /// away in a straight line): 31 min, where 1.3 × 32.2 km at 80 km/h takes 31 min 26 s.
    /// </summary>
    [Theory]
    [InlineData("transcollines", "2020-Semaine-1.925C_T02 → 2020-Semaine-1.923C_T02")]
    [InlineData("emerygoround", "")]
    [InlineData("kart", "")]
    [InlineData("cherriots", "")]
    [InlineData("hart-2020", "")]
    public void PermissiveEmptyRuns_AgencyFeed_AdmitTheAgencysOwnLinks(string feed, string refused)
    {
        var known = KnownFeed.Load(feed);
        var day = GtfsReader.ReadServiceDay(known.ZipPath, known.Date, known.Filter);
        var vehicleDay = new GtfsVehicleDay(day, StraightLineEmptyRuns.Permissive);
        var overlapping = day.AgencyBlocks().OverlappingBlockIds.ToHashSet(StringComparer.Ordinal);
        var index = day.Trips.Select((t, i) => (t, i)).ToDictionary(p => p.t.TripId, p => p.i, StringComparer.Ordinal);
        var infeasible = day.Trips.Where(t => t.BlockId is not null && !overlapping.Contains(t.BlockId))
            .GroupBy(t => t.BlockId!, StringComparer.Ordinal)
            .SelectMany(block => block.OrderBy(t => t.Departure).Zip(block.OrderBy(t => t.Departure).Skip(1)))
            .Select(link => (From: vehicleDay.Trips[index[link.First.TripId]], To: vehicleDay.Trips[index[link.Second.TripId]], link))
            .Where(l => l.From.ArrivalSeconds + vehicleDay.EmptyRun(l.From.ToPlace, l.To.FromPlace).Seconds > l.To.DepartureSeconds)
            .Select(l => $"{l.link.First.TripId} → {l.link.Second.TripId}");
        Assert.Equal(refused, string.Join(", ", infeasible));
    }

    private static void AssertMinimumFleet(string feed)
    {
        var known = KnownFeed.Load(feed);
        var day = GtfsReader.ReadServiceDay(known.ZipPath, known.Date, known.Filter);
        Assert.Equal(known.MinFleetPermissive, MinimumFleetByMatching.Of(day, StraightLineEmptyRuns.Permissive, minLayoverSeconds: 0));
    }

    private static void AssertMatchesKnown(string feed)
    {
        var known = KnownFeed.Load(feed);
        var day = GtfsReader.ReadServiceDay(known.ZipPath, known.Date, known.Filter, out var warnings);
        var blocks = day.AgencyBlocks();
        Assert.Equal(
            $"trips={known.Trips} blockIds={known.AgencyBlockIds} peakBlocks={known.AgencyPeakBlocks} peakTrips={known.PeakTripsInService}",
            $"trips={day.Trips.Length} blockIds={blocks.BlockIds} peakBlocks={blocks.PeakBlocks} peakTrips={blocks.PeakTripsInService}");
        Assert.Empty(warnings);
    }
}
