using System.Collections.Immutable;
using TransitPairs.IO.Duties;
using TransitPairs.IO.Files;
using TransitPairs.IO.Gtfs;
using TransitPairs.IO.Reports;
using TransitPairs.IO.Scheduling;
using TransitPairs.IO.Timetables;
using TransitPairs.Planning;

namespace TransitPairs.IO.Planning;

/// <summary>
/// The files of a plan: <c>timetable.csv</c>, <c>blocks.csv</c>, <c>duties.csv</c>, <c>kpis.json</c>,
/// <c>gtfs.zip</c> and <c>report.html</c>, written together into a folder that replaces the
/// previous one only when every file was written (<see cref="PlanFolder"/>).
/// </summary>
public static class PlanOutputs
{
    /// <summary>The file names, in the order they are written.</summary>
    public static readonly ImmutableArray<string> Files = ["timetable.csv", "blocks.csv", "duties.csv", "kpis.json", "gtfs.zip", "report.html"];

    /// <summary>Writes every file of <paramref name="plan"/> and swaps them into <paramref name="directory"/>.</summary>
    public static void Write(Plan plan, string directory) => PlanFolder.Replace(directory, temp => WriteFiles(plan, temp));

    /// <summary>Writes every file of <paramref name="plan"/> into <paramref name="folder"/> (no swap).</summary>
    public static void WriteFiles(Plan plan, string folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        TimetableCsv.Write(plan.Timetable, Path.Combine(folder, "timetable.csv"));
        SchedulingCsv.WriteBlocks(Path.Combine(folder, "blocks.csv"), plan.Schedule);
        DutiesCsv.Write(Path.Combine(folder, "duties.csv"), plan.Crew);
        AtomicFile.WriteText(Path.Combine(folder, "kpis.json"), PlanKpiJson.Document(plan).ToJsonString(PlanKpiJson.Options) + "\n");
        GtfsWriter.Write(Feed(plan), Path.Combine(folder, "gtfs.zip"));
        AtomicFile.WriteText(Path.Combine(folder, "report.html"), HtmlReportWriter.Render(PlanReportMapper.Map(plan)));
    }

    /// <summary>The plan as a GTFS feed (one route per corridor, block_id = vehicle).</summary>
    public static GtfsFeed Feed(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return GtfsPlanFeed.Build(plan.Scenario.Corridors, plan.Timetable, plan.BlockOfTrip, GtfsPublisher.JilinIntercity, plan.Scenario.Name);
    }
}
