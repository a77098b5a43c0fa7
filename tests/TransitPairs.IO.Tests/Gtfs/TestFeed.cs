using System.IO.Compression;
using System.Text;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>
/// A small valid feed (Tonghua ⇄ Baishan, two trips on one block, weekdays of 2026) written to a
/// temporary folder, with any file replaced or removed, so each test breaks exactly one thing.
/// </summary>
internal sealed class TestFeed : IDisposable
{
    public static readonly Dictionary<string, string> Valid = new()
    {
        ["agency.txt"] = "agency_id,agency_name,agency_url,agency_timezone\nTP,通化公交,https://example.org,Asia/Shanghai\n",
        ["stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\nTH,通化客运站,41.7283,125.9397\nBS,白山客运站,41.9440,126.4147\n",
        ["routes.txt"] = "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,TP,1,通化—白山,3\n",
        ["trips.txt"] = "route_id,service_id,trip_id,block_id\nR1,WK,T1,B1\nR1,WK,T2,B1\n",
        ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "T1,06:00:00,06:00:00,TH,1\nT1,07:10:00,07:10:00,BS,2\n"
            + "T2,07:30:00,07:30:00,BS,1\nT2,08:40:00,08:40:00,TH,2\n",
        ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260101,20261231\n",
    };

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-gtfs-");

    public TestFeed(Dictionary<string, string?>? changes = null, Encoding? encoding = null)
    {
        var files = new Dictionary<string, string?>(Valid.ToDictionary(p => p.Key, p => (string?)p.Value));
        foreach (var (file, text) in changes ?? [])
        {
            files[file] = text;
        }

        Path = System.IO.Path.Combine(_folder.FullName, "feed");
        Directory.CreateDirectory(Path);
        foreach (var (file, text) in files)
        {
            if (text is not null)
            {
                File.WriteAllText(System.IO.Path.Combine(Path, file), text, encoding ?? new UTF8Encoding(false));
            }
        }
    }

    /// <summary>The feed folder.</summary>
    public string Path { get; }

    /// <summary>The folder zipped, with the files inside a top folder when <paramref name="nested"/>.</summary>
    public string Zip(bool nested = false)
    {
        var zip = System.IO.Path.Combine(_folder.FullName, "feed.zip");
        ZipFile.CreateFromDirectory(Path, zip, CompressionLevel.Fastest, includeBaseDirectory: nested);
        return zip;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
