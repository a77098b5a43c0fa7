using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The battery stage's remedies in a planner's words, with no command-line syntax: the domain's
/// messages use them as they are, and hosts append their own syntax (the CLI's <c>RemedyText</c>
/// adds the <c>--set</c> that makes the change).
/// </summary>
public static class BatteryRemedyWords
{
    public static string Describe(Remedy remedy) => remedy switch
    {
        MoreVehicles v => string.Create(CultureInfo.InvariantCulture,
            $"{v.Count} more {(v.VehicleTypeId is null ? string.Empty : v.VehicleTypeId + " ")}{(v.Count == 1 ? "bus" : "buses")}{(v.DepotId is null ? string.Empty : " at " + v.DepotId)}"),
        BiggerPack p => string.Create(CultureInfo.InvariantCulture,
            $"a pack of at least {p.PackKwh:0} kWh on {p.VehicleTypeId} ({p.UsableKwh:0} kWh usable)"),
        MoreChargers c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} more charging points at {c.SiteId}"),
        MoreTime t => string.Create(CultureInfo.InvariantCulture, $"a time limit of {t.TimeLimit.TotalSeconds:0} s"),
        SwitchToDiesel d => $"diesel buses for the trips {d.VehicleTypeId ?? "the battery buses"} cannot run (a mixed fleet)",
        _ => remedy.ToString(),
    };
}
