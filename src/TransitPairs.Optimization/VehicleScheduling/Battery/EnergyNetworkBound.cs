using Google.OrTools.LinearSolver;
using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// A second relaxation of the battery block master, solved directly (GLOP): a time-space network
/// per fleet slot whose nodes carry the state of charge in whole levels, rounded in the bus's favour.
/// <para>Per slot c with usable window U (ceiling − floor) and level size L = U / <see cref="LevelsPerPack"/>
/// (Wh), a real charge s is read as level ℓ(s) = ⌈(s − floor) / L⌉ (0 … top). Driving energy E lowers
/// the level by ⌊E / L⌋; a charger site adds one level per δ = ⌊L / power⌋ seconds (full power all the
/// way: the taper above 80 % is ignored) up to the top. Nodes: each stop where trips depart, at each
/// departure, per level (a bus ready there, arrival + least layover, waits for the next departure); each charger site on a grid of
/// δ, per level. Arcs: waiting along a stop's times; charging along a site's grid; a trip from its
/// departure node, ending at the first departure node at or after its ready time (home from there when none is left), or empty to another stop's first time at or after
/// ready + run, or to a site's grid point at or before its arrival there; from a site's grid point g to
/// a stop's first time at or after g − δ + 1 + run; pull-out from the slot's source (top level, minus
/// the run) to each stop's first time; pull-in from each stop's and each site's last node, when the
/// level pays for the run home. Rows: each trip covered once (summed over its arcs and levels), flow
/// conservation at every node, each slot's source at most its vehicles. Objective: the vehicles.</para>
/// <para>Why it bounds every plan: for a real block, the invariant "network level ≥ ℓ(real charge)"
/// holds along its path, since ⌈x − e⌉ ≤ ⌈x⌉ − ⌊e⌋ (driving) and a session of t seconds gains at most
/// power · t, at most ⌈t / δ⌉ levels (charging); and every time on the path is at or before the real
/// one (departure nodes, grid points rounded down, runs from a site counted from a grid point δ earlier).
/// So every block, charger points, the 10-minute least session, the taper, the detour's driver rules
/// and the longest idle all relaxed, is a source–sink path, every plan a flow of its fleet, and every
/// column of the master too: the LP value is at most the master LP's and every plan's fleet. Only an
/// optimal solve gives a bound (never the value of a solve the clock cut).</para>
/// </summary>
internal static class EnergyNetworkBound
{
    /// <summary>Levels a usable pack is cut into (10 kWh on a 280 kWh window).</summary>
    public const int LevelsPerPack = 28;

    /// <summary>The bound and the network's size.</summary>
    /// <param name="FleetBound">The LP value rounded up.</param>
    /// <param name="LpValue">The network LP's optimum.</param>
    /// <param name="Arcs">Variables of the LP.</param>
    /// <param name="Nodes">Flow-conservation rows of the LP.</param>
    public sealed record Result(int FleetBound, double LpValue, int Arcs, int Nodes);

    /// <summary>Builds and solves the network LP; null when GLOP did not prove an optimum within <paramref name="limit"/> (or the LP has no solution).</summary>
    public static Result? Solve(EnergyDay day, TimeSpan limit, int levelsPerPack = LevelsPerPack)
    {
        ArgumentNullException.ThrowIfNull(day);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var lp = MpSolver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        lp.SuppressOutput();
        var objective = lp.Objective();
        objective.SetMinimization();
        var n = day.TripCount;
        var cover = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            cover[i] = lp.MakeConstraint(1, 1, string.Empty);
        }

        var arcs = 0;
        var nodes = 0;
        for (var c = 0; c < day.SlotCount; c++)
        {
            var slot = new SlotNetwork(day, c, levelsPerPack, lp, cover, objective);
            slot.Build();
            arcs += slot.Arcs;
            nodes += slot.Nodes;
            if (clock.Elapsed >= limit)
            {
                return null;
            }
        }

        LinearSolverSetup.SetLimit(lp, limit - clock.Elapsed);
        if (lp.Solve() != MpSolver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        var value = objective.Value();
        return new Result((int)Math.Ceiling(value - 1e-6), value, arcs, nodes);
    }

