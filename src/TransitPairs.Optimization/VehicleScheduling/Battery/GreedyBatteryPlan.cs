using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The constructive plan: trips in departure order, each given to a bus already out that can run
/// it (straight on, or after a charging session at a site whose points are free, plugging in on
/// arrival) and still get back to its depot above the floor, else to a new bus from the slot with
/// vehicles left that can run the trip alone. A bus never takes a trip it could not get home from,
/// so with enough vehicles every day whose single trips fit in a pack gets a plan; with
/// unlimited vehicles the plan says how many the day needs by this rule.
/// </summary>
internal static class GreedyBatteryPlan
{
    /// <summary>A constructive plan: blocks and the trips it could not give to any vehicle (none when complete).</summary>
    public sealed record Result(ImmutableArray<EnergyBlock> Blocks, ImmutableArray<int> Uncovered);

    private sealed class Bus(int slot, int first, long soc)
    {
        public int Slot { get; } = slot;

        public List<int> Trips { get; } = [first];

        public List<ChargeStop?> Charges { get; } = [];

        public long Soc { get; set; } = soc;

        public int Last => Trips[^1];
    }

    /// <summary>Score of one metre between a trip's end and the bus's depot under <see cref="GreedyRule.HomeFirst"/>, against one Wh of charge: any metre outweighs all the charge.</summary>
    private const long HomeWeightPerMetre = 1_000_000_000;

    /// <summary>Builds the plan by <paramref name="rule"/>.</summary>
    /// <param name="day">The day.</param>
    /// <param name="rule">How a trip picks its bus.</param>
    /// <param name="unlimited">True to ignore the slots' vehicle counts.</param>
    /// <param name="kept">Blocks taken as they are (disjoint, sessions within the points, each slot within its count): the plan completes them with the trips they leave.</param>
    public static Result Build(EnergyDay day, GreedyRule rule, bool unlimited = false, IReadOnlyList<EnergyBlock>? kept = null)
    {
        var bookings = new ChargerBookings(day);
        var left = day.Slots.Select(s => unlimited ? int.MaxValue : s.Count).ToArray();
        var buses = new List<Bus>();
        var uncovered = new List<int>();
        var taken = new bool[day.TripCount];
        foreach (var block in kept ?? [])
        {
            foreach (var i in block.Trips)
            {
                taken[i] = true;
            }

            foreach (var stop in block.Charges)
            {
                if (stop is { } booked)
                {
                    bookings.Book(booked);
                }
            }

            left[block.Slot] = unlimited ? left[block.Slot] : left[block.Slot] - 1;
        }

        var charge = rule is GreedyRule.MostCharge or GreedyRule.LeastIdleCharging or GreedyRule.HomeFirst or GreedyRule.AwayWaits;
        for (var j = 0; j < day.TripCount; j++)
        {
            if (taken[j])
            {
                continue;
            }

            Bus? best = null;
            (long Soc, ChargeStop? Stop, long Score) bestOption = default;
            foreach (var bus in buses)
            {
                if (!day.Connects(bus.Last, j) || Option(day, bookings, bus, j, charge, best is null || rule != GreedyRule.MostCharge && rule != GreedyRule.MostChargeWhenNeeded ? long.MinValue : bestOption.Score) is not { } option)
                {
                    continue;
                }

                var score = rule switch
                {
                    GreedyRule.LeastWait => -(day.Departure[j] - day.Arrival[bus.Last]),
                    GreedyRule.LeastIdleCharging => -(day.Departure[j] - day.Arrival[bus.Last] - day.RunSeconds(day.To[bus.Last], day.From[j])),
                    GreedyRule.HomeFirst => option.Soc - (day.RunMetres(day.To[j], day.SlotDepot[bus.Slot]) * HomeWeightPerMetre),
                    _ => option.Soc,
                };
                if (best is null || score > bestOption.Score)
                {
                    best = bus;
                    bestOption = (option.Soc, option.Stop, score);
                }
            }

            if (best is not null && rule == GreedyRule.AwayWaits && GoesHome(day, best.Slot, j) && NewBusSlot(day, left, j) >= 0)
            {
                // The bus stays where it is for a later trip home; a new bus takes this one.
                best = null;
            }

            if (best is not null)
            {
                if (bestOption.Stop is { } stop)
                {
                    bookings.Book(stop);
                }

                best.Charges.Add(bestOption.Stop);
                best.Trips.Add(j);
                best.Soc = bestOption.Soc - day.TripWh(j, best.Slot);
                continue;
            }

            var slot = NewBusSlot(day, left, j);
            if (slot < 0)
            {
                uncovered.Add(j);
                continue;
            }

            left[slot] = unlimited ? left[slot] : left[slot] - 1;
            var start = day.Electric(slot) ? day.Ceiling(slot) - day.RunWh(slot, day.SlotDepot[slot], day.From[j]) : 0;
            buses.Add(new Bus(slot, j, start - day.TripWh(j, slot)));
        }

        // Each bus ends its day: straight home, or after a charge near its last trip's end.
        var blocks = ImmutableArray.CreateBuilder<EnergyBlock>();
        blocks.AddRange(kept ?? []);
        foreach (var bus in buses)
        {
            while (bus.Trips.Count > 0 && !Finish(day, bookings, bus))
            {
                // No point free in eight hours: the last trip goes back to the pool of uncovered trips.
                uncovered.Add(bus.Last);
                bus.Trips.RemoveAt(bus.Trips.Count - 1);
                if (bus.Charges.Count > 0)
                {
                    // The session into the dropped trip stays booked: a point left idle, never over-booked.
                    bus.Charges.RemoveAt(bus.Charges.Count - 1);
                }

                bus.Soc = bus.Trips.Count == 0 ? 0 : BlockEnergy.AfterLastTrip(day, bus.Slot, CollectionsMarshal.AsSpan(bus.Trips), CollectionsMarshal.AsSpan(bus.Charges));
            }

            if (bus.Trips.Count > 0)
            {
                blocks.Add(new EnergyBlock(bus.Slot, [.. bus.Trips], [.. bus.Charges]));
            }
            else
            {
                left[bus.Slot] = unlimited ? left[bus.Slot] : left[bus.Slot] + 1;
            }
        }

        // Trips dropped at the end of a day go to buses of their own where vehicles are left.
        var stillUncovered = new List<int>();
        foreach (var j in uncovered.Order())
        {
            var slot = NewBusSlot(day, left, j);
            var bus = slot < 0 ? null : new Bus(slot, j, (day.Electric(slot) ? day.Ceiling(slot) - day.RunWh(slot, day.SlotDepot[slot], day.From[j]) : 0) - day.TripWh(j, slot));
            if (bus is not null && Finish(day, bookings, bus))
            {
                left[slot] = unlimited ? left[slot] : left[slot] - 1;
                blocks.Add(new EnergyBlock(bus.Slot, [.. bus.Trips], [.. bus.Charges]));
            }
            else
            {
                stillUncovered.Add(j);
            }
        }

        return new Result(blocks.ToImmutable(), [.. stillUncovered]);
    }

