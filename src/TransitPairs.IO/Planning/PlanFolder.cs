using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TransitPairs.Validation;

namespace TransitPairs.IO.Planning;

/// <summary>
/// Replaces a whole output folder at once: everything is written into a temporary sibling folder
/// (<c>.NAME.PID.GUID.tmp</c>), and only when all of it succeeded does the new folder take the
/// old one's place. A failed or killed run leaves the previous folder as it was (a killed run may
/// leave its temporary sibling behind, never a half-written folder under the real name).
/// </summary>
/// <remarks>
/// The swap is two renames in the same parent folder (old folder aside, new folder in, then the
/// old one deleted); a process killed exactly between them leaves the previous plan under
/// <c>.NAME.PID.GUID.old</c> instead of NAME. POSIX has no portable atomic exchange of two
/// directories, so this window of one rename is the price of keeping the folder whole. The next
/// run puts such a folder back, and removes the temporaries a killed run left.
/// <para>
/// Replacing deletes what the folder held, so <see cref="CheckTarget"/> refuses a folder that is
/// not a previous plan output: one holding anything but the files <c>plan</c> writes (for a range,
/// dated folders of them and <c>gtfs.zip</c>). A folder of a user's notes and data is never taken.
/// </para>
/// </remarks>
public static partial class PlanFolder
{
    /// <summary>
    /// Checks, before any work, that <paramref name="directory"/> may receive a plan: it is not a
    /// file, not a file-system root, and it is absent, empty or a previous plan output (unless
    /// <paramref name="force"/>). Throws <see cref="InputException"/> naming <paramref name="option"/> otherwise.
    /// </summary>
    public static void CheckTarget(string directory, string option, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(full))
        {
            throw new InputException(new InputProblem(option, directory, "This is a file, not a folder: plan writes a folder of five files.", "Name a folder, e.g. out/my-plan (it is created)."));
        }

        if (Path.GetDirectoryName(full) is null)
        {
            throw new InputException(new InputProblem(option, directory, "This is the root of a file system: plan replaces its output folder as a whole.", "Name a folder of its own, e.g. out/my-plan."));
        }

        if (!force && Directory.Exists(full) && ForeignEntries(full).FirstOrDefault() is { } foreign)
        {
            throw new InputException(new InputProblem(option, directory,
                $"The folder holds '{foreign}', which plan did not write: plan replaces its output folder as a whole and would delete it.",
                "Name a new or empty folder (e.g. out/my-plan), or add --force to replace this folder and everything in it."));
        }
    }

    /// <summary>The entries of <paramref name="folder"/> that are no part of a plan output (plan files, dated day folders of them, temporaries).</summary>
    private static IEnumerable<string> ForeignEntries(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry))
            {
                if (!DayFolder().IsMatch(name) && !Temporary().IsMatch(name))
                {
                    yield return name + "/";
                }
                else if (DayFolder().IsMatch(name) && ForeignEntries(entry).FirstOrDefault() is { } inner)
                {
                    yield return name + "/" + inner;
                }
            }
            else if (!PlanOutputs.Files.Contains(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// Removes what killed runs left beside <paramref name="full"/>: temporaries of processes
    /// that are gone, and the previous plan moved aside (put back when the folder is missing).
    /// </summary>
    private static void RemoveStale(string parent, string name, string full)
    {
        foreach (var entry in Directory.EnumerateDirectories(parent, $".{name}.*").Order(StringComparer.Ordinal).ToList())
        {
            var match = Temporary().Match(Path.GetFileName(entry));
            if (!match.Success || match.Groups["name"].Value != name
                || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (match.Groups["kind"].Value == "old" && !Directory.Exists(full))
                {
                    Directory.Move(entry, full);
                }
                else
                {
                    Directory.Delete(entry, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run may be cleaning up the same folder: leave it to that run.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFolder();

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<pid>\d+)\.[0-9a-f]{32}\.(?<kind>tmp|old)$", RegexOptions.CultureInvariant)]
    private static partial Regex Temporary();

    /// <summary>Calls <paramref name="write"/> with an empty temporary folder, then moves it to <paramref name="directory"/>.</summary>
    public static void Replace(string directory, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException("The output folder cannot be a file-system root.", nameof(directory));
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        RemoveStale(parent, name, full);
        var stamp = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
        var temp = Path.Combine(parent, $".{name}.{stamp}.tmp");
        var old = Path.Combine(parent, $".{name}.{stamp}.old");
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            var hadPrevious = Directory.Exists(full);
            if (hadPrevious)
            {
                Directory.Move(full, old);
            }

            try
            {
                Directory.Move(temp, full);
            }
            catch
            {
                if (hadPrevious)
                {
                    Directory.Move(old, full);
                }

                throw;
            }

            if (hadPrevious)
            {
                Directory.Delete(old, recursive: true);
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
