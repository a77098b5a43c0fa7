using System.Collections.Immutable;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The state of charge along an <see cref="EnergyBlock"/>, the shortest charging sessions that keep
/// a block above its floor, its cost, and its events in domain terms. A battery bus leaves its depot
/// at the usable ceiling, loses the driving energy of every trip and empty run, gains at each session
/// what the charging curve gives in the session's duration, and must be above the floor after every
/// drive, including the pull-in.
/// </summary>
internal static class BlockEnergy
{
    /// <summary>Fen per charging session (1 yuan): a block does not plug in for nothing.</summary>
    public const long SessionCostFen = 100;

    /// <summary>True when the block keeps its pack within the usable window all day (always for diesel).</summary>
    public static bool IsFeasible(EnergyDay day, EnergyBlock block) => Simulate(day, block.Slot, block.Trips.AsSpan(), block.Charges.AsSpan()) >= 0;

    /// <summary>
    /// The state of charge at the pull-in (Wh, above the floor) or −1 when the block drops below the
    /// floor somewhere. Diesel blocks return 0.
    /// </summary>
    public static long Simulate(EnergyDay day, int c, ReadOnlySpan<int> trips, ReadOnlySpan<ChargeStop?> charges)
    {
        if (!day.Electric(c))
        {
            return 0;
        }

        var soc = AfterLastTrip(day, c, trips, charges[..(trips.Length - 1)]);
        return soc < 0 ? -1 : Drive(day, c, soc, day.To[trips[^1]], charges[trips.Length - 1], day.SlotDepot[c]);
    }

    /// <summary>
    /// The state of charge on arrival of the last of <paramref name="trips"/> (Wh) with the sessions
    /// <paramref name="between"/> them (one fewer than the trips), or −1 when it drops below the floor
    /// before. Diesel blocks return 0.
    /// </summary>
    public static long AfterLastTrip(EnergyDay day, int c, ReadOnlySpan<int> trips, ReadOnlySpan<ChargeStop?> between)
    {
        if (!day.Electric(c))
        {
            return 0;
        }

        var soc = day.Ceiling(c) - day.RunWh(c, day.SlotDepot[c], day.From[trips[0]]);
        for (var k = 0; k < trips.Length && soc >= 0; k++)
        {
            soc = soc < day.Floor(c) ? -1 : soc - day.TripWh(trips[k], c);
            if (soc >= day.Floor(c) && k + 1 < trips.Length)
            {
                soc = Drive(day, c, soc, day.To[trips[k]], between[k], day.From[trips[k + 1]]);
            }
        }

        return soc < day.Floor(c) ? -1 : soc;
    }

    /// <summary>From stop <paramref name="from"/> to stop <paramref name="to"/>, through the session's site when there is one: the charge on arrival, or −1 below the floor on the way.</summary>
    private static long Drive(EnergyDay day, int c, long soc, int from, ChargeStop? session, int to)
    {
        var floor = day.Floor(c);
        if (session is { } stop)
        {
            var site = day.SiteStop[stop.Site];
            soc -= day.RunWh(c, from, site);
            if (soc < floor)
            {
                return -1;
            }

            soc += day.MaxCharge(c, stop.Site, soc, stop.Seconds);
            from = site;
        }

        soc -= day.RunWh(c, from, to);
        return soc < floor ? -1 : soc;
    }

    /// <summary>
    /// The block through <paramref name="trips"/> that charges at <paramref name="sites"/> (one per
    /// trip, after it; −1 = straight on) for as short as it can: each session plugs in on arrival and
    /// lasts the least time (at least the minimum plug-in) that still lets the rest of the block,
    /// charging as long as it can later, end above the floor. Null when even the longest sessions fail.
    /// </summary>
    public static EnergyBlock? Shortest(EnergyDay day, int c, ImmutableArray<int> trips, ReadOnlySpan<int> sites)
    {
        var charges = new ChargeStop?[trips.Length];
        for (var k = 0; k < trips.Length; k++)
        {
            if (k < sites.Length && sites[k] >= 0)
            {
                if (!day.Electric(c) || day.WindowAfter(trips.AsSpan(), k, c, sites[k]) is not { } w)
                {
                    return null;
                }

                charges[k] = new ChargeStop(sites[k], w.Open, w.Close);
            }
        }

        if (Simulate(day, c, trips.AsSpan(), charges) < 0)
        {
            return null;
        }

        for (var k = 0; k < charges.Length; k++)
        {
            if (charges[k] is not { } full)
            {
                continue;
            }

            int low = day.MinPlugSeconds, high = full.Seconds;
            charges[k] = full with { End = full.Start + low };
            if (Simulate(day, c, trips.AsSpan(), charges) >= 0)
            {
                continue;
            }

            // Invariant: high is feasible, low is not.
            while (high - low > 1)
            {
                var mid = low + ((high - low) / 2);
                charges[k] = full with { End = full.Start + mid };
                if (Simulate(day, c, trips.AsSpan(), charges) >= 0)
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }

            charges[k] = full with { End = full.Start + high };
        }

        return new EnergyBlock(c, trips, [.. charges]);
    }

