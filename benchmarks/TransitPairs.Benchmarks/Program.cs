using BenchmarkDotNet.Running;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line. BenchmarkDotNet exits 0 even when every
/// benchmark failed, so the summaries are inspected here and any failure returns 1.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).ToList();
        foreach (var summary in failed)
        {
            Console.Error.WriteLine($"benchmark failed: {summary.Title}");
        }

        return failed.Count == 0 ? 0 : 1;
    }
}
