using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TransitPairs.TestSupport;

/// <summary>What <c>gtfs-import</c> stored in SQLite: row counts per table.</summary>
public sealed record GtfsImportCounts(int Agencies, int Stops, int Routes, int Trips, int StopTimes, int Calendars, int CalendarDates, int Blocks);

/// <summary>What <c>gtfs-to-html</c> produced: the timetable pages and its own log.</summary>
public sealed record GtfsRenderResult(int TimetablePages, IReadOnlyList<string> HtmlFiles, string Log);

/// <summary>
/// Real GTFS consumers for the tests: the npm packages <c>gtfs</c> (imports a feed into SQLite)
/// and <c>gtfs-to-html</c> (renders timetables), pinned in <c>tests/gtfs-tools/package-lock.json</c>.
/// They are installed with <c>npm ci</c> when <c>node_modules</c> is absent — once per test run,
/// under a file lock, since several test projects may run at once. Node.js 20+ and npm must be on
/// the PATH; without them the tests fail with a message that says so (they are not skipped: CI has
/// them, and a feed that no real tool has read is not tested).
/// Use it as an xunit class fixture (<see cref="GtfsToolsFixture"/>) or through <see cref="Instance"/>.
/// </summary>
public sealed class GtfsTools
{
    private static readonly Lazy<GtfsTools> Installed = new(() => new GtfsTools(), LazyThreadSafetyMode.ExecutionAndPublication);

