using System.Runtime.InteropServices;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Tests.Solving;

public sealed class NativeHeapTests
{
    [Fact]
    public void Trim_OnGlibcLinux_ReachesMallocTrim_AndElsewhereDoesNothing()
    {
        // The battery stage's 500-trip memory figure depends on this call reaching glibc; a wrong library name would
        // only show as a larger peak working set, so the call itself is checked here.
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        Assert.Equal(glibc, NativeHeap.Trim());
        Assert.Equal(glibc, NativeHeap.Trim());
    }
}
