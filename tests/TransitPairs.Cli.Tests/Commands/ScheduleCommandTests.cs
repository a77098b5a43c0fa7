using System.Text.Json;

namespace TransitPairs.Cli.Tests.Commands;

public sealed class ScheduleCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tp-schedule-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Error) Run(params string[] args) => Planning.Cli.Run(args);

    private string Trips() => File("trips.csv",
        "trip_id,from_stop,departure,to_stop,arrival\n"
        + "T1,A,06:00,B,07:05\nT2,B,07:20,A,08:25\nT3,A,07:00,B,08:05\nT4,B,08:30,A,09:35\nT5,A,23:30,B,24:35\n");

    [Fact]
    public void Schedule_TripsDeadheadsAndDepot_PrintsJsonAndWritesBlocks()
    {
        var deadheads = File("deadheads.csv", "from_stop,to_stop,minutes,km\nA,D,10,5\nD,A,10,5\nB,D,60,70\nD,B,60,70\n");
        var depots = File("depots.csv", "depot_id,stop,vehicles\nNorth,D,\n");
        var blocks = Path.Combine(folder, "out", "blocks.csv");

        var (code, output, error) = Run("schedule", "--trips", Trips(), "--deadheads", deadheads, "--depots", depots, "--min-layover", "10", "--format", "json", "--out", blocks);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("trips").GetInt32());
        Assert.Equal(2, root.GetProperty("vehicles").GetInt32());
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal(root.GetProperty("cost").GetDecimal(), root.GetProperty("lowerBound").GetDecimal());
        Assert.Equal(0, root.GetProperty("gap").GetDouble());
        Assert.True(root.TryGetProperty("seconds", out _));
        var rows = System.IO.File.ReadAllLines(blocks);
        Assert.Equal("vehicle_id,seq,kind,trip_id,from_stop,to_stop,start,end,distance_km,energy_kwh,soc_start_kwh,soc_end_kwh,charger_site", rows[0]);
        Assert.Equal(5, rows.Count(r => r.Contains(",trip,", StringComparison.Ordinal)));
        Assert.All(rows.Skip(1).GroupBy(r => r.Split(',')[0]), vehicle =>
        {
            Assert.StartsWith(vehicle.Key + ",1,pull_out,,D,", vehicle.First(), StringComparison.Ordinal);
            Assert.Contains(",pull_in,", vehicle.Last(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Schedule_TableWithoutDeadheads_ShowsVehiclesAndTheirTrips()
    {
        var (code, output, _) = Run("schedule", "--trips", Trips(), "--min-layover", "10");
        Assert.Equal(0, code);
        Assert.Contains("vehicles 2 (fleet bound 2)", output, StringComparison.Ordinal);
        Assert.Contains("T1 T2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_BadTripsFile_ExitsTwoWithEveryProblem()
    {
        var bad = File("bad.csv", "trip_id,from_stop,departure,to_stop,arrival\nX,A,7:6,B,07:00\nY,,08:00,B,09:00\n");
        var (code, _, error) = Run("schedule", "--trips", bad);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_DepotTooSmall_ExitsOneWithTheReason()
    {
        var depots = File("depots.csv", "depot_id,stop,vehicles\nNorth,A,1\n");
        var (code, _, error) = Run("schedule", "--trips", Trips(), "--depots", depots);
        Assert.Equal(ExitCodes.NoFeasiblePlan, code);
        Assert.Contains("no feasible plan", error, StringComparison.Ordinal);
    }
}
