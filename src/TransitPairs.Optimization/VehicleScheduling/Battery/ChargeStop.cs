namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>A charging session between two trips of a block: charger site index, plug-in and plug-out, seconds of the service day.</summary>
/// <param name="Site">Index of the site in <see cref="EnergyDay.Sites"/>.</param>
/// <param name="Start">Plug-in, seconds.</param>
/// <param name="End">Plug-out, seconds (after <paramref name="Start"/> by at least the minimum plug-in time).</param>
internal readonly record struct ChargeStop(int Site, int Start, int End)
{
    public int Seconds => End - Start;
}
