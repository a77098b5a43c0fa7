using System.Collections.Immutable;
using System.Globalization;
using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling.Battery;
using TransitPairs.Vehicles;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// A relaxation that proves a day impossible for an all-battery fleet: the trips alone need more
/// energy than the packs hold at pull-out (every vehicle of the fleet, full usable window) plus
/// what every charging point could put in between the first departure and the last arrival (and
/// the longest charge before a pull-in after it) at its full power. Empty runs, tapering and plug-in times only make the need larger and the supply
/// smaller, so when the need exceeds the supply no plan exists.
/// </summary>
internal static class EnergyRelaxation
{
    /// <summary>The day's energy balance, Wh: what the trips need and what packs and chargers can give.</summary>
    public readonly record struct Balance(long NeedWh, long PacksWh, long ChargersWh)
    {
        public long ShortWh => NeedWh - PacksWh - ChargersWh;
    }

    /// <summary>The balance, or null when the fleet has a diesel vehicle (diesel needs no charge).</summary>
    public static Balance? Of(BatterySchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Fleet.Any(f => f.Count > 0 && f.VehicleType.Energy != EnergySource.Battery) || problem.Schedule.Trips.IsEmpty)
        {
            return null;
        }

        var types = problem.Fleet.Where(f => f.Count > 0).Select(f => f.VehicleType).DistinctBy(t => t.Id).ToList();
        var need = problem.Schedule.Trips.Sum(t => types.Min(type =>
            BatteryScheduler.DrivingWh(problem, type, problem.TripDistanceMetres[t.TripId], t.Arrival.TotalSeconds - t.Departure.TotalSeconds)));
        var n = problem.Schedule.Trips.Length;
        var packs = problem.Fleet.Sum(f => (long)Math.Min(f.Count, n) * (f.VehicleType.Battery!.CeilingWh - f.VehicleType.Battery.FloorWh));
        var span = Span(problem);
        var fastest = types.Max(t => t.Battery!.MaxChargingPowerKw);
        var chargers = problem.Chargers.Sum(site => (long)(site.Points * Math.Min(site.PowerKw, fastest) * span / 3.6));
        return new Balance(need, packs, chargers);
    }

    /// <summary>Seconds in which charging can happen: from the first departure to the last arrival, plus the longest charge before a pull-in.</summary>
    private static int Span(BatterySchedulingProblem problem) =>
        problem.Schedule.Trips.Max(t => t.Arrival.TotalSeconds) - problem.Schedule.Trips.Min(t => t.Departure.TotalSeconds) + EnergyDay.MaxHomeChargeSeconds;

    /// <summary>Why the day is impossible and what would close the gap, or null when the balance does not prove it.</summary>
    public static (string Why, ImmutableArray<Remedy> Remedies)? Shortfall(BatterySchedulingProblem problem)
    {
        if (Of(problem) is not { } b || b.ShortWh <= 0)
        {
            return null;
        }

        var fleet = problem.Fleet.Sum(f => f.Count);
        var inv = CultureInfo.InvariantCulture;
        var why = string.Create(inv,
            $"the trips need at least {b.NeedWh / 1000.0:0} kWh, but the {fleet} buses carry {b.PacksWh / 1000.0:0} kWh usable at pull-out and the chargers can put in at most {b.ChargersWh / 1000.0:0} kWh over the day (every point busy at full power): {b.ShortWh / 1000.0:0} kWh short");
        var remedies = new List<Remedy>();
        var largest = problem.Fleet.Select(f => f.VehicleType).MaxBy(t => t.Battery!.CeilingWh - t.Battery.FloorWh)!;
        var perBus = largest.Battery!.CeilingWh - largest.Battery.FloorWh;
        remedies.Add(new MoreVehicles((int)((b.ShortWh + perBus - 1) / perBus), null, largest.Id));
        if (problem.Chargers.Length > 0)
        {
            var site = problem.Chargers.MaxBy(s => s.PowerKw)!;
            var span = Span(problem);
            var perPoint = (long)(Math.Min(site.PowerKw, largest.Battery.MaxChargingPowerKw) * span / 3.6);
            remedies.Add(new MoreChargers(site.Id, (int)((b.ShortWh + perPoint - 1) / perPoint)));
        }

        return (why, [.. remedies]);
    }
}
