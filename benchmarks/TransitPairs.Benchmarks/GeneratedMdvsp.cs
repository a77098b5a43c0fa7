using System.Globalization;
using System.Text;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Benchmarks;

/// <summary>
/// Writes a <see cref="CarpanetoInstance"/> in the pepin2009 cost-matrix format (first line
/// <c>m n v_1 … v_m</c>, then the (m+n)² matrix row by row), so that <c>transitpairs mdvsp FILE</c>
/// solves it like the public files.
/// </summary>
internal static class GeneratedMdvsp
{
    public static int Write(string path, int trips, int depots, int seed, TextWriter log)
    {
        var instance = CarpanetoInstance.Generate(trips, depots, seed);
        var size = instance.Depots + instance.Trips;
        using (var writer = new StreamWriter(path + ".tmp", append: false, Encoding.ASCII))
        {
            writer.WriteLine(string.Join('\t', new[] { instance.Depots, instance.Trips }.Concat(instance.VehicleLimits).Select(v => v.ToString(CultureInfo.InvariantCulture))));
            var row = new StringBuilder();
            for (var i = 0; i < size; i++)
            {
                row.Clear();
                for (var j = 0; j < size; j++)
                {
                    row.Append(j == 0 ? string.Empty : "\t").Append(instance.Cost(i, j).ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteLine(row);
            }
        }

        File.Move(path + ".tmp", path, overwrite: true);
        log.WriteLine($"wrote {path}: {instance.Name}, vehicle limits {string.Join(' ', instance.VehicleLimits)}");
        return 0;
    }
}
