using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using NodaTime.Text;
using TransitPairs.IO.Gtfs;
using TransitPairs.TestSupport;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>The five real agencies' feeds of ../shared/benchmarks/gtfs against the figures in its known.csv.</summary>
public sealed class AgencyFeedTests
{
    public static TheoryData<string> SmallFeeds => ["transcollines", "emerygoround", "kart"];

    public static TheoryData<string> AllFeeds => ["transcollines", "emerygoround", "kart", "cherriots", "hart-2020"];

    [SharedBenchmarksTheory]
    [MemberData(nameof(SmallFeeds))]
    public void ReadServiceDay_SmallAgencyFeed_MatchesKnownTripsBlocksAndPeaks(string feed) => AssertMatchesKnown(feed);

    [SharedBenchmarksTheory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(AllFeeds))]
    public void ReadServiceDay_AgencyFeed_MatchesKnownTripsBlocksAndPeaks(string feed) => AssertMatchesKnown(feed);

    [SharedBenchmarksTheory]
    [MemberData(nameof(SmallFeeds))]
    public void PermissiveEmptyRuns_SmallAgencyFeed_MinimumFleetByMatchingEqualsKnownMinimum(string feed) => AssertMinimumFleet(feed);

    [SharedBenchmarksTheory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(AllFeeds))]
    public void PermissiveEmptyRuns_AgencyFeed_MinimumFleetByMatchingEqualsKnownMinimum(string feed) => AssertMinimumFleet(feed);

    private static void AssertMinimumFleet(string feed)
    {
        var known = KnownFeed.Load(feed);
        var day = GtfsReader.ReadServiceDay(known.ZipPath, known.Date, known.Filter);
        Assert.Equal(known.MinFleetPermissive, MinimumFleetByMatching.Of(day, StraightLineEmptyRuns.Permissive));
    }

    private static void AssertMatchesKnown(string feed)
    {
        var known = KnownFeed.Load(feed);
        var day = GtfsReader.ReadServiceDay(known.ZipPath, known.Date, known.Filter, out var warnings);
        var blocks = day.AgencyBlocks();
        Assert.Equal(
            $"trips={known.Trips} blockIds={known.AgencyBlockIds} peakBlocks={known.AgencyPeakBlocks} peakTrips={known.PeakTripsInService}",
            $"trips={day.Trips.Length} blockIds={blocks.BlockIds} peakBlocks={blocks.PeakBlocks} peakTrips={blocks.PeakTripsInService}");
        Assert.NotNull(warnings);
    }
}

/// <summary>One row of ../shared/benchmarks/gtfs/known.csv.</summary>
internal sealed record KnownFeed(
    string Feed, string ZipPath, NodaTime.LocalDate Date, GtfsTripFilter Filter, int Trips, int AgencyBlockIds,
    int AgencyPeakBlocks, int PeakTripsInService, int MinFleetPermissive)
{
    public static KnownFeed Load(string feed)
    {
        var path = TestPaths.RequireSharedBenchmarks("gtfs", "known.csv");
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        while (csv.Read())
        {
            if (csv.GetString("feed") != feed)
            {
                continue;
            }

            return new KnownFeed(
                feed,
                TestPaths.RequireSharedBenchmarks("gtfs", feed + ".zip"),
                LocalDatePattern.Iso.Parse(csv.GetString("date")).Value,
                ParseFilter(csv.GetString("route_filter")),
                Int(csv.GetString("trips")),
                Int(csv.GetString("agency_block_ids")),
                Int(csv.GetString("agency_peak_blocks")),
                Int(csv.GetString("peak_trips_in_service")),
                Int(csv.GetString("min_fleet_layover0_80kmh_detour1.3")));
        }

        throw new InvalidOperationException($"{feed} is not in {path}");
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>"all", or "route_type=3 minus routes 800 PWT SKY".</summary>
    private static GtfsTripFilter ParseFilter(string text)
    {
        if (text == "all")
        {
            return GtfsTripFilter.All;
        }

        var parts = text.Split(" minus routes ");
        var types = parts[0].Replace("route_type=", string.Empty, StringComparison.Ordinal).Split(',').Select(Int).ToImmutableHashSet();
        var excluded = parts.Length > 1 ? parts[1].Split(' ').ToImmutableHashSet(StringComparer.Ordinal) : [];
        return new GtfsTripFilter(types, excluded);
    }
}