    /// <summary>The network of one fleet slot, added to the shared LP.</summary>
    private sealed class SlotNetwork(EnergyDay day, int c, int levelsPerPack, MpSolver lp, Constraint[] cover, Objective objective)
    {
        private readonly bool electric = day.Electric(c);
        private long level;
        private int top;

        /// <summary>Stops where trips depart: their sorted times (departures and ready times) and the first row of their nodes.</summary>
        private readonly Dictionary<int, (int[] Times, Constraint[,] Rows)> stops = [];

        /// <summary>Per site: grid start, step δ and rows (grid × level); null rows where the slot cannot charge there.</summary>
        private (int Start, int Step, Constraint[,] Rows, int[] Steps, int LeastSteps)?[] sites = [];

        public int Arcs { get; private set; }

        public int Nodes { get; private set; }

        private int Levels(long wh) => electric ? (int)(wh / level) : 0;

        private int Ready(int i) => day.Arrival[i] + day.MinLayoverSeconds;

        public void Build()
        {
            level = electric ? Math.Max(1, (day.Ceiling(c) - day.Floor(c)) / levelsPerPack) : 1;
            top = electric ? (int)((day.Ceiling(c) - day.Floor(c) + level - 1) / level) : 0;
            var n = day.TripCount;
            var departing = Enumerable.Range(0, n).Select(j => day.From[j]).Distinct().ToList();
            foreach (var x in departing)
            {
                // Departures only: a bus that arrives waits for the next one (or goes home from the last).
                var times = Enumerable.Range(0, n).Where(j => day.From[j] == x).Select(j => day.Departure[j])
                    .Distinct().Order().ToArray();
                // Below the least energy of a trip from x, a bus there can only go home: no nodes (it goes home from its last trip).
                var lowest = Enumerable.Range(0, n).Where(j => day.From[j] == x).Min(j => Levels(day.TripWh(j, c)));
                stops[x] = (times, MakeRows(times.Length, lowest));
            }

            BuildSites(departing);
            var source = Slot(c);

            // Stops: waiting, pull-out, pull-in.
            var depot = day.SlotDepot[c];
            foreach (var (x, (times, rows)) in stops)
            {
                for (var k = 0; k + 1 < times.Length; k++)
                {
                    for (var a = 0; a <= top; a++)
                    {
                        if (rows[k, a] is not null)
                        {
                            Arc(rows[k, a], rows[k + 1, a]);
                        }
                    }
                }

                if (x == depot || day.HasRun(depot, x))
                {
                    var start = top - (x == depot ? 0 : Levels(day.RunWh(c, depot, x)));
                    if (start >= 0 && rows[0, start] is not null)
                    {
                        var pullOut = Arc(null, rows[0, start]);
                        objective.SetCoefficient(pullOut, 1);
                        source?.SetCoefficient(pullOut, 1);
                    }
                }

                if (x == depot || day.HasRun(x, depot))
                {
                    var home = x == depot ? 0 : Levels(day.RunWh(c, x, depot));
                    for (var a = home; a <= top; a++)
                    {
                        if (rows[times.Length - 1, a] is not null)
                        {
                            Arc(rows[times.Length - 1, a], null);
                        }
                    }
                }
            }

            // Trips: from the departure node to the next departure node at the trip's end, or on to another stop or a site, or home.
            var reach = new bool[day.Stops.Length, day.Sites.Length];
            for (var x = 0; x < day.Stops.Length; x++)
            {
                for (var s = 0; s < day.Sites.Length; s++)
                {
                    reach[x, s] = sites[s] is not null && day.HasRun(x, day.SiteStop[s]) && Reaches(x, s);
                }
            }

            for (var j = 0; j < n; j++)
            {
                var (fromTimes, fromRows) = stops[day.From[j]];
                var at = Array.BinarySearch(fromTimes, day.Departure[j]);
                var used = Levels(day.TripWh(j, c));
                var to = day.To[j];
                var ready = Ready(j);

                // Where the trip may end: a node and the levels the run there uses.
                var ends = new List<(Constraint[,] Rows, int K, int Used)>();
                var stay = stops.TryGetValue(to, out var here) ? FirstAtOrAfter(here.Times, ready) : -1;
                if (stay >= 0)
                {
                    ends.Add((here.Rows, stay, 0));
                }

                foreach (var (y, (times, rows)) in stops)
                {
                    if (y != to && day.HasRun(to, y) && FirstAtOrAfter(times, ready + day.RunSeconds(to, y)) is var k and >= 0)
                    {
                        ends.Add((rows, k, Levels(day.RunWh(c, to, y))));
                    }
                }

                var plugs = new List<(int Site, int Grid, int Used)>();
                for (var s = 0; s < sites.Length; s++)
                {
                    if (reach[to, s] && sites[s] is { } site)
                    {
                        plugs.Add((s, (day.Arrival[j] + day.RunSeconds(to, day.SiteStop[s]) - site.Start) / site.Step, Levels(day.RunWh(c, to, day.SiteStop[s]))));
                    }
                }

                // Home from the trip's end at once: after the stop's last departure (or where none leaves), or with too little charge for a trip from there.
                var home = to == depot || day.HasRun(to, depot) ? (to == depot ? 0 : Levels(day.RunWh(c, to, depot))) : -1;
                for (var a = used; a <= top; a++)
                {
                    var after = a - used;
                    foreach (var (rows, k, run) in ends)
                    {
                        if (after >= run && rows[k, after - run] is not null)
                        {
                            cover[j].SetCoefficient(Arc(fromRows[at, a], rows[k, after - run]), 1);
                        }
                    }

                    foreach (var (site, grid, run) in plugs)
                    {
                        if (after >= run)
                        {
                            var (g, b) = Plugged(site, grid, after - run);
                            cover[j].SetCoefficient(Arc(fromRows[at, a], sites[site]!.Value.Rows[g, b]), 1);
                        }
                    }

                    if (home >= 0 && after >= home && (stay < 0 || here.Rows[stay, after] is null))
                    {
                        cover[j].SetCoefficient(Arc(fromRows[at, a], null), 1);
                    }
                }
            }
        }

