using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using NodaTime.Text;
using TransitPairs.IO.Gtfs;
using TransitPairs.TestSupport;

namespace TransitPairs.IO.Tests.Gtfs;

/// <summary>One row of benchmarks/instances/gtfs/known.csv.</summary>
internal sealed record KnownFeed(
    string Feed, string ZipPath, NodaTime.LocalDate Date, GtfsTripFilter Filter, int Trips, int AgencyBlockIds,
    int AgencyPeakBlocks, int PeakTripsInService, int MinFleetPermissive)
{
    public static KnownFeed Load(string feed)
    {
        var path = TestPaths.Instance("gtfs", "known.csv");
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        while (csv.Read())
        {
            if (csv.GetString("feed") != feed)
            {
                continue;
            }

            return new KnownFeed(
                feed,
                TestPaths.Instance("gtfs", feed + ".zip"),
                LocalDatePattern.Iso.Parse(csv.GetString("date")).Value,
                ParseFilter(csv.GetString("route_filter")),
                Int(csv.GetString("trips")),
                Int(csv.GetString("agency_block_ids")),
                Int(csv.GetString("agency_peak_blocks")),
                Int(csv.GetString("peak_trips_in_service")),
                Int(csv.GetString("min_fleet_layover0_80kmh_detour1.3")));
        }

        throw new InvalidOperationException($"{feed} is not in {path}");
    }

    /// <summary>The route filter as <c>schedule</c> options.</summary>
    public IEnumerable<string> FilterArguments()
    {
        if (!Filter.RouteTypes.IsEmpty)
        {
            yield return "--route-types";
            yield return string.Join(',', Filter.RouteTypes.Order());
        }

        if (!Filter.ExcludedRoutes.IsEmpty)
        {
            yield return "--exclude-routes";
            yield return string.Join(',', Filter.ExcludedRoutes.Order(StringComparer.Ordinal));
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>"all", or "route_type=3 minus routes 800 PWT SKY".</summary>
    private static GtfsTripFilter ParseFilter(string text)
    {
        if (text == "all")
        {
            return GtfsTripFilter.All;
        }

        var parts = text.Split(" minus routes ");
        var types = parts[0].Replace("route_type=", string.Empty, StringComparison.Ordinal).Split(',').Select(Int).ToImmutableHashSet();
        var excluded = parts.Length > 1 ? parts[1].Split(' ').ToImmutableHashSet(StringComparer.Ordinal) : [];
        return new GtfsTripFilter(types, excluded);
    }
}