    private GtfsTools()
    {
        Folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "gtfs-tools");
        InstallOnce();
    }

    /// <summary>The tools, installed on first use.</summary>
    public static GtfsTools Instance => Installed.Value;

    /// <summary><c>tests/gtfs-tools</c>: package.json, package-lock.json, node_modules.</summary>
    public string Folder { get; }

    private string NodeModules => Path.Combine(Folder, "node_modules");

    /// <summary>
    /// Imports the feed with <c>gtfs-import</c> into a fresh SQLite database and counts its rows.
    /// Throws when the import fails or warns about the feed (both mean a real consumer rejected it).
    /// </summary>
    public GtfsImportCounts ImportAndCount(string zipPath)
    {
        using var work = new WorkFolder("tp-gtfs-import-");
        var database = Path.Combine(work.Path, "gtfs.sqlite");
        var config = Path.Combine(work.Path, "import.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            sqlitePath = database,
            agencies = new[] { new { path = Path.GetFullPath(zipPath) } },
        }));
        var import = RunNode(work.Path, TimeSpan.FromMinutes(3), Path.Combine(NodeModules, "gtfs", "dist", "bin", "gtfs-import.js"), "--configPath", config);
        if (import.ExitCode != 0 || ContainsProblem(import.Output))
        {
            throw new InvalidOperationException($"gtfs-import rejected {zipPath} (exit {import.ExitCode}):\n{import.Output}");
        }

        var count = RunNode(work.Path, TimeSpan.FromMinutes(1), Path.Combine(Folder, "count.mjs"), database);
        if (count.ExitCode != 0)
        {
            throw new InvalidOperationException($"counting the rows gtfs-import stored failed (exit {count.ExitCode}):\n{count.Output}");
        }

        return JsonSerializer.Deserialize<GtfsImportCounts>(count.StandardOutput, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("count.mjs printed nothing");
    }

    /// <summary>
    /// Renders the feed's timetables with <c>gtfs-to-html</c> (HTML, no map). Throws when it fails,
    /// reports a warning, or writes no timetable page.
    /// </summary>
    public GtfsRenderResult Render(string zipPath)
    {
        using var work = new WorkFolder("tp-gtfs-html-");
        var config = Path.Combine(work.Path, "html.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            agencies = new[] { new { agency_key = "feed", path = Path.GetFullPath(zipPath) } },
            sqlitePath = Path.Combine(work.Path, "gtfs.sqlite"),
            outputFormat = "html",
            showMap = false,
            verbose = true,
        }));

        // gtfs-to-html writes to ./html/<agency_key> of its working folder.
        var render = RunNode(work.Path, TimeSpan.FromMinutes(5), Path.Combine(NodeModules, "gtfs-to-html", "bin", "gtfs-to-html.js"), "--configPath", config);
        var output = Path.Combine(work.Path, "html", "feed");
        var logPath = Path.Combine(output, "log.txt");
        var log = File.Exists(logPath) ? File.ReadAllText(logPath) : string.Empty;
        var pages = Directory.Exists(output)
            ? Directory.GetFiles(output, "*.html", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) != "index.html")
                .Select(f => Path.GetRelativePath(output, f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        if (render.ExitCode != 0 || ContainsProblem(render.Output) || log.Contains("Warnings:", StringComparison.Ordinal) || pages.Count == 0
            || !File.Exists(Path.Combine(output, "index.html")))
        {
            throw new InvalidOperationException($"gtfs-to-html failed on {zipPath} (exit {render.ExitCode}, {pages.Count} pages):\n{render.Output}\n{log}");
        }

        return new GtfsRenderResult(pages.Count, pages, log);
    }

    /// <summary>The tools print problems as "Warning: …" or "Error: …" (with colour codes around the word).</summary>
    private static bool ContainsProblem(string output) =>
        Regex.IsMatch(Regex.Replace(output, @"\x1b\[[0-9;]*m", string.Empty), @"\b(Warning|Error):");

    private bool IsInstalled() =>
        File.Exists(Path.Combine(NodeModules, ".package-lock.json"))
        && File.Exists(Path.Combine(NodeModules, "gtfs", "dist", "bin", "gtfs-import.js"))
        && File.Exists(Path.Combine(NodeModules, "gtfs-to-html", "bin", "gtfs-to-html.js"))
        && Directory.Exists(Path.Combine(NodeModules, "better-sqlite3", "build"));

    private void InstallOnce()
    {
        RequireTool("node", "--version");
        if (IsInstalled())
        {
            return;
        }

        // Test projects run in parallel processes: one installs, the others wait for it.
        var lockPath = Path.Combine(Folder, ".install.lock");
        using var held = AcquireFileLock(lockPath, TimeSpan.FromMinutes(10));
        if (IsInstalled())
        {
            return;
        }

        RequireTool("npm", "--version");
        var install = Run("npm", Folder, TimeSpan.FromMinutes(10), ["ci", "--no-audit", "--no-fund"], new() { ["PUPPETEER_SKIP_DOWNLOAD"] = "1" });
        if (install.ExitCode != 0 || !IsInstalled())
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed (exit {install.ExitCode}); the GTFS tool tests need it:\n{install.Output}");
        }
    }

    private static FileStream AcquireFileLock(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static void RequireTool(string tool, string versionArgument)
    {
        ProcessResult result;
        try
        {
            result = Run(tool, Directory.GetCurrentDirectory(), TimeSpan.FromMinutes(1), [versionArgument], []);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' is not on the PATH ({e.Message}). The GTFS tool tests run the npm packages gtfs and gtfs-to-html: install Node.js 20 or newer with npm (tests/gtfs-tools/package.json pins the versions).", e);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{tool} {versionArgument}' failed (exit {result.ExitCode}): {result.Output}");
        }
    }

    private ProcessResult RunNode(string workingFolder, TimeSpan timeout, params string[] arguments) =>
        Run("node", workingFolder, timeout, arguments, []);

    private static ProcessResult Run(string file, string workingFolder, TimeSpan timeout, IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    private sealed class WorkFolder(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>xunit class fixture: installs the GTFS tools once per test run (see <see cref="GtfsTools"/>).</summary>
public sealed class GtfsToolsFixture
{
    public GtfsToolsFixture() => Tools = GtfsTools.Instance;

    public GtfsTools Tools { get; }

    public GtfsImportCounts ImportAndCount(string zipPath) => Tools.ImportAndCount(zipPath);

    public GtfsRenderResult Render(string zipPath) => Tools.Render(zipPath);
}
