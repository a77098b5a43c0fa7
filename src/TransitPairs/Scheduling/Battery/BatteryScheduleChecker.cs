using System.Collections.Immutable;
using TransitPairs.Time;
using TransitPairs.Vehicles;

namespace TransitPairs.Scheduling.Battery;

/// <summary>
/// Checks a battery vehicle schedule without any solver code. The plain rules come from
/// <see cref="VehicleScheduleChecker"/> (every trip once, connections, depots). On top: each block
/// names a vehicle type of its depot's fleet and the fleet per depot and type is respected; the
/// state of charge is recomputed along every block from the road distances (trip distances, the
/// deadhead table) and the vehicle type's consumption for the season, starting full at the usable
/// ceiling, and must stay within the usable window; every charge event stands at a charger site's
/// place, lasts at least the minimum plug-in time, and puts in no more than the charging curve
/// allows in its duration; and no site has more buses charging at once than it has points.
/// The states of charge the solver wrote on the events are compared with the recomputed ones.
/// </summary>
public static class BatteryScheduleChecker
{
    public static ScheduleCheck Check(BatterySchedulingProblem problem, VehicleSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(schedule);
        var violations = new List<string>(VehicleScheduleChecker.Check(problem.Schedule, schedule).Violations);
        var used = new Dictionary<(string Depot, string Type), int>();
        var sessions = new List<(string Site, int Start, int End, string Vehicle)>();
        var sites = problem.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);

        foreach (var block in schedule.Blocks)
        {
            var where = $"vehicle {block.VehicleId}";
            var slot = problem.Fleet.FirstOrDefault(f => f.Depot == block.DepotId && f.VehicleType.Id == block.VehicleTypeId);
            if (slot is null)
            {
                violations.Add($"{where}: type {block.VehicleTypeId ?? "none"} is not stationed at depot {block.DepotId ?? "none"}.");
                continue;
            }

            var key = (slot.Depot, slot.VehicleType.Id);
            used[key] = used.GetValueOrDefault(key) + 1;
            var type = slot.VehicleType;
            var battery = type.Battery;
            var perKm = type.Consumption.In(problem.Season);
            long soc = battery?.CeilingWh ?? 0;
            foreach (var ev in block.Events)
            {
                var startSoc = soc;
                var seconds = ev.End.TotalSeconds - ev.Start.TotalSeconds;
                switch (ev.Kind)
                {
                    case BlockEventKind.Trip:
                    case BlockEventKind.Deadhead:
                    case BlockEventKind.PullOut:
                    case BlockEventKind.PullIn:
                        var metres = ev.Kind == BlockEventKind.Trip
                            ? problem.TripDistanceMetres.GetValueOrDefault(ev.TripId!)
                            : (problem.Schedule.Deadheads.TryGet(ev.FromStop, ev.ToStop, out var run) ? run.DistanceMetres : ev.DistanceMetres);
                        if (ev.Kind != BlockEventKind.Trip && problem.Drivers is { } drivers && seconds > 0 && !drivers.OneDriverMayDrive(ev.Start, ev.End))
                        {
                            violations.Add($"{where}: the empty run {ev.FromStop} {ev.Start} → {ev.ToStop} {ev.End} is longer than one driver may drive without a rest at that time of day.");
                        }

                        if (battery is not null)
                        {
                            var heating = problem.Season == Season.Winter ? (long)problem.Charging.HeatingWattsWhileDriving * seconds / 3600 : 0;
                            soc -= (long)Math.Round(metres * perKm) + heating;
                            if (soc < battery.FloorWh)
                            {
                                violations.Add($"{where}: after {Name(ev)} ({ev.Start}–{ev.End}) the state of charge is {soc / 1000.0:0.#} kWh, below the floor {battery.FloorWh / 1000.0:0.#} kWh.");
                            }
                        }

                        break;
                    case BlockEventKind.Charge:
                        if (battery is null)
                        {
                            violations.Add($"{where}: a {type.Id} ({type.Energy}) cannot charge.");
                            break;
                        }

                        if (ev.ChargerSite is null || !sites.TryGetValue(ev.ChargerSite, out var site))
                        {
                            violations.Add($"{where}: charges at {ev.ChargerSite ?? "no site"}, which is no charger site.");
                            break;
                        }

                        if (site.Place != ev.FromStop || ev.FromStop != ev.ToStop)
                        {
                            violations.Add($"{where}: charges at {site.Id} while at {ev.FromStop}, but the site stands at {site.Place}.");
                        }

                        if (seconds < problem.Charging.MinPlugInSeconds)
                        {
                            violations.Add($"{where}: charges {seconds} s at {site.Id}, less than the minimum plug-in time of {problem.Charging.MinPlugInSeconds} s.");
                        }

                        var charged = -(ev.EnergyWh ?? 0);
                        var most = MostCharge(battery, Math.Min(site.PowerKw, battery.MaxChargingPowerKw) * 1000, soc, seconds, problem.Charging);
                        if (charged < 0 || charged > most + 1)
                        {
                            violations.Add($"{where}: charges {charged / 1000.0:0.#} kWh at {site.Id} in {seconds / 60.0:0.#} min from {soc / 1000.0:0.#} kWh; the charging curve allows {most / 1000.0:0.#} kWh.");
                        }

                        soc += Math.Max(0, charged);
                        sessions.Add((site.Id, ev.Start.TotalSeconds, ev.End.TotalSeconds, block.VehicleId));
                        break;
                    default:
                        break;
                }

                if (battery is not null && (ev.SocStartWh != startSoc || ev.SocEndWh != soc))
                {
                    violations.Add($"{where}: {Name(ev)} at {ev.Start} reports state of charge {ev.SocStartWh / 1000.0:0.###}→{ev.SocEndWh / 1000.0:0.###} kWh; recomputed {startSoc / 1000.0:0.###}→{soc / 1000.0:0.###} kWh.");
                }
            }
        }

