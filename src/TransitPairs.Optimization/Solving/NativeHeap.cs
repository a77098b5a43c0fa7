using System.Runtime.InteropServices;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// The C heap that OR-Tools' solvers allocate from. GLOP, SCIP and CP-SAT free their models on
/// <c>Dispose</c>, but glibc's allocator keeps freed pages in its arenas (one per thread that
/// allocated), so a solve on another thread leaves its peak in the process's working set for as long
/// as the process lives. <see cref="Trim"/> gives whole free pages back to the system
/// (<c>malloc_trim(0)</c>: every arena, pages inside the heap as well as at its top). Measured on the
/// battery stage's 500-trip day (battery-scaling, quiet machine, 5 Dec 2026): the no-battery bound's
/// arc LP and SCIP on the second core left about 60 MB behind.
/// </summary>
internal static class NativeHeap
{
    /// <summary>False once the C library has shown it has no <c>malloc_trim</c> (musl, macOS, Windows).</summary>
    private static volatile bool available = OperatingSystem.IsLinux();

    /// <summary>Gives free pages of the C heap back to the system; false (and nothing done) where the C library cannot.</summary>
    public static bool Trim()
    {
        if (!available)
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            available = false;
            return false;
        }
    }

    /// <summary>glibc's <c>int malloc_trim(size_t pad)</c>: 1 when memory was given back.</summary>
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
