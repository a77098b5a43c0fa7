using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>Builds problems from timetable lines such as <c>T1 A 06:00 → B 07:05</c>.</summary>
internal static partial class Timetables
{
    public static ImmutableArray<ScheduledTrip> Trips(params string[] lines) =>
        [.. lines.Select(line =>
        {
            var m = TripLine().Match(line);
            Assert.True(m.Success, $"not a timetable line: {line}");
            return new ScheduledTrip(m.Groups[1].Value, m.Groups[2].Value, ServiceTime.Parse(m.Groups[3].Value), m.Groups[4].Value, ServiceTime.Parse(m.Groups[5].Value));
        })];

    /// <summary><c>A → B 10 min 7 km</c> (one direction).</summary>
    public static DeadheadTable Deadheads(params string[] lines) =>
        new(lines.Select(line =>
        {
            var m = RunLine().Match(line);
            Assert.True(m.Success, $"not an empty-run line: {line}");
            return new Deadhead(m.Groups[1].Value, m.Groups[2].Value, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) * 60, int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000);
        }));

    [GeneratedRegex(@"^\s*(\S+)\s+(\S+)\s+(\d+:\d\d)\s*→\s*(\S+)\s+(\d+:\d\d)\s*$")]
    private static partial Regex TripLine();

    [GeneratedRegex(@"^\s*(\S+)\s*→\s*(\S+)\s+(\d+)\s*min\s+(\d+)\s*km\s*$")]
    private static partial Regex RunLine();
}
