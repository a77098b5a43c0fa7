using System.IO.Compression;
using TransitPairs.Validation;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// The files of a feed, from a zip or a folder. Files are found by name without regard to case, at
/// the top of the zip or inside its one top folder (some publishers zip the folder itself).
/// </summary>
internal sealed class GtfsSource : IDisposable
{
    private readonly ZipArchive? _zip;
    private readonly Dictionary<string, string> _folderFiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ZipArchiveEntry> _zipEntries = new(StringComparer.OrdinalIgnoreCase);

    private GtfsSource(string name, ZipArchive? zip)
    {
        Name = name;
        _zip = zip;
    }

    /// <summary>The feed as the user named it (used in every problem reported).</summary>
    public string Name { get; }

    public static GtfsSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            var source = new GtfsSource(path, zip: null);
            foreach (var file in Directory.EnumerateFiles(path, "*.txt"))
            {
                source._folderFiles[Path.GetFileName(file)] = file;
            }

            return source;
        }

        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, string.Empty,
                "The GTFS feed does not exist.", "Name a GTFS zip file or a folder holding the feed's .txt files."));
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new InputException(new InputProblem(path, string.Empty,
                "The file is not a zip archive.", "Name a GTFS zip file or a folder holding the feed's .txt files."));
        }

        var opened = new GtfsSource(path, zip);
        var files = zip.Entries.Where(e => e.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).ToList();
        var top = files.Where(e => e.FullName == e.Name).ToList();
        var folders = files.Select(e => Path.GetDirectoryName(e.FullName) ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        var chosen = top.Count > 0 || folders.Count != 1 ? top : files;
        foreach (var entry in chosen)
        {
            opened._zipEntries.TryAdd(entry.Name, entry);
        }

        return opened;
    }

    public bool Has(string file) => _zip is null ? _folderFiles.ContainsKey(file) : _zipEntries.ContainsKey(file);

    public Stream OpenFile(string file) =>
        _zip is null ? File.OpenRead(_folderFiles[file]) : _zipEntries[file].Open();

    public void Dispose() => _zip?.Dispose();
}
