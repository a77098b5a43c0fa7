using TransitPairs.IO.Scheduling;
using TransitPairs.Scheduling;
using TransitPairs.Time;
using TransitPairs.TestSupport;
using TransitPairs.Validation;

namespace TransitPairs.IO.Tests.Scheduling;

public sealed class SchedulingCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tp-csv-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadTrips_TimesPastMidnightAndSeconds_AreRead()
    {
        var trips = SchedulingCsv.ReadTrips(File("trips.csv", "trip_id,from_stop,departure,to_stop,arrival\nT1,A,23:30,B,24:35:30\nT2, B ,06:00:00,A,07:05\n"));
        Assert.Equal(2, trips.Length);
        Assert.Equal(ServiceTime.FromHms(24, 35, 30), trips[0].Arrival);
        Assert.Equal("B", trips[1].FromStop);
    }

    [Fact]
    public void ReadTrips_SeveralBadRows_ReportsEveryOneWithItsLine()
    {
        var path = File("bad.csv", "trip_id,from_stop,departure,to_stop,arrival\nT1,A,06:00,B,07:00\nT2,A,7:6,B,08:00\nT3,,08:00,B,09:00\nT1,A,09:00,B,10:00\nT4,A,09:00,B,08:00\n");
        var error = Assert.Throws<InputException>(() => SchedulingCsv.ReadTrips(path));
        Assert.Equal(["line 3", "line 4", "line 5", "line 6"], error.Problems.Select(p => p.Location));
        Assert.All(error.Problems, p => Assert.Equal(path, p.Source));
        Assert.Contains("already used on line 2", error.Problems[2].Problem, StringComparison.Ordinal);
        Assert.Contains("arrives at 08:00, before it departs at 09:00", error.Problems[3].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTrips_ArrivalEqualToDeparture_AcceptedAsGtfsFeedsCarryThem()
    {
        // The domain's one rule (ScheduledTrip.TimesAreOrdered): a trip recorded with no running time is still a trip.
        var trips = SchedulingCsv.ReadTrips(File("zero.csv", "trip_id,from_stop,departure,to_stop,arrival\nT1,A,06:00,B,06:00\n"));
        Assert.Equal(trips[0].Departure, trips[0].Arrival);
    }

    [Fact]
    public void ReadTrips_MissingColumn_SaysWhichAndTheHeaderToUse()
    {
        var error = Assert.Throws<InputException>(() => SchedulingCsv.ReadTrips(File("t.csv", "trip_id,from_stop,departure,to_stop\nT1,A,06:00,B\n")));
        Assert.Contains("arrival", error.Problems.Single().Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDeadheadsAndDepots_ConvertUnitsAndOptionalLimits()
    {
        var runs = SchedulingCsv.ReadDeadheads(File("d.csv", "from_stop,to_stop,minutes,km\nA,B,12.5,9.25\n"));
        Assert.True(runs.TryGet("A", "B", out var run));
        Assert.Equal(750, run.DurationSeconds);
        Assert.Equal(9250, run.DistanceMetres);
        Assert.False(runs.TryGet("B", "A", out _));

        var depots = SchedulingCsv.ReadDepots(File("p.csv", "depot_id,stop,vehicles\nNorth,D1,12\nSouth,D2,\n"));
        Assert.Equal([12, null], depots.Select(d => d.VehicleLimit));
        var bad = Assert.Throws<InputException>(() => SchedulingCsv.ReadDepots(File("q.csv", "depot_id,stop,vehicles\nNorth,D1,many\n")));
        Assert.Equal("line 2", bad.Problems.Single().Location);
    }

    [Fact]
    public void WriteBlocks_OneRowPerEvent_MatchesTheDocumentedColumns()
    {
        var schedule = new VehicleSchedule(
        [
            new VehicleBlock("V001", "North",
            [
                new BlockEvent(BlockEventKind.PullOut, null, "D", "A", ServiceTime.Parse("05:50"), ServiceTime.Parse("06:00"), 5000),
                new BlockEvent(BlockEventKind.Trip, "T1", "A", "B", ServiceTime.Parse("06:00"), ServiceTime.Parse("07:05"), 0),
                new BlockEvent(BlockEventKind.PullIn, null, "B", "D", ServiceTime.Parse("07:05"), ServiceTime.Parse("08:05"), 70500),
            ]),
        ]);
        var path = Path.Combine(folder, "blocks.csv");
        SchedulingCsv.WriteBlocks(path, schedule);
        Assert.Equal(
            "vehicle_id,seq,kind,trip_id,from_stop,to_stop,start,end,distance_km,energy_kwh,soc_start_kwh,soc_end_kwh,charger_site\n"
            + "V001,1,pull_out,,D,A,05:50:00,06:00:00,5.000,,,,\n"
            + "V001,2,trip,T1,A,B,06:00:00,07:05:00,0.000,,,,\n"
            + "V001,3,pull_in,,B,D,07:05:00,08:05:00,70.500,,,,\n",
            System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void ReadCostMatrix_GzippedPepinInstance_HasItsDepotsTripsAndLimits()
    {
        var instance = MdvspInstanceReader.ReadCostMatrix(TestPaths.Instance("mdvsp", "pepin2009", "m4n500s0.inp.gz"));
        Assert.Equal("m4n500s0", instance.Name);
        Assert.Equal(500, instance.Trips);
        Assert.Equal([62, 59, 56, 56], instance.VehicleLimits.ToArray());
        Assert.Equal(-1, instance.Cost(0, 0));
        Assert.Equal(5204, instance.Cost(0, 4));
    }

    [Fact]
    public void ReadCostMatrix_PlainFileCutShort_SaysWhereItEnds()
    {
        var path = File("short.inp", "2 1 3 4\n-1 -1 5000\n-1 -1\n");
        var error = Assert.Throws<InputException>(() => MdvspInstanceReader.ReadCostMatrix(path));
        Assert.Contains("ends before", error.Problems.Single().Problem, StringComparison.Ordinal);
        var fine = MdvspInstanceReader.ReadCostMatrix(File("ok.inp", "1 1 3\n-1 5000\n5000 -1\n"));
        Assert.Equal(5000, fine.Cost(1, 0));
    }

    [Fact]
    public void ReadTripFormat_SmallestInstance_HasTripsAndTravelTimes()
    {
        var instance = MdvspInstanceReader.ReadTripFormat(TestPaths.Instance("mdvsp", "trip-format", "GD-4-100-0.txt"));
        Assert.Equal(100, instance.Trips.Length);
        Assert.Equal(4, instance.DepotCapacities.Length);
        Assert.Equal(new TripFormatTrip(61, 835, 40, 906), instance.Trips[0]);
        Assert.Equal(0, instance.Travel(0, 0));
        Assert.Equal(61, instance.Travel(0, 1));
    }
}