    /// <summary>True when a bus of slot <paramref name="c"/> with <paramref name="socAfter"/> after trip <paramref name="j"/> can end its day: straight home, or after charging near the trip's end (points not booked yet).</summary>
    private static bool CanFinish(EnergyDay day, int c, int j, long socAfter)
    {
        if (socAfter < day.Floor(c))
        {
            return false;
        }

        if (day.PullInAllowed(c, j) && (!day.Electric(c) || socAfter - day.RunWh(c, day.To[j], day.SlotDepot[c]) >= day.Floor(c)))
        {
            return true;
        }

        for (var s = 0; s < day.Sites.Length && day.Electric(c); s++)
        {
            if (day.HomeWindow(j, c, s) is { } w && day.CanGetHome(c, s, socAfter - day.RunWh(c, day.To[j], day.SiteStop[s]), w.Close - w.Open))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the bus's last session (null: straight home); false when it cannot get home.</summary>
    private static bool Finish(EnergyDay day, ChargerBookings bookings, Bus bus)
    {
        var c = bus.Slot;
        var i = bus.Last;
        if (day.PullInAllowed(c, i) && (!day.Electric(c) || bus.Soc - day.RunWh(c, day.To[i], day.SlotDepot[c]) >= day.Floor(c)))
        {
            bus.Charges.Add(null);
            return true;
        }

        for (var s = 0; s < day.Sites.Length && day.Electric(c); s++)
        {
            if (day.HomeWindow(i, c, s) is not { } w)
            {
                continue;
            }

            var arrive = bus.Soc - day.RunWh(c, day.To[i], day.SiteStop[s]);
            if (arrive < day.Floor(c))
            {
                continue;
            }

            var wanted = day.SecondsToReach(c, s, arrive, Math.Max(arrive, day.Floor(c) + day.RunWh(c, day.SiteStop[s], day.SlotDepot[c])));
            if (bookings.Earliest(s, w.Open, w.Close, wanted) is { } stop && day.CanGetHome(c, s, arrive, stop.Seconds))
            {
                bookings.Book(stop);
                bus.Charges.Add(stop);
                return true;
            }
        }

        return false;
    }

    /// <summary>True when trip <paramref name="j"/> ends nearer the depot of slot <paramref name="c"/> than any other slot's depot.</summary>
    private static bool GoesHome(EnergyDay day, int c, int j) =>
        Enumerable.Range(0, day.SlotCount).All(o => day.RunMetres(day.To[j], day.SlotDepot[c]) <= day.RunMetres(day.To[j], day.SlotDepot[o]));

    /// <summary>
    /// The slot for a new bus on trip <paramref name="j"/>: battery before diesel (cheaper per km), then
    /// the nearest depot, then the slot with the larger share of its vehicles left (so that both ends
    /// of a corridor keep buses for the last trips, which only a bus based where they end may run
    /// when the run home would be too long for a driver at night); −1 when none can.
    /// </summary>
    private static int NewBusSlot(EnergyDay day, int[] left, int j) =>
        Enumerable.Range(0, day.SlotCount)
            .Where(c => left[c] > 0 && day.CanRunAlone(j, c))
            .OrderBy(c => day.Electric(c) ? 0 : 1)
            .ThenBy(c => day.RunMetres(day.SlotDepot[c], day.From[j]) + day.RunMetres(day.To[j], day.SlotDepot[c]))
            .ThenByDescending(c => day.Slots[c].Count == 0 ? 0 : (double)Math.Min(left[c], day.Slots[c].Count) / day.Slots[c].Count)
            .ThenBy(c => c)
            .DefaultIfEmpty(-1).First();

    /// <summary>
    /// How <paramref name="bus"/> reaches trip <paramref name="j"/>: the charge at its departure and
    /// the session taken (null: straight on). Straight on when that gets it home after the trip and
    /// charging is not wanted; otherwise the session at a free point that leaves it fullest.
    /// </summary>
    private static (long Soc, ChargeStop? Stop)? Option(EnergyDay day, ChargerBookings bookings, Bus bus, int j, bool alwaysCharge, long beat)
    {
        var c = bus.Slot;
        var i = bus.Last;
        var floor = day.Floor(c);
        bool Home(long socAtDeparture) => CanFinish(day, c, j, socAtDeparture - day.TripWh(j, c));
        (long Soc, ChargeStop? Stop)? best = null;
        var straight = bus.Soc - day.RunWh(c, day.To[i], day.From[j]);
        if (straight >= floor && Home(straight))
        {
            best = (straight, null);
            if (!alwaysCharge || !day.Electric(c))
            {
                return best;
            }
        }

        if (!day.Electric(c))
        {
            return best;
        }

        for (var s = 0; s < day.Sites.Length; s++)
        {
            if (day.Window(i, j, s) is not { } w)
            {
                continue;
            }

            var arrive = bus.Soc - day.RunWh(c, day.To[i], day.SiteStop[s]);
            var back = day.RunWh(c, day.SiteStop[s], day.From[j]);
            if (arrive < floor)
            {
                continue;
            }

            // Even a free point for the whole window would not beat the best option so far: skip the bookings.
            var most = arrive + day.MaxCharge(c, s, arrive, w.Close - w.Open) - back;
            if (most <= beat || (best is { } sofar && most <= sofar.Soc) || !Home(most))
            {
                continue;
            }

            var wanted = day.SecondsToReach(c, s, arrive, day.Ceiling(c));
            if (bookings.Earliest(s, w.Open, w.Close, wanted) is not { } stop)
            {
                continue;
            }

            var soc = arrive + day.MaxCharge(c, s, arrive, stop.Seconds) - back;
            if ((best is not { } b || soc > b.Soc) && Home(soc))
            {
                best = (soc, stop);
            }
        }

        return best;
    }
}
