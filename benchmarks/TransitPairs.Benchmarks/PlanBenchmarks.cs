using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;

namespace TransitPairs.Benchmarks;

/// <summary>
/// A full plan of each bundled corridor scenario: load the scenario, build its timetable (CP-SAT,
/// even headways) — the baseline — and then the vehicle blocks of that timetable from the
/// corridor's depots, with empty runs along the scenario's road network and its least layover.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    [Params("baishan-tonghua", "baicheng-songyuan", "siping-liaoyuan")]
    public string Scenario { get; set; } = "";

    private string Path => System.IO.Path.Combine(SharedBenchmarks.Data, "scenarios", Scenario + ".json");

    private static TimetableSolveOptions TimetableOptions => new(TimeLimitSeconds: 30, Workers: 1, Seed: 1);

    [Benchmark(Baseline = true)]
    public int Timetable() => Timetabled(ScenarioLoader.Load(Path)).Timetable.Trips.Length;

    [Benchmark]
    public int TimetableAndBlocks()
    {
        var scenario = ScenarioLoader.Load(Path);
        var result = TripScheduler.Solve(BlocksProblem(scenario, Timetabled(scenario)), new VspOptions(TimeSpan.FromSeconds(60), Threads: 1, Seed: 0));
        return result.Status is VspStatus.Optimal or VspStatus.Feasible
            ? result.Schedule.Blocks.Length
            : throw new InvalidOperationException($"{Scenario}: vehicle blocks ended {result.Status}.");
    }

    private ScenarioTimetable Timetabled(Scenario scenario)
    {
        var timetable = ScenarioTimetabler.Solve(scenario, TimetableObjective.EvenHeadway, TimetableOptions);
        return timetable.Solve.HasTimetable ? timetable : throw new InvalidOperationException($"{Scenario}: {timetable.Solve.Reason}");
    }

    /// <summary>The scheduling problem of a timetable: its trips, the empty runs between terminals and depots, the corridor depots.</summary>
    public static VehicleSchedulingProblem BlocksProblem(Scenario scenario, ScenarioTimetable timetable)
    {
        var trips = timetable.Timetable.Trips
            .Select(t => new TransitPairs.Scheduling.ScheduledTrip(t.Id, t.Origin, t.Departure, t.Destination, t.Arrival))
            .ToImmutableArray();
        var places = trips.SelectMany(t => new[] { t.FromStop, t.ToStop }).Concat(scenario.Depots.Select(d => d.Id)).Distinct().ToList();
        var runs = new List<Deadhead>();
        foreach (var from in places)
        {
            foreach (var to in places.Where(to => to != from && scenario.Network.Connects(from, to)))
            {
                var run = scenario.Network.EmptyRun(from, to);
                runs.Add(new Deadhead(from, to, (int)run.Time.TotalSeconds, run.DistanceMetres));
            }
        }

        return new VehicleSchedulingProblem(
            trips,
            new DeadheadTable(runs),
            [.. scenario.Depots.Select(d => new VehicleDepot(d.Id, d.Id, null))],
            new SchedulingRules((int)scenario.Policy.MinLayover.TotalSeconds),
            OperatingCosts.FleetThenEmptyKm);
    }
}