        foreach (var ((depot, type), count) in used)
        {
            var available = problem.Fleet.Where(f => f.Depot == depot && f.VehicleType.Id == type).Sum(f => f.Count);
            if (count > available)
            {
                violations.Add($"depot {depot} sends out {count} {type}, more than its {available}.");
            }
        }

        foreach (var group in sessions.GroupBy(s => s.Site))
        {
            var points = sites[group.Key].Points;
            var inUse = 0;
            foreach (var (time, delta) in group.SelectMany(s => new[] { (s.Start, 1), (s.End, -1) }).OrderBy(x => x.Item1).ThenBy(x => x.Item2))
            {
                inUse += delta;
                if (inUse > points)
                {
                    violations.Add($"charger site {group.Key}: {inUse} buses charge at {new ServiceTime(time)}, more than its {points} points.");
                    break;
                }
            }
        }

        return new ScheduleCheck([.. violations], 0);
    }

    /// <summary>
    /// Most energy (Wh) a pack takes in <paramref name="seconds"/> from <paramref name="fromWh"/> at
    /// <paramref name="watts"/>: full power to the taper threshold, reduced power above, never above the ceiling.
    /// </summary>
    private static long MostCharge(BatterySpec battery, double watts, long fromWh, int seconds, ChargingRules rules)
    {
        var threshold = battery.PackKwh * 10 * rules.TaperStartPercent;
        double soc = fromWh;
        double left = seconds;
        if (soc < threshold)
        {
            var toThreshold = (threshold - soc) * 3600 / watts;
            var spent = Math.Min(left, toThreshold);
            soc += watts * spent / 3600;
            left -= spent;
        }

        soc += watts * rules.TaperPowerPercent / 100 * left / 3600;
        return (long)Math.Floor(Math.Min(soc, Math.Max(battery.CeilingWh, fromWh)) - fromWh);
    }

    private static string Name(BlockEvent ev) => ev.Kind == BlockEventKind.Trip ? $"trip {ev.TripId}" : ev.Kind.ToString().ToLowerInvariant();
}
