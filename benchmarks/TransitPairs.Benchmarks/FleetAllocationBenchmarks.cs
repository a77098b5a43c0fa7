using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Fleet allocation: the same model solved by SCIP (MIP, the baseline) and by CP-SAT, on
/// generated instances (corridors × time bands), one worker each; sizes stay where both prove
/// the optimum in seconds so the CI dry run stays short (larger sizes: docs/fleet-allocation.md).
/// </summary>
[MemoryDiagnoser]
public class FleetAllocationBenchmarks
{
    // A limit for safety: both solvers prove these sizes optimal well within it.
    private static readonly SolveOptions Options = new(TimeSpan.FromSeconds(5), 1, 1);

    private AllocationProblem problem = null!;

    [Params(3, 10)]
    public int Corridors { get; set; }

    [Params(6)]
    public int Bands { get; set; }

    [GlobalSetup]
    public void Setup() => problem = GeneratedAllocation.Create(Corridors, Bands, seed: 1);

    [Benchmark(Baseline = true)]
    public long Mip() => MipFleetAllocator.Solve(problem, Options, Options.StartBudget())?.ObjectivePassengerSeconds ?? -1;

    [Benchmark]
    public double CpSat() => FleetAllocator.Solve(problem, Options, Options.StartBudget(), withMarginal: false).Objective;
}

/// <summary>
/// Random allocation instances shaped like the Jilin corridors: cycles of 1–7 h, demand up to
/// 300 passengers an hour, 39–47 seats, policy headways 10–60 min (clock-face), a third of the
/// corridors charging at one of three sites with 2 points, and a fleet of 70 % of what the
/// demand-driven headways need (so the fleet binds), never below what the longest headways need.
/// </summary>
public static class GeneratedAllocation
{
    public static AllocationProblem Create(int corridorCount, int bandCount, int seed)
    {
        var random = new Random(seed);
        var policy = HeadwayMenu.PolicyHeadways(10, 60, clockFace: true);
        var bandMinutes = 18 * 60 / bandCount;
        var corridors = ImmutableArray.CreateBuilder<AllocationCorridor>(corridorCount);
        for (var c = 0; c < corridorCount; c++)
        {
            var seats = random.Next(39, 48);
            var cycle = random.Next(60, 420);
            var bands = ImmutableArray.CreateBuilder<AllocationBand>(bandCount);
            for (var b = 0; b < bandCount; b++)
            {
                var outbound = random.Next(0, 300);
                var inbound = random.Next(0, 300);
                bands.Add(new AllocationBand(
                    $"b{b}",
                    360 + (b * bandMinutes),
                    bandMinutes,
                    cycle + random.Next(0, 30),
                    outbound,
                    inbound,
                    HeadwayMenu.AllocationChoices(policy, Math.Max(outbound, inbound), seats, 0.85)));
            }

            ImmutableArray<CorridorCharging> charging = c % 3 == 0 ? [new CorridorCharging($"site{c % 9 / 3}", 1, random.Next(10, 25))] : [];
            corridors.Add(new AllocationCorridor($"corridor{c}", bands.MoveToImmutable(), seats, random.Next(0, 10), 1_800_000, charging));
        }

        ImmutableArray<ChargerSiteCapacity> sites = [new("site0", 2), new("site1", 2), new("site2", 2)];
        var unlimited = new AllocationProblem(corridors.MoveToImmutable(), sites, fleetSize: null, budgetYuan: null);
        var options = new SolveOptions(TimeSpan.FromSeconds(60), 1, seed);
        var demandDriven = FleetAllocator.Solve(unlimited, options, options.StartBudget(), withMarginal: false).Solution!.TotalBuses;
        var table = new HeadwayChoiceTable(unlimited);
        var minimum = Enumerable.Range(0, corridorCount).Sum(table.MinBuses);
        return unlimited.WithLimits(Math.Max(minimum, (int)(demandDriven * 0.7)), budgetYuan: null);
    }
}
