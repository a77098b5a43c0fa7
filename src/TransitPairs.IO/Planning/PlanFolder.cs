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
/// directories, so this window of one rename is the price of keeping the folder whole.
/// </remarks>
public static class PlanFolder
{
    /// <summary>Calls <paramref name="write"/> with an empty temporary folder, then moves it to <paramref name="directory"/>.</summary>
    public static void Replace(string directory, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException("The output folder cannot be a file-system root.", nameof(directory));
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
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