        /// <summary>Charger sites: a grid of δ from the first arrival there to a full charge after the last.</summary>
        private void BuildSites(List<int> departing)
        {
            sites = new (int, int, Constraint[,], int[], int)?[day.Sites.Length];
            if (!electric)
            {
                return;
            }

            var depot = day.SlotDepot[c];
            for (var s = 0; s < day.Sites.Length; s++)
            {
                var stop = day.SiteStop[s];
                var entries = Enumerable.Range(0, day.TripCount)
                    .Where(i => day.HasRun(day.To[i], stop) && Reaches(day.To[i], s))
                    .Select(i => day.Arrival[i] + day.RunSeconds(day.To[i], stop)).ToList();
                if (entries.Count == 0)
                {
                    continue;
                }

                var step = Math.Max(1, (int)(level * 3600 / day.Watts(c, s)));
                var steps = StepsPerLevel(s, step);
                var start = entries.Min();
                var count = ((entries.Max() - start) / step) + steps.Sum() + (day.MinPlugSeconds / step) + 2;
                var rows = MakeRows(count, 0);
                sites[s] = (start, step, rows, steps, Math.Max(0, day.MinPlugSeconds / step));
                for (var g = 0; g + 1 < count; g++)
                {
                    for (var a = 0; a <= top; a++)
                    {
                        if (a < top && g + steps[a] < count)
                        {
                            Arc(rows[g, a], rows[g + steps[a], a + 1]);
                        }

                        if (a == top || steps[a] > 1)
                        {
                            Arc(rows[g, a], rows[g + 1, a]);
                        }
                    }
                }

                // On to a stop where trips depart, leaving at the grid point (a session ending between two points leaves from the earlier).
                foreach (var y in departing)
                {
                    if (!day.HasRun(stop, y) || !Leaves(s, y))
                    {
                        continue;
                    }

                    var (times, stopRows) = stops[y];
                    var used = Levels(day.RunWh(c, stop, y));
                    for (var g = 0; g < count; g++)
                    {
                        var k = FirstAtOrAfter(times, start + (g * step) + day.RunSeconds(stop, y));
                        if (k < 0)
                        {
                            break;
                        }

                        for (var a = used; a <= top; a++)
                        {
                            if (stopRows[k, a - used] is not null)
                            {
                                Arc(rows[g, a], stopRows[k, a - used]);
                            }
                        }
                    }
                }

                // Home after charging, from the grid's end (the most charge any wait there gives).
                if (stop == depot || (day.HasRun(stop, depot) && Leaves(s, depot)))
                {
                    var home = stop == depot ? 0 : Levels(day.RunWh(c, stop, depot));
                    for (var a = home; a <= top; a++)
                    {
                        Arc(rows[count - 1, a], null);
                    }
                }
            }
        }

