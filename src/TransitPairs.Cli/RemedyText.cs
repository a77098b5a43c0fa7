using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling.Battery;
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
        MoreTime t => Invariant($"more time: --time-limit {Math.Ceiling(t.TimeLimit.TotalSeconds):0}"),
        _ when Syntax(remedy, scenario) is { Length: > 0 } syntax => BatteryRemedyWords.Describe(remedy) + ": " + syntax,
        _ => BatteryRemedyWords.Describe(remedy),
    };

    /// <summary>The <c>--set</c> that makes the change, absolute where the scenario tells the value now.</summary>
    private static string Syntax(Remedy remedy, Scenario? scenario) => remedy switch
    {
        MoreVehicles v when v.DepotId is not null && v.VehicleTypeId is not null => Invariant(
            $"--set fleet.{v.DepotId}.{v.VehicleTypeId}={Based(scenario, v.DepotId, v.VehicleTypeId) + v.Count}"),
        MoreVehicles v when v.DepotId is not null => $"--set fleet.{v.DepotId}.TYPE=N for one of its vehicle types",
        MoreVehicles => "--set fleet.DEPOT.TYPE=N at a depot that may park them",
        BiggerPack p => Invariant($"--set vehicleTypes.{p.VehicleTypeId}.battery.packKwh={Math.Ceiling(p.PackKwh):0}"),
        MoreChargers c => Invariant($"--set chargers.{c.SiteId}.points={Points(scenario, c.SiteId) + c.Count}"),
        SwitchToDiesel => "--set fleet.DEPOT.diesel-coach=N",
        _ => string.Empty,
    };

    private static int Based(Scenario? scenario, string depot, string type) =>
        scenario?.Fleet.Allocations.Where(a => a.Depot == depot && a.VehicleType == type).Sum(a => a.Count) ?? 0;

    private static int Points(Scenario? scenario, string site) =>
        scenario?.Chargers.FirstOrDefault(c => c.Id == site)?.Points ?? 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
