using System.Text.Json.Nodes;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.Commands;

/// <summary>
/// A private copy of the repository's <c>data/</c> in a temporary folder, for tests that break a
/// file and check what <c>validate</c> says. Deleted on dispose.
/// </summary>
public sealed class ScenarioWorkspace : IDisposable
{
    public ScenarioWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "transitpairs-tests", Guid.NewGuid().ToString("N"));
        Copy(TestPaths.Data, Root);
    }

    /// <summary>The copied <c>data/</c> folder.</summary>
    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Edits a JSON file of the copy in place.</summary>
    public void EditJson(string relative, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(PathOf(relative)))!.AsObject();
        edit(node);
        File.WriteAllText(PathOf(relative), node.ToJsonString());
    }

    public void Write(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    public void Append(string relative, string text) => File.AppendAllText(PathOf(relative), text);

    /// <summary>Runs the host in-process with the copy as the working folder, so messages name files relative to it.</summary>
    public (int Code, string Out, string Error) Run(params string[] args)
    {
        lock (WorkingFolder.Lock)
        {
            var before = Environment.CurrentDirectory;
            Environment.CurrentDirectory = Root;
            try
            {
                using var output = new StringWriter();
                using var error = new StringWriter();
                var code = TransitPairsCli.Run(args, output, error);
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Environment.CurrentDirectory = before;
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}

/// <summary>The working folder is process-wide: tests that change it take this lock.</summary>
internal static class WorkingFolder
{
    public static readonly object Lock = new();
}
