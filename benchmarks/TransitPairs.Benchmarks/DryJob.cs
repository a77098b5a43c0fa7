using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Leaves out the all-pairs baseline where it cannot run or would swamp the run. The all-pairs
/// network holds every compatible pair of trips as an arc: about n²/4 arcs on a corridor day
/// (≈ 25 M at 10,000 trips, several GB with the flow solver's copy; ≈ 625 M at 50,000 trips,
/// beyond any machine the suite runs on). So the baseline runs up to <see cref="AllPairsMaxTrips"/>
/// trips, and in the dry job (CI: every benchmark once) only up to <see cref="AllPairsMaxTripsDry"/>.
/// </summary>
internal sealed class AllPairsSizeLimit : ManualConfig
{
    public const int AllPairsMaxTrips = 10_000;
    public const int AllPairsMaxTripsDry = 1_000;

    public AllPairsSizeLimit()
    {
        AddFilter(new SimpleFilter(Keep));
    }

    private static bool Keep(BenchmarkCase benchmark)
    {
        if (!benchmark.Descriptor.WorkloadMethod.Name.StartsWith("AllPairs", StringComparison.Ordinal))
        {
            return true;
        }

        var trips = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "Trips")?.Value as int? ?? 0;
        return trips <= (DryJob.Is(benchmark.Job) ? AllPairsMaxTripsDry : AllPairsMaxTrips);
    }
}

/// <summary>
/// Recognises BenchmarkDotNet's dry job (one cold-start iteration), which CI uses to run every
/// benchmark once. The classes keep it within a few minutes on 2 cores by leaving out their
/// heaviest cases there (each class says which).
/// </summary>
internal static class DryJob
{
    public static bool Is(Job job) =>
        job.Id == Job.Dry.Id || (job.Run.RunStrategy == RunStrategy.ColdStart && job.Run.IterationCount == 1);
}
