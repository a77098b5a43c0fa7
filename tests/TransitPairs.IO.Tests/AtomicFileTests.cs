using TransitPairs.IO.Files;

namespace TransitPairs.IO.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_FailureMidway_LeavesPreviousFileAndNoTemporary()
    {
        var folder = Directory.CreateTempSubdirectory("tp-atomic-");
        var path = Path.Combine(folder.FullName, "plan.csv");
        AtomicFile.WriteText(path, "old\n");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte((byte)'x');
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(folder.GetFiles());
        folder.Delete(recursive: true);
    }
}
