using NodaTime;
using TransitPairs.Corridors;
using TransitPairs.IO.Gtfs;
using TransitPairs.IO.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.TestSupport;
using TransitPairs.Time;
using TransitPairs.Timetables;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>A plan (timetable + blocks) of the three bundled corridors as a GTFS feed.</summary>
public sealed class GtfsPlanFeedTests(GtfsToolsFixture tools) : IClassFixture<GtfsToolsFixture>, IDisposable
{
    private static readonly LocalDate Day = new(2026, 1, 14);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-gtfs-plan-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The corridors of the bundled scenarios (each scenario names its corridors; every corridor once).</summary>
    private static List<Corridor> BundledCorridors() =>
        Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json")
            .SelectMany(path => ScenarioLoader.Load(path).Corridors)
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Every two hours from 06:00 a bus leaves terminal A on the first pattern and comes back 20
    /// minutes after it arrives: one block per round trip (a plan's shape, without the solvers).
    /// </summary>
    private static (Timetable Timetable, Dictionary<string, string> Blocks) RoundTrips(IEnumerable<Corridor> corridors, int perCorridor)
    {
        var trips = new List<Trip>();
        var blocks = new Dictionary<string, string>();
        foreach (var corridor in corridors)
        {
            var pattern = corridor.Patterns[0];
            for (var k = 0; k < perCorridor; k++)
            {
                var leave = ServiceTime.FromHms(6 + (2 * k), 0);
                var outbound = new Trip($"{corridor.Id}-{k + 1:00}-out", corridor.Id, pattern.Id, Direction.Outbound,
                    pattern.StopTimes(Direction.Outbound, leave, corridor.BandAt(leave)));
                var back = outbound.Arrival.AddMinutes(20);
                var inbound = new Trip($"{corridor.Id}-{k + 1:00}-in", corridor.Id, pattern.Id, Direction.Inbound,
                    pattern.StopTimes(Direction.Inbound, back, corridor.BandAt(back)));
                trips.Add(outbound);
                trips.Add(inbound);
                blocks[outbound.Id] = blocks[inbound.Id] = $"{corridor.Id}-bus-{k + 1}";
            }
        }

        return (new Timetable(Day, trips), blocks);
    }

    [Fact]
    public void Build_BundledCorridors_ChineseStopNamesOneRoutePerCorridorBlocksAsVehicles()
    {
        var corridors = BundledCorridors();
        var (timetable, blocks) = RoundTrips(corridors, perCorridor: 2);
        var feed = GtfsPlanFeed.Build(corridors, timetable, blocks, GtfsPublisher.JilinIntercity, "test");
        Assert.Equal(corridors.Select(c => c.Id), feed.Routes.Select(r => r.Id));
        Assert.Equal(corridors.Select(c => c.Name.Zh), feed.Routes.Select(r => r.LongName));
        Assert.Contains(feed.Stops, s => s.Name == "白城市中心客运总站" && s.Description == "Báichéng Shì Zhōngxīn Kèyùn Zǒngzhàn");
        Assert.All(feed.Trips, t => Assert.Equal(blocks[t.Id], t.BlockId));
        Assert.Equal(timetable.Trips.Sum(t => t.StopTimes.Length), feed.StopTimes.Length);
        Assert.Equal("D20260114 Wednesday 2026-01-14..2026-01-14",
            string.Join(" | ", feed.Calendars.Select(c => $"{c.ServiceId} {c.Days} {c.Start:yyyy-MM-dd}..{c.End:yyyy-MM-dd}")));
    }

    [Fact]
    public void Build_FromVehicleSchedule_EachTripGetsItsVehicle()
    {
        var corridors = BundledCorridors();
        var (timetable, _) = RoundTrips(corridors.Take(1), perCorridor: 2);
        var schedule = new VehicleSchedule([.. timetable.Trips.Select((t, i) => new VehicleBlock($"V{(i / 2) + 1}", null,
            [new BlockEvent(BlockEventKind.Trip, t.Id, t.Origin, t.Destination, t.Departure, t.Arrival, 0)]))]);
        var feed = GtfsPlanFeed.Build(corridors, timetable, schedule, GtfsPublisher.JilinIntercity);
        Assert.Equal(
            timetable.Trips.Select((t, i) => $"{t.Id} V{(i / 2) + 1}"),
            feed.Trips.Select(t => $"{t.Id} {t.BlockId}"));
    }

    [Fact]
    public void Build_ThenWriteAndRead_GivesTheSameTripsAndBlocks()
    {
        var corridors = BundledCorridors();
        var (timetable, blocks) = RoundTrips(corridors, perCorridor: 3);
        var path = Path.Combine(_folder.FullName, "plan.zip");
        GtfsWriter.Write(GtfsPlanFeed.Build(corridors, timetable, blocks, GtfsPublisher.JilinIntercity), path);
        var day = GtfsReader.ReadServiceDay(path, Day, filter: null, out var warnings);
        Assert.Empty(warnings);
        Assert.Equal(
            timetable.Trips.Select(t => $"{t.Id} {blocks[t.Id]} {t.Origin} {t.Departure} → {t.Destination} {t.Arrival}"),
            day.Trips.Select(t => $"{t.TripId} {t.BlockId} {t.FromStopId} {t.Departure} → {t.ToStopId} {t.Arrival}"));
        Assert.Equal(blocks.Values.Distinct().Count(), day.AgencyBlocks().BlockIds);
    }

    [Fact]
    public void PlanFeedOfBundledCorridors_ImportsIntoGtfsAndRendersWithGtfsToHtml()
    {
        var corridors = BundledCorridors();
        var (timetable, blocks) = RoundTrips(corridors, perCorridor: 4);
        var feed = GtfsPlanFeed.Build(corridors, timetable, blocks, GtfsPublisher.JilinIntercity);
        var path = Path.Combine(_folder.FullName, "plan.zip");
        GtfsWriter.Write(feed, path);
        var counts = tools.ImportAndCount(path);
        Assert.Equal(
            $"trips={timetable.Trips.Length} stopTimes={feed.StopTimes.Length} blocks={blocks.Values.Distinct().Count()} routes={corridors.Count}",
            $"trips={counts.Trips} stopTimes={counts.StopTimes} blocks={counts.Blocks} routes={counts.Routes}");
        var rendered = tools.Render(path);
        Assert.Equal(2 * corridors.Count, rendered.TimetablePages);
    }
}
