namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The constructive plan built block by block instead of trip by trip: each step gives one more bus
/// (from a slot with vehicles left) the block that covers the most trips still open, found by the
/// pricing label search (<see cref="BlockPricing"/>, exact) with a value on every open trip and a
/// prohibitive one on those taken; its sessions last as short as they can
/// (<see cref="BlockEnergy.Shortest"/>) and are booked at free points (moved later inside their
/// windows when a point is taken). A trip-by-trip plan hands the day's early trips to the first
/// buses out, and may leave the last trips of a corridor day to no bus of the depot they end at; a
/// whole block at a time sees the day's end when it takes its first trip. Among blocks of as many
/// trips, the one with the later trips wins (the ends of the day are the scarce part). Trips no
/// block takes are offered to the trip-by-trip plan with these blocks kept.
/// </summary>
internal static class BlockByBlockPlan
{
    /// <summary>Value of a trip already taken: no block goes through it.</summary>
    private const double Taken = -1e6;

    /// <summary>Paths tried per slot and step when the best one cannot book its sessions.</summary>
    private const int PathsPerStep = 8;

    /// <summary>Builds the plan within the slots' vehicle counts.</summary>
    /// <param name="day">The day.</param>
    /// <param name="pricing">The label search over the day's connections.</param>
    public static GreedyBatteryPlan.Result Build(EnergyDay day, BlockPricing pricing)
    {
        var n = day.TripCount;
        var left = day.Slots.Select(s => s.Count).ToArray();
        var open = Enumerable.Repeat(true, n).ToArray();
        var bookings = new ChargerBookings(day);
        var blocks = new List<EnergyBlock>();
        var values = new double[n];
        while (open.Any(o => o))
        {
            for (var j = 0; j < n; j++)
            {
                values[j] = open[j] ? 1 : Taken;
            }

            EnergyBlock? chosen = null;
            var chosenValue = double.NegativeInfinity;
            for (var c = 0; c < day.SlotCount; c++)
            {
                if (left[c] <= 0)
                {
                    continue;
                }

                foreach (var path in pricing.Price(c, values, 0, PathsPerStep, int.MaxValue).Paths.OrderBy(p => p.ReducedCost))
                {
                    // Reduced cost 1 − Σ values: the path's value is 1 − reduced cost.
                    var value = 1 - path.ReducedCost;
                    if (value <= chosenValue + 1e-9)
                    {
                        break;
                    }

                    if (BlockEnergy.Shortest(day, c, path.Trips, path.Sites.AsSpan()) is { } block && Book(day, bookings, block, commit: false) is not null)
                    {
                        (chosen, chosenValue) = (block, value);
                        break;
                    }
                }
            }

            if (chosen is null)
            {
                break;
            }

            var booked = Book(day, bookings, chosen, commit: true)!;
            blocks.Add(booked);
            left[booked.Slot]--;
            foreach (var i in booked.Trips)
            {
                open[i] = false;
            }
        }

        return blocks.Count == 0 || open.Any(o => o)
            ? GreedyBatteryPlan.Build(day, GreedyRule.MostCharge, kept: blocks)
            : new GreedyBatteryPlan.Result([.. blocks], []);
    }

    /// <summary>The block with each session at a free point (same site and duration, plugging in as early as one is free in its window); null when one finds no room.</summary>
    private static EnergyBlock? Book(EnergyDay day, ChargerBookings bookings, EnergyBlock block, bool commit)
    {
        var charges = block.Charges.ToArray();
        var tried = new List<ChargeStop>();
        for (var k = 0; k < charges.Length; k++)
        {
            if (charges[k] is not { } stop)
            {
                continue;
            }

            if (day.WindowAfter(block.Trips.AsSpan(), k, block.Slot, stop.Site) is not { } window
                || bookings.Earliest(stop.Site, Math.Max(window.Open, stop.Start), window.Close, stop.Seconds) is not { } moved
                || moved.Seconds < stop.Seconds)
            {
                return null;
            }

            tried.Add(moved);
            charges[k] = moved;
        }

        if (commit)
        {
            foreach (var stop in tried)
            {
                bookings.Book(stop);
            }
        }

        return block with { Charges = [.. charges] };
    }
}
