using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Makes blocks chosen without charger points (the LP's) respect them: every session keeps its
/// site and duration (so its energy, which depends only on the charge at plug-in and the duration,
/// is unchanged) and may move later inside its window. Sessions are booked in order of their
/// earliest plug-in, each as early as a point is free.
/// </summary>
internal static class ChargerRetiming
{
    /// <summary>The blocks with sessions that never over-book a site, or null when some session finds no room in its window.</summary>
    public static ImmutableArray<EnergyBlock>? Retime(EnergyDay day, IReadOnlyList<EnergyBlock> blocks)
    {
        var bookings = new ChargerBookings(day);
        var charges = blocks.Select(b => b.Charges.ToArray()).ToArray();
        var sessions = blocks.SelectMany((b, k) => b.Charges.Select((s, at) => (Block: k, At: at, Stop: s)))
            .Where(x => x.Stop is not null)
            .Select(x => (x.Block, x.At, Stop: x.Stop!.Value))
            .OrderBy(x => x.Stop.Start).ThenBy(x => x.Block).ToList();
        foreach (var (k, at, stop) in sessions)
        {
            var block = blocks[k];
            if (day.WindowAfter(block.Trips.AsSpan(), at, block.Slot, stop.Site) is not { } window)
            {
                return null;
            }

            var moved = bookings.Earliest(stop.Site, Math.Max(window.Open, stop.Start), window.Close, stop.Seconds);
            if (moved is not { } booked || booked.Seconds < stop.Seconds)
            {
                return null;
            }

            bookings.Book(booked);
            charges[k][at] = booked;
        }

        return [.. blocks.Select((b, k) => b with { Charges = [.. charges[k]] })];
    }
}
