using TransitPairs.Places;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Battery;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// The integer view of a <see cref="BatterySchedulingProblem"/> that the block methods share:
/// trips in departure order with times in seconds and stops as indexes, empty runs as tables,
/// fleet slots (depot × vehicle type) with their pack window in Wh, charger sites with their stop,
/// every direct connection between trips, and the charging curve of <see cref="ChargingRules"/>
/// (full power to the taper threshold, reduced power above, never past the usable ceiling).
/// </summary>
internal sealed class EnergyDay
{
    /// <summary>
    /// Longest detour to a charger between two trips, metres (20 km): a depot beside the terminal
    /// qualifies, a charger at the far end of the corridor does not.
    /// </summary>
    public const int MaxChargingDetourMetres = 20_000;

    private readonly int[,] runSeconds;
    private readonly int[,] runMetres;
    private readonly long[,] tripWh;

    public EnergyDay(BatterySchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        Trips = [.. problem.Schedule.Trips.OrderBy(t => t.Departure).ThenBy(t => t.TripId, StringComparer.Ordinal)];
        Slots = [.. problem.Fleet];
        Sites = [.. problem.Chargers];
        var stops = Trips.SelectMany(t => new[] { t.FromStop, t.ToStop })
            .Concat(problem.Schedule.Depots.Select(d => d.Stop))
            .Concat(Sites.Select(s => s.Place))
            .Distinct(StringComparer.Ordinal).ToList();
        Stops = [.. stops];
        var index = Enumerable.Range(0, Stops.Length).ToDictionary(k => Stops[k], StringComparer.Ordinal);
        runSeconds = new int[Stops.Length, Stops.Length];
        runMetres = new int[Stops.Length, Stops.Length];
        for (var a = 0; a < Stops.Length; a++)
        {
            for (var b = 0; b < Stops.Length; b++)
            {
                var ok = problem.Schedule.Deadheads.TryGet(Stops[a], Stops[b], out var run);
                runSeconds[a, b] = ok ? run.DurationSeconds : -1;
                runMetres[a, b] = ok ? run.DistanceMetres : -1;
            }
        }

        var n = Trips.Length;
        Departure = [.. Trips.Select(t => t.Departure.TotalSeconds)];
        Arrival = [.. Trips.Select(t => t.Arrival.TotalSeconds)];
        From = [.. Trips.Select(t => index[t.FromStop])];
        To = [.. Trips.Select(t => index[t.ToStop])];
        TripMetres = [.. Trips.Select(t => problem.TripDistanceMetres[t.TripId])];
        SlotDepot = [.. Slots.Select(s => index[problem.Schedule.Depots.First(d => d.DepotId == s.Depot).Stop])];
        SiteStop = [.. Sites.Select(s => index[s.Place])];
        MinLayoverSeconds = problem.Schedule.Rules.MinLayoverSeconds;
        MinPlugSeconds = Math.Max(1, problem.Charging.MinPlugInSeconds);
        tripWh = new long[n, Slots.Length];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < Slots.Length; c++)
            {
                tripWh[i, c] = DrivingWh(c, TripMetres[i], Arrival[i] - Departure[i]);
            }
        }

        Successors = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var list = new List<int>();
            for (var j = i + 1; j < n; j++)
            {
                if (Connects(i, j))
                {
                    list.Add(j);
                }
            }

            // Trips are in departure order, so j > i covers every later trip; equal departures
            // cannot follow each other (a trip takes time), so nothing before i is missed.
            Successors[i] = [.. list];
        }
    }

    public BatterySchedulingProblem Problem { get; }

    public ScheduledTrip[] Trips { get; }

    public string[] Stops { get; }

    public FleetSlot[] Slots { get; }

    public ChargerSite[] Sites { get; }

    /// <summary>Departure of each trip, seconds of the service day.</summary>
    public int[] Departure { get; }

    /// <summary>Arrival of each trip, seconds of the service day.</summary>
    public int[] Arrival { get; }

    public int[] From { get; }

    public int[] To { get; }

    public int[] TripMetres { get; }

    /// <summary>The stop index of each slot's depot.</summary>
    public int[] SlotDepot { get; }

    public int[] SiteStop { get; }

    public int MinLayoverSeconds { get; }

    /// <summary>Shortest charging session, seconds (at least 1).</summary>
    public int MinPlugSeconds { get; }

    /// <summary>For each trip, the later trips the same vehicle can run next (empty run and layover fit).</summary>
    public int[][] Successors { get; }

    public int TripCount => Trips.Length;

    public int SlotCount => Slots.Length;

    public bool Electric(int c) => Slots[c].VehicleType.Battery is not null;

    /// <summary>Usable ceiling of slot <paramref name="c"/>'s pack, Wh; a large number for diesel.</summary>
    public long Ceiling(int c) => Slots[c].VehicleType.Battery?.CeilingWh ?? long.MaxValue / 4;

    /// <summary>Usable floor of slot <paramref name="c"/>'s pack, Wh; 0 for diesel.</summary>
    public long Floor(int c) => Slots[c].VehicleType.Battery?.FloorWh ?? 0;

    public int RunSeconds(int from, int to) => runSeconds[from, to];

    public int RunMetres(int from, int to) => runMetres[from, to];

    public bool HasRun(int from, int to) => runSeconds[from, to] >= 0;

    /// <summary>
    /// True when the empty run <paramref name="from"/> → <paramref name="to"/> exists and may start at
    /// <paramref name="start"/> under the problem's driver rules (a run home after a late charge may
    /// be too long for one driver at night); a stop to itself is no run.
    /// </summary>
    public bool RunAllowed(int from, int to, int start) =>
        runSeconds[from, to] >= 0 && (from == to || Problem.EmptyRunAllowed(start, runSeconds[from, to]));

    /// <summary>True when a bus of slot <paramref name="c"/> can pull out of its depot to trip <paramref name="j"/>, arriving at its departure.</summary>
    public bool PullOutAllowed(int c, int j) =>
        HasRun(SlotDepot[c], From[j]) && RunAllowed(SlotDepot[c], From[j], Departure[j] - runSeconds[SlotDepot[c], From[j]]);

    /// <summary>True when a bus of slot <paramref name="c"/> can run home straight after trip <paramref name="i"/> (energy aside).</summary>
    public bool PullInAllowed(int c, int i) => RunAllowed(To[i], SlotDepot[c], Arrival[i]);

    public long TripWh(int i, int c) => tripWh[i, c];

    /// <summary>Energy of the empty run <paramref name="from"/> → <paramref name="to"/> on slot <paramref name="c"/>, Wh (0 for diesel).</summary>
    public long RunWh(int c, int from, int to) => DrivingWh(c, runMetres[from, to], runSeconds[from, to]);

    /// <summary>Energy over a distance and a driving time, Wh, as <see cref="BatteryScheduler.DrivingWh"/>.</summary>
    public long DrivingWh(int c, int metres, int seconds) => BatteryScheduler.DrivingWh(Problem, Slots[c].VehicleType, metres, seconds);

    /// <summary>True when a vehicle that ran <paramref name="i"/> can run <paramref name="j"/> next.</summary>
    public bool Connects(int i, int j)
    {
        var run = runSeconds[To[i], From[j]];
        if (run < 0 || Arrival[i] + MinLayoverSeconds + run > Departure[j] || !RunAllowed(To[i], From[j], Arrival[i]))
        {
            return false;
        }

        return Problem.Schedule.Rules.MaxIdleSeconds is not { } maxIdle || Departure[j] - Arrival[i] - run <= maxIdle;
    }

    /// <summary>True when slot <paramref name="c"/> can run trip <paramref name="i"/> alone: out of its depot full, back above the floor.</summary>
    public bool CanRunAlone(int i, int c)
    {
        var depot = SlotDepot[c];
        if (!PullOutAllowed(c, i) || !HasRun(To[i], depot))
        {
            return false;
        }

        var after = Ceiling(c) - RunWh(c, depot, From[i]) - TripWh(i, c);
        if (after < Floor(c))
        {
            return false;
        }

        if (PullInAllowed(c, i) && after - RunWh(c, To[i], depot) >= Floor(c))
        {
            return true;
        }

        // Or charge near the trip's end before running home.
        for (var s = 0; s < Sites.Length && Electric(c); s++)
        {
            if (HomeWindow(i, c, s) is { } w && CanGetHome(c, s, after - RunWh(c, To[i], SiteStop[s]), w.Close - w.Open))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a bus of slot <paramref name="c"/> reaching site <paramref name="s"/> with <paramref name="arriveWh"/> gets home above the floor after charging at most <paramref name="seconds"/>.</summary>
    public bool CanGetHome(int c, int s, long arriveWh, int seconds) =>
        arriveWh >= Floor(c) && arriveWh + MaxCharge(c, s, arriveWh, seconds) - RunWh(c, SiteStop[s], SlotDepot[c]) >= Floor(c);

    /// <summary>
    /// The charging window of site <paramref name="s"/> between trips <paramref name="i"/> and
    /// <paramref name="j"/>: arrival at the site and the latest time to leave it, seconds; null
    /// when the site cannot be reached, the detour is too long, or the window is shorter than a session.
    /// </summary>
    public (int Open, int Close)? Window(int i, int j, int s)
    {
        var site = SiteStop[s];
        var there = runSeconds[To[i], site];
        var back = runSeconds[site, From[j]];
        if (there < 0 || back < 0
            || runMetres[To[i], site] + runMetres[site, From[j]] - runMetres[To[i], From[j]] > MaxChargingDetourMetres)
        {
            return null;
        }

        var open = Arrival[i] + there;
        var close = Departure[j] - back;
        return close - open >= MinPlugSeconds && RunAllowed(To[i], site, Arrival[i]) && RunAllowed(site, From[j], close) ? (open, close) : null;
    }

    /// <summary>Longest charging session before the pull-in, seconds (8 h): the night is not planned.</summary>
    public const int MaxHomeChargeSeconds = 8 * 3600;

    /// <summary>Step, seconds, at which the end of a charge before the pull-in is tried against the driver rules.</summary>
    private const int HomeRunStepSeconds = 60;

    // Filled lazily; concurrent because the network bound and the rounding worker read the day on threads of their own.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Trip, int Depot, int Site), (int Open, int Close)?> homeWindows = new();

    /// <summary>
    /// The window of site <paramref name="s"/> after trip <paramref name="i"/>, the last of a block of
    /// slot <paramref name="c"/>, before its pull-in: arrival at the site and at most
    /// <see cref="MaxHomeChargeSeconds"/> later, cut where the run home starting at the session's end
    /// would break the driver rules; null when the site or the depot from it cannot be reached, the
    /// detour is too long, or no session fits before the run home becomes too long for a driver.
    /// </summary>
    public (int Open, int Close)? HomeWindow(int i, int c, int s)
    {
        var site = SiteStop[s];
        var depot = SlotDepot[c];
        if (homeWindows.TryGetValue((i, depot, s), out var cached))
        {
            return cached;
        }

        (int Open, int Close)? window = null;
        if (runSeconds[To[i], site] >= 0 && runSeconds[site, depot] >= 0 && runSeconds[To[i], depot] >= 0
            && runMetres[To[i], site] + runMetres[site, depot] - runMetres[To[i], depot] <= MaxChargingDetourMetres
            && RunAllowed(To[i], site, Arrival[i]))
        {
            var open = Arrival[i] + runSeconds[To[i], site];
            var close = open + MaxHomeChargeSeconds;
            if (Problem.Drivers is not null)
            {
                // The session may end anywhere in the window, so the run home must be allowed from every end: stop at the first that is not.
                var last = open;
                while (last + HomeRunStepSeconds <= close && RunAllowed(site, depot, last + HomeRunStepSeconds))
                {
                    last += HomeRunStepSeconds;
                }

                close = RunAllowed(site, depot, open) ? last : open;
            }

            window = close - open >= MinPlugSeconds ? (open, close) : null;
        }

        homeWindows[(i, depot, s)] = window;
        return window;
    }

    /// <summary>The window of site <paramref name="s"/> after the <paramref name="k"/>-th trip of <paramref name="trips"/> (the home window after the last).</summary>
    public (int Open, int Close)? WindowAfter(ReadOnlySpan<int> trips, int k, int c, int s) =>
        k + 1 < trips.Length ? Window(trips[k], trips[k + 1], s) : HomeWindow(trips[k], c, s);

    /// <summary>Charging power of site <paramref name="s"/> into slot <paramref name="c"/>'s pack, watts.</summary>
    public double Watts(int c, int s) => Math.Min(Sites[s].PowerKw, Slots[c].VehicleType.Battery!.MaxChargingPowerKw) * 1000;

    /// <summary>
    /// Most energy slot <paramref name="c"/>'s pack takes at site <paramref name="s"/> in
    /// <paramref name="seconds"/> from <paramref name="fromWh"/>, Wh (the charging curve, floored).
    /// </summary>
    public long MaxCharge(int c, int s, long fromWh, int seconds)
    {
        var battery = Slots[c].VehicleType.Battery!;
        var watts = Watts(c, s);
        var threshold = battery.PackKwh * 10 * Problem.Charging.TaperStartPercent;
        double soc = fromWh;
        double left = seconds;
        if (soc < threshold)
        {
            var spent = Math.Min(left, (threshold - soc) * 3600 / watts);
            soc += watts * spent / 3600;
            left -= spent;
        }

        soc += watts * Problem.Charging.TaperPowerPercent / 100 * left / 3600;
        return Math.Max(0, (long)Math.Floor(Math.Min(soc, Math.Max(battery.CeilingWh, fromWh)) - fromWh));
    }

    /// <summary>
    /// Shortest session (seconds, at least the minimum plug-in time) that brings the pack from
    /// <paramref name="fromWh"/> to <paramref name="targetWh"/>; int.MaxValue above the ceiling.
    /// </summary>
    public int SecondsToReach(int c, int s, long fromWh, long targetWh)
    {
        if (targetWh > Ceiling(c))
        {
            return int.MaxValue;
        }

        if (MaxCharge(c, s, fromWh, MinPlugSeconds) >= targetWh - fromWh)
        {
            return MinPlugSeconds;
        }

        int low = MinPlugSeconds, high = MinPlugSeconds;
        while (MaxCharge(c, s, fromWh, high) < targetWh - fromWh)
        {
            if (high > 2 * 86_400)
            {
                return int.MaxValue;
            }

            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (MaxCharge(c, s, fromWh, mid) >= targetWh - fromWh)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }
}