    /// <summary>Operating cost of a block, fen: the vehicle-day, every kilometre driven (trips, empty runs, detours to chargers) and each session.</summary>
    public static long CostFen(EnergyDay day, EnergyBlock block)
    {
        var c = block.Slot;
        var type = day.Slots[c].VehicleType;
        long metres = day.RunMetres(day.SlotDepot[c], day.From[block.Trips[0]]);
        long sessions = 0;
        for (var k = 0; k < block.Trips.Length; k++)
        {
            var i = block.Trips[k];
            metres += day.TripMetres[i];
            var next = k + 1 < block.Trips.Length ? day.From[block.Trips[k + 1]] : day.SlotDepot[c];
            if (block.Charges[k] is { } stop)
            {
                metres += day.RunMetres(day.To[i], day.SiteStop[stop.Site]) + day.RunMetres(day.SiteStop[stop.Site], next);
                sessions++;
            }
            else
            {
                metres += day.RunMetres(day.To[i], next);
            }
        }

        return (long)Math.Round(type.CostPerVehicleDayYuan * 100) + (long)Math.Round(metres * type.CostPerKmYuan / 10) + (sessions * SessionCostFen);
    }

    /// <summary>The block as domain events (pull-out, trips, empty runs, layovers, charging, pull-in) with energy and state of charge.</summary>
    public static VehicleBlock ToVehicleBlock(EnergyDay day, EnergyBlock block, string vehicleId)
    {
        var c = block.Slot;
        var type = day.Slots[c].VehicleType;
        var electric = day.Electric(c);
        var depot = day.SlotDepot[c];
        var events = ImmutableArray.CreateBuilder<BlockEvent>();
        long soc = electric ? day.Ceiling(c) : 0;

        void Drive(BlockEventKind kind, string? tripId, int from, int to, int start, int end, int metres)
        {
            var ev = new BlockEvent(kind, tripId, day.Stops[from], day.Stops[to], new ServiceTime(start), new ServiceTime(end), metres);
            if (electric)
            {
                var used = day.DrivingWh(c, metres, end - start);
                events.Add(ev with { EnergyWh = used, SocStartWh = soc, SocEndWh = soc - used });
                soc -= used;
            }
            else
            {
                events.Add(ev);
            }
        }

        void Wait(int at, int from, int to)
        {
            if (from < to)
            {
                var ev = new BlockEvent(BlockEventKind.Layover, null, day.Stops[at], day.Stops[at], new ServiceTime(from), new ServiceTime(to), 0);
                events.Add(electric ? ev with { EnergyWh = 0, SocStartWh = soc, SocEndWh = soc } : ev);
            }
        }

        var first = block.Trips[0];
        Drive(BlockEventKind.PullOut, null, depot, day.From[first], Math.Max(0, day.Departure[first] - day.RunSeconds(depot, day.From[first])), day.Departure[first], day.RunMetres(depot, day.From[first]));
        for (var k = 0; k < block.Trips.Length; k++)
        {
            var i = block.Trips[k];
            Drive(BlockEventKind.Trip, day.Trips[i].TripId, day.From[i], day.To[i], day.Departure[i], day.Arrival[i], day.TripMetres[i]);
            var last = k + 1 == block.Trips.Length;
            var next = last ? depot : day.From[block.Trips[k + 1]];
            var departure = last ? -1 : day.Departure[block.Trips[k + 1]];
            if (block.Charges[k] is { } stop)
            {
                var site = day.SiteStop[stop.Site];
                var reached = day.Arrival[i] + day.RunSeconds(day.To[i], site);
                if (day.To[i] != site)
                {
                    Drive(BlockEventKind.Deadhead, null, day.To[i], site, day.Arrival[i], reached, day.RunMetres(day.To[i], site));
                }

                Wait(site, reached, stop.Start);
                var charged = day.MaxCharge(c, stop.Site, soc, stop.Seconds);
                events.Add(new BlockEvent(BlockEventKind.Charge, null, day.Stops[site], day.Stops[site], new ServiceTime(stop.Start), new ServiceTime(stop.End), 0)
                {
                    EnergyWh = -charged,
                    SocStartWh = soc,
                    SocEndWh = soc + charged,
                    ChargerSite = day.Sites[stop.Site].Id,
                });
                soc += charged;
                if (last)
                {
                    Drive(BlockEventKind.PullIn, null, site, depot, stop.End, stop.End + day.RunSeconds(site, depot), day.RunMetres(site, depot));
                    break;
                }

                var leave = departure - day.RunSeconds(site, next);
                Wait(site, stop.End, leave);
                if (site != next)
                {
                    Drive(BlockEventKind.Deadhead, null, site, next, leave, departure, day.RunMetres(site, next));
                }
            }
            else if (last)
            {
                Drive(BlockEventKind.PullIn, null, day.To[i], depot, day.Arrival[i], day.Arrival[i] + day.RunSeconds(day.To[i], depot), day.RunMetres(day.To[i], depot));
            }
            else
            {
                var at = day.Arrival[i];
                if (day.To[i] != next)
                {
                    var reached = at + day.RunSeconds(day.To[i], next);
                    Drive(BlockEventKind.Deadhead, null, day.To[i], next, at, reached, day.RunMetres(day.To[i], next));
                    at = reached;
                }

                Wait(next, at, departure);
            }
        }

        return new VehicleBlock(vehicleId, day.Slots[c].Depot, events.ToImmutable()) { VehicleTypeId = type.Id };
    }
}
