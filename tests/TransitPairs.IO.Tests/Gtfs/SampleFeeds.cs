using System.Collections.Immutable;
using NodaTime;
using TransitPairs.IO.Gtfs;
using TransitPairs.Time;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>Feeds built in code, as the planner writes them: Chinese stop names, blocks, a trip past midnight.</summary>
internal static class SampleFeeds
{
    /// <summary>
    /// Tonghua ⇄ Baishan on 2026-03-03: <paramref name="roundTrips"/> round trips every hour from
    /// 06:00, taking turns on three buses (a round trip with layovers takes 2 h 40 min), and a late trip that arrives after midnight.
    /// </summary>
    public static GtfsFeed TonghuaBaishan(int roundTrips = 4)
    {
        var date = new LocalDate(2026, 3, 3);
        GtfsStop[] stops =
        [
            new("TH", "通化客运站 Tonghua Coach Station", 41.7283, 125.9397, "1001"),
            new("ED", "二道江 Erdaojiang", 41.7766, 126.0406),
            new("BS", "白山客运站 Baishan Coach Station", 41.944, 126.4147, "2001"),
        ];
        var trips = ImmutableArray.CreateBuilder<GtfsTrip>();
        var stopTimes = ImmutableArray.CreateBuilder<GtfsStopTime>();

        void Add(string id, string block, int direction, int departMinutes, string[] calls)
        {
            trips.Add(new GtfsTrip(id, "TB", "D20260303", block, direction == 0 ? "白山 Baishan" : "通化 Tonghua", direction));
            int[] offsets = [0, 20, 70];
            for (var k = 0; k < calls.Length; k++)
            {
                var at = ServiceTime.FromMinutes(departMinutes + offsets[k]);
                stopTimes.Add(new GtfsStopTime(id, k + 1, calls[k], at, k == 1 ? at.AddMinutes(1) : at));
            }
        }

        for (var r = 0; r < roundTrips; r++)
        {
            var block = $"V{(r % 3) + 1}";
            Add($"TB-{(2 * r) + 1:000}", block, 0, 360 + (60 * r), ["TH", "ED", "BS"]);
            Add($"TB-{(2 * r) + 2:000}", block, 1, 360 + (60 * r) + 90, ["BS", "ED", "TH"]);
        }

        Add("TB-LATE", "N1", 0, (23 * 60) + 30, ["TH", "ED", "BS"]);
        return new GtfsFeed(
            [new GtfsAgency("JLTP", "吉林城际公交 Jilin Intercity Bus", "https://example.org/transitpairs", "Asia/Shanghai", "zh")],
            [.. stops],
            [new GtfsRoute("TB", "JLTP", "通白", "通化—白山 Tonghua–Baishan", 3, "0A6E31", "FFFFFF")],
            trips.ToImmutable(),
            stopTimes.ToImmutable(),
            [new GtfsCalendar("D20260303", GtfsWeekdays.None, date, date)],
            [new GtfsCalendarDate("D20260303", date, GtfsException.Added)],
            [],
            new GtfsFeedInfo("TransitPairs", "https://example.org/transitpairs", "zh", date, date, "test"));
    }
}