        /// <summary>
        /// Grid steps (of <paramref name="step"/>) for one level more from each level p: the least time the charging curve
        /// takes over the level below p, [floor + (p − 1) L, floor + p L] (full power under the taper start,
        /// reduced power above), rounded down to whole steps, at least one.
        /// </summary>
        private int[] StepsPerLevel(int s, int step)
        {
            var watts = day.Watts(c, s);
            var taper = day.Slots[c].VehicleType.Battery!.PackKwh * 10 * day.Problem.Charging.TaperStartPercent;
            var reduced = watts * day.Problem.Charging.TaperPowerPercent / 100;
            var steps = new int[top + 1];
            for (var p = 0; p <= top; p++)
            {
                var low = day.Floor(c) + ((p - 1) * level);
                var high = low + level;
                var full = Math.Clamp(taper - low, 0, level);
                var seconds = (full * 3600 / watts) + ((high - low - full) * 3600 / reduced);
                steps[p] = Math.Max(1, (int)Math.Floor(seconds / step));
            }

            return steps;
        }

        /// <summary>
        /// Where a bus arriving at site <paramref name="s"/> (grid point <paramref name="grid"/>, level <paramref name="a"/>) enters its
        /// chain: a session lasts at least the least plug-in time, so the bus is placed where charging that long takes it,
        /// one level up first (a real charge just under a level's top) and then level by level along the chain's steps.
        /// </summary>
        private (int Grid, int Level) Plugged(int s, int grid, int a)
        {
            var site = sites[s]!.Value;
            var left = site.LeastSteps;
            var b = Math.Min(top, a + 1);
            while (b < top && site.Steps[b] <= left)
            {
                left -= site.Steps[b];
                b++;
            }

            return (grid + site.LeastSteps - left, b);
        }

        /// <summary>True when some stop or the slot's depot lies within the detour limit after site <paramref name="s"/> reached from <paramref name="x"/> (as <see cref="EnergyDay.Window"/> and <see cref="EnergyDay.HomeWindow"/> require).</summary>
        private bool Reaches(int x, int s) =>
            stops.Keys.Append(day.SlotDepot[c]).Any(y => WithinDetour(x, s, y));

        /// <summary>True when some stop trips arrive at lies within the detour limit before site <paramref name="s"/> on the way to <paramref name="y"/>.</summary>
        private bool Leaves(int s, int y) =>
            Enumerable.Range(0, day.TripCount).Select(i => day.To[i]).Distinct().Any(x => WithinDetour(x, s, y));

        private bool WithinDetour(int x, int s, int y)
        {
            var site = day.SiteStop[s];
            return day.HasRun(x, site) && day.HasRun(site, y)
                && day.RunMetres(x, site) + day.RunMetres(site, y) - day.RunMetres(x, y) <= EnergyDay.MaxChargingDetourMetres;
        }

        private static int FirstAtOrAfter(int[] times, int t)
        {
            var k = Array.BinarySearch(times, t);
            k = k >= 0 ? k : ~k;
            return k < times.Length ? k : -1;
        }

        private Constraint? Slot(int slot) =>
            day.Slots[slot].Count < day.TripCount ? lp.MakeConstraint(double.NegativeInfinity, day.Slots[slot].Count, string.Empty) : null;

        /// <summary>Nodes of <paramref name="count"/> times at the levels from <paramref name="lowest"/> up (null below).</summary>
        private Constraint[,] MakeRows(int count, int lowest)
        {
            var rows = new Constraint[count, top + 1];
            for (var k = 0; k < count; k++)
            {
                for (var a = lowest; a <= top; a++)
                {
                    rows[k, a] = lp.MakeConstraint(0, 0, string.Empty);
                }
            }

            Nodes += count * (top + 1 - lowest);
            return rows;
        }

        /// <summary>A flow variable leaving <paramref name="from"/> and entering <paramref name="to"/> (null: the source or the sink).</summary>
        private Variable Arc(Constraint? from, Constraint? to)
        {
            var x = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            from?.SetCoefficient(x, -1);
            to?.SetCoefficient(x, 1);
            Arcs++;
            return x;
        }
    }
}
