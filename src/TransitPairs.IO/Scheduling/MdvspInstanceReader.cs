using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using TransitPairs.Scheduling;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scheduling;

/// <summary>
/// Reads the whitespace-separated MDVSP benchmark formats (plain or gzip, detected from the
/// content): the cost-matrix form of Pepin et al. 2009 and the trip form with locations and times
/// (see <c>benchmarks/instances/SOURCES.md</c> in the repository). Problems are reported with the line they are on.
/// </summary>
public static class MdvspInstanceReader
{
    /// <summary>
    /// Cost-matrix form: line 1 <c>m n v_1 … v_m</c>, then the (m+n)×(m+n) matrix row-major
    /// (-1 = not possible).
    /// </summary>
    public static CostMatrixInstance ReadCostMatrix(string path)
    {
        var tokens = new TokenStream(path);
        var m = tokens.NextInt("the number of depots", min: 1);
        var n = tokens.NextInt("the number of trips", min: 0);
        var limits = ImmutableArray.CreateBuilder<int>(m);
        for (var k = 0; k < m; k++)
        {
            limits.Add(tokens.NextInt($"the vehicles of depot {k}", min: 0));
        }

        var size = m + n;
        var matrix = new int[size * size];
        for (var i = 0; i < matrix.Length; i++)
        {
            matrix[i] = tokens.NextInt($"matrix entry ({i / size}, {i % size})", min: -1);
        }

        tokens.ExpectEnd();
        return new CostMatrixInstance(NameOf(path), limits.MoveToImmutable(), n, ImmutableArray.Create(matrix));
    }

    /// <summary>
    /// Trip form: <c>depots trips locations</c>; depot capacities; one line per trip
    /// <c>start_location start_time end_location end_time</c> (minutes); the location × location
    /// travel-time matrix in minutes.
    /// </summary>
    public static TripFormatInstance ReadTripFormat(string path)
    {
        var tokens = new TokenStream(path);
        var m = tokens.NextInt("the number of depots", min: 1);
        var n = tokens.NextInt("the number of trips", min: 0);
        var locations = tokens.NextInt("the number of locations", min: m);
        var capacities = ImmutableArray.CreateBuilder<int>(m);
        for (var k = 0; k < m; k++)
        {
            capacities.Add(tokens.NextInt($"the capacity of depot {k}", min: 0));
        }

        var trips = ImmutableArray.CreateBuilder<TripFormatTrip>(n);
        for (var t = 0; t < n; t++)
        {
            var line = tokens.Line;
            var trip = new TripFormatTrip(
                tokens.NextInt($"trip {t}'s start location", 0, locations - 1),
                tokens.NextInt($"trip {t}'s start time", 0),
                tokens.NextInt($"trip {t}'s end location", 0, locations - 1),
                tokens.NextInt($"trip {t}'s end time", 0));
            if (trip.EndMinute < trip.StartMinute)
            {
                throw new InputException(new InputProblem(path, $"line {line}", $"trip {t} ends at minute {trip.EndMinute}, before it starts at {trip.StartMinute}.", "Correct the trip's times."));
            }

            trips.Add(trip);
        }

        var travel = new int[locations * locations];
        for (var i = 0; i < travel.Length; i++)
        {
            travel[i] = tokens.NextInt($"travel time ({i / locations}, {i % locations})", min: 0);
        }

        tokens.ExpectEnd();
        return new TripFormatInstance(NameOf(path), capacities.MoveToImmutable(), trips.MoveToImmutable(), locations, ImmutableArray.Create(travel));
    }

    private static string NameOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".gz", ".inp", ".txt" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>Integers separated by any whitespace, with the line each came from.</summary>
    /// <summary>Whitespace-separated integers of a plain or gzipped benchmark file, with their line numbers (shared by the benchmark readers).</summary>
    internal sealed class TokenStream
    {
        private readonly string path;
        private readonly IEnumerator<(string Text, int Line)> tokens;
        private bool hasCurrent;

        public TokenStream(string path)
        {
            this.path = path;
            if (!File.Exists(path))
            {
                throw new InputException(new InputProblem(path, string.Empty, Directory.Exists(path) ? "This is a folder, not a file." : "The file does not exist.", "Check the path: name one instance file (.inp or .inp.gz)."));
            }

            tokens = Read(path).GetEnumerator();
            hasCurrent = tokens.MoveNext();
        }

        public int Line => hasCurrent ? tokens.Current.Line : 0;

        public bool HasMore => hasCurrent;

        public int NextInt(string what, int min = int.MinValue, int max = int.MaxValue)
        {
            if (!hasCurrent)
            {
                throw new InputException(new InputProblem(path, "end of file", $"the file ends before {what}.", "Use a complete instance file (the format is described in benchmarks/instances/SOURCES.md of the TransitPairs repository)."));
            }

            var (text, line) = tokens.Current;
            hasCurrent = tokens.MoveNext();
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                var range = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
                throw new InputException(new InputProblem(path, $"line {line}", $"'{text}' is not a valid {what} (a whole number {range}).", "Correct the value."));
            }

            return value;
        }

        public void ExpectEnd()
        {
            if (hasCurrent)
            {
                throw new InputException(new InputProblem(path, $"line {tokens.Current.Line}", "there is more data after the end of the instance.", "Check the counts on the first line."));
            }
        }

        private static IEnumerable<(string, int)> Read(string path)
        {
            using var file = File.OpenRead(path);
            var magic = new byte[2];
            var read = file.Read(magic, 0, 2);
            file.Position = 0;
            using Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return (token, lineNumber);
                }
            }
        }
    }
}
