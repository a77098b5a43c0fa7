using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TransitPairs.TestSupport;

/// <summary>
/// A real browser for the report checks: Debian's Chromium, headless. On a fresh machine it is
/// installed once per test run (apt-get, with a CJK font so Chinese place names render) when the
/// tests run as root; otherwise the test fails with what to install. The network flags keep
/// Chromium from reaching out (this machine's network is closed).
/// </summary>
internal static partial class HeadlessChromium
{
    private static readonly Lock InstallLock = new();
    private static string? executable;

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars",
    ];

    /// <summary>The path of the Chromium executable, installing it first when absent.</summary>
    public static string Executable
    {
        get
        {
            lock (InstallLock)
            {
                executable ??= FindOrInstall();
                return executable;
            }
        }
    }

    /// <summary>Loads <paramref name="htmlPath"/>, runs its scripts, and returns the DOM as serialised after load.</summary>
    public static string DumpDom(string htmlPath) =>
        Run(["--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri]);

    /// <summary>Renders <paramref name="htmlPath"/> into a PNG of the given size in CSS pixels.</summary>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        Run([$"--screenshot={Path.GetFullPath(pngPath)}", $"--window-size={width},{height}", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri]);
        if (!File.Exists(pngPath) || new FileInfo(pngPath).Length == 0)
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {pngPath}.");
        }
    }

    /// <summary>The value of a <c>data-NAME</c> attribute on <c>body</c> in a dumped DOM, or null.</summary>
    public static string? BodyData(string dom, string name)
    {
        var body = BodyTag().Match(dom);
        if (!body.Success)
        {
            return null;
        }

        var attribute = Regex.Match(body.Value, $"data-{Regex.Escape(name)}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return attribute.Success ? System.Net.WebUtility.HtmlDecode(attribute.Groups[1].Value) : null;
    }

    private static string Run(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("tp-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var flag in Flags)
            {
                start.ArgumentList.Add(flag);
            }

            start.ArgumentList.Add($"--user-data-dir={profile.FullName}");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within 2 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {stderr.Result}");
            }

            return stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string FindOrInstall()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "The report check needs Chromium: install the Debian packages 'chromium' and 'fonts-noto-cjk' (apt-get install chromium fonts-noto-cjk).");
        }

        Shell("apt-get", "update -qq");
        Shell("apt-get", "install -y -qq --no-install-recommends chromium fonts-noto-cjk");
        return File.Exists("/usr/bin/chromium")
            ? "/usr/bin/chromium"
            : throw new InvalidOperationException("apt-get installed chromium but /usr/bin/chromium is missing.");
    }

    private static void Shell(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    [GeneratedRegex("<body[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex BodyTag();
}
