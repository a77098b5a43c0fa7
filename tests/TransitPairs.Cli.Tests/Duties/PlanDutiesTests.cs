using System.Text.Json;
using CsvHelper;
using TransitPairs.Cli.Tests.Planning;
using TransitPairs.Duties;
using TransitPairs.IO.Duties;
using TransitPairs.IO.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Cli.Tests.Duties;

/// <summary>
/// The duties of every bundled plan as files: duties.csv read back passes the independent checker
/// against the plan's own blocks.csv and the scenario's rules; winter days need at least as many
/// drivers as summer days; Baicheng–Songyuan's drivers rest at the terminals.
/// </summary>
[Collection(BundledPlansCollection.Name)]
public sealed class PlanDutiesTests(BundledPlans plans)
{
    public static TheoryData<string> Scenarios() => [.. BundledPlans.Scenarios];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plan_DutiesCsv_PassesTheCheckerAgainstItsBlocks(string name)
    {
        var (code, _, error) = plans.Results[name];
        Assert.True(code == 0, error);
        var folder = plans.Folder(name);
        var scenario = ScenarioLoader.Load(BundledPlans.ScenarioPath(name));
        var crew = DutiesCsv.Read(Path.Combine(folder, "duties.csv"));
        var problem = DutyProblem.ForScenario(scenario, ReadBlocks(Path.Combine(folder, "blocks.csv")));
        Assert.Empty(DutyChecker.Check(problem, crew));
        var kpis = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "kpis.json"))).RootElement.GetProperty("kpis");
        Assert.Equal(crew.Drivers, kpis.GetProperty("drivers").GetInt32());
        Assert.InRange(kpis.GetProperty("driverLowerBound").GetInt32(), 1, crew.Drivers);
    }

    [Theory]
    [InlineData("baicheng-songyuan", "baicheng-songyuan-winter")]
    [InlineData("baicheng-songyuan", "baicheng-songyuan-diesel-winter")]
    [InlineData("baishan-tonghua", "baishan-tonghua-winter")]
    [InlineData("siping-liaoyuan", "siping-liaoyuan-winter")]
    [InlineData("siping-liaoyuan-today", "siping-liaoyuan-today-winter")]
    public void Winter_NeedsAtLeastAsManyDriversAsSummer(string summer, string winter)
    {
        // Both proven optimal: the counts compare. A duty solve cut by the clock of a loaded machine proves less, so then
        // the winter count is held to what summer provably needs (its lower bound), never to a count the clock chose.
        var (s, w) = (Crew(summer), Crew(winter));
        var floor = s.Status == "optimal" && w.Status == "optimal" ? s.Drivers : s.LowerBound;
        Assert.True(w.Drivers >= floor, $"{winter}: {w.Drivers} drivers ({w.Status}); {summer}: {s.Drivers} drivers ({s.Status}), bound {s.LowerBound}");
    }

    /// <summary>
    /// A round trip is about 5.5 h at the wheel: every driver who drives more than 4 h rests at least 20 min at a terminal,
    /// on the diesel day and on the battery winter day (whose buses charge at the terminals).
    /// </summary>
    [Theory]
    [InlineData("baicheng-songyuan")]
    [InlineData("baicheng-songyuan-winter")]
    public void BaichengSongyuan_DriversRestAtTheTerminals(string name)
    {
        var crew = DutiesCsv.Read(Path.Combine(plans.Folder(name), "duties.csv"));
        var longDuties = crew.Duties.Where(d => d.DrivingSeconds > 4 * 3600).ToList();
        Assert.NotEmpty(longDuties);
        foreach (var duty in longDuties)
        {
            Assert.Contains(duty.Activities, a => a.Kind == DutyActivityKind.Break && a.Seconds >= 20 * 60 && a.FromStop.EndsWith("-terminal", StringComparison.Ordinal));
        }
    }

    private (int Drivers, int LowerBound, string? Status) Crew(string name)
    {
        var (code, _, error) = plans.Results[name];
        Assert.True(code == 0, error);
        var kpis = JsonDocument.Parse(File.ReadAllText(Path.Combine(plans.Folder(name), "kpis.json"))).RootElement.GetProperty("kpis");
        return (kpis.GetProperty("drivers").GetInt32(), kpis.GetProperty("driverLowerBound").GetInt32(), kpis.GetProperty("crewStatus").GetString());
    }

    /// <summary>blocks.csv back into blocks (vehicle_id, kind, trip_id, stops, times).</summary>
    private static VehicleSchedule ReadBlocks(string path)
    {
        var events = new List<(string Vehicle, BlockEvent Event)>();
        using (var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',' }))
        {
            csv.ReadHeader();
            while (csv.Read())
            {
                var kind = csv.GetString("kind") switch
                {
                    "pull_out" => BlockEventKind.PullOut,
                    "trip" => BlockEventKind.Trip,
                    "deadhead" => BlockEventKind.Deadhead,
                    "layover" => BlockEventKind.Layover,
                    "pull_in" => BlockEventKind.PullIn,
                    _ => BlockEventKind.Charge,
                };
                var trip = csv.GetString("trip_id");
                events.Add((csv.GetString("vehicle_id")!, new BlockEvent(kind, string.IsNullOrEmpty(trip) ? null : trip, csv.GetString("from_stop")!, csv.GetString("to_stop")!,
                    ServiceTime.Parse(csv.GetString("start")!), ServiceTime.Parse(csv.GetString("end")!), 0)));
            }
        }

        return new VehicleSchedule([.. events.GroupBy(e => e.Vehicle, StringComparer.Ordinal).Select(g => new VehicleBlock(g.Key, null, [.. g.Select(e => e.Event)]))]);
    }
}
