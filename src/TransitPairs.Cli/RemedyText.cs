using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scenarios;

namespace TransitPairs.Cli;

/// <summary>
/// The CLI's words for a <see cref="Remedy"/>: what to change, and the <c>--set</c> (or option) that
/// makes the change to the scenario at hand, with absolute values taken from it where it is known.
/// </summary>
internal static class RemedyText
{
    public static string Of(Remedy remedy, Scenario? scenario) => remedy switch
    {
        MoreVehicles v when v.DepotId is not null && v.VehicleTypeId is not null => Invariant(
            $"{v.Count} more {v.VehicleTypeId} {Buses(v.Count)} at {v.DepotId}: --set fleet.{v.DepotId}.{v.VehicleTypeId}={Based(scenario, v.DepotId, v.VehicleTypeId) + v.Count}"),
        MoreVehicles v when v.DepotId is not null => Invariant(
            $"{v.Count} more {Buses(v.Count)} at {v.DepotId}: --set fleet.{v.DepotId}.TYPE=N for one of its vehicle types"),
        MoreVehicles v => Invariant($"{v.Count} more {Buses(v.Count)}: --set fleet.DEPOT.TYPE=N at a depot that may park them"),
        BiggerPack p => Invariant(
            $"a pack of at least {p.PackKwh:0} kWh on {p.VehicleTypeId} ({p.UsableKwh:0} kWh usable): --set vehicleTypes.{p.VehicleTypeId}.battery.packKwh={Math.Ceiling(p.PackKwh):0}"),
        MoreChargers c => Invariant(
            $"{c.Count} more charging points at {c.SiteId}: --set chargers.{c.SiteId}.points={Points(scenario, c.SiteId) + c.Count}"),
        MoreTime t => Invariant($"more time: --time-limit {Math.Ceiling(t.TimeLimit.TotalSeconds):0}"),
        SwitchToDiesel d => $"diesel buses for the trips {d.VehicleTypeId ?? "the battery buses"} cannot run (a mixed fleet): --set fleet.DEPOT.diesel-coach=N",
        _ => remedy.ToString(),
    };

    private static string Buses(int count) => count == 1 ? "bus" : "buses";

    private static int Based(Scenario? scenario, string depot, string type) =>
        scenario?.Fleet.Allocations.Where(a => a.Depot == depot && a.VehicleType == type).Sum(a => a.Count) ?? 0;

    private static int Points(Scenario? scenario, string site) =>
        scenario?.Chargers.FirstOrDefault(c => c.Id == site)?.Points ?? 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
