using System.Collections.Immutable;
using Google.OrTools.LinearSolver;
using TransitPairs.Optimization.Solving;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// A second relaxation of the battery block master, solved directly (GLOP): a time-space network per
/// vehicle type (its slots' pull-outs enter it; a bus may end at any of their depots) whose nodes carry
/// the state of charge in whole levels, rounded in the bus's favour.
/// <para>Level size L = ⌊usable window / <see cref="LevelsPerPack"/>⌋ Wh; a real charge s is read as
/// ℓ(s) = ⌈(s − floor) / L⌉. Driving E lowers the level by ⌊E / L⌋. Nodes: each stop where trips depart,
/// at each departure, per level (levels too low for any trip from there left out); each charger site on
/// a grid of δ = ⌊L / power⌋ s, per level, one level up in as many steps as the charging curve needs at
/// least over the level below (full power under the taper start, reduced above). Arcs: waiting; a trip
/// to the first departure at or after its ready time at its end, or empty to another stop, or to a site
/// (entered one level up, at the grid point at or before its arrival, and placed where the 10-minute
/// least session takes it), or home; from a grid point to a stop's first departure at or after it + the
/// run; pull-outs at the top level less the run, each slot at most its vehicles; pull-ins from the last
/// nodes when the level pays for the run home. Each trip covered once; minimise the pull-outs.</para>
/// <para>Every real block, with charger points, driver rules on the detours and the longest idle
/// relaxed, maps onto a source–sink path with "network level ≥ ℓ(real charge), network time ≤ real
/// time" all along (the proof: docs/battery.md, "Bounds"), so the LP value is at most the master LP's
/// and every plan's fleet. Only an optimal solve gives a bound, never the value of a solve the clock cut.</para>
/// </summary>
internal static class EnergyNetworkBound
{
    /// <summary>Levels a usable pack is cut into (10 kWh on a 280 kWh window).</summary>
    public const int LevelsPerPack = 28;

    /// <summary>Grid points at a charger site per level at full power.</summary>
    public const int GridPerLevel = 1;

    /// <summary>The bound and the network's size.</summary>
    /// <param name="FleetBound">The LP value rounded up.</param>
    /// <param name="LpValue">The network LP's optimum.</param>
    /// <param name="Arcs">Variables of the LP.</param>
    /// <param name="Nodes">Flow-conservation rows of the LP.</param>
    /// <param name="TripDuals">The optimum's duals of the trip-cover rows: every block is a path of the network, so none has a negative reduced cost in the block master there (slot rows aside), a stability centre for column generation.</param>
    public sealed record Result(int FleetBound, double LpValue, int Arcs, int Nodes, ImmutableArray<double> TripDuals);

    /// <summary>Builds and solves the network LP; null when GLOP did not prove an optimum within <paramref name="limit"/> (or the LP has no solution).</summary>
    /// <param name="day">The day.</param>
    /// <param name="limit">Most time for building and solving.</param>
    /// <param name="levelsPerPack">Levels the usable window is cut into.</param>
    /// <param name="glopParameters">GLOP parameters in text format (measurements).</param>
    /// <param name="gridPerLevel">Grid points at a charger site per level at full power (finer: less rounding at the entry, larger network).</param>
    /// <param name="perSlot">False (the default): one network per vehicle type, its slots' pull-outs into it, any of their depots as the end (each bus home at its own depot relaxed: a third of the CPU on a two-depot day, the same bound on the generated days of 100–1,000 trips); true: one network per slot.</param>
    public static Result? Solve(EnergyDay day, TimeSpan limit, int levelsPerPack = LevelsPerPack, string glopParameters = "", int gridPerLevel = GridPerLevel, bool perSlot = false)
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
        List<int[]> groups = perSlot
            ? [.. Enumerable.Range(0, day.SlotCount).Select(c => new[] { c })]
            : [.. Enumerable.Range(0, day.SlotCount).GroupBy(c => day.Slots[c].VehicleType).Select(g => g.ToArray())];
        foreach (var group in groups)
        {
            var slot = new SlotNetwork(day, group, levelsPerPack, gridPerLevel, lp, cover, objective);
            slot.Build();
            arcs += slot.Arcs;
            nodes += slot.Nodes;
            if (clock.Elapsed >= limit)
            {
                return null;
            }
        }

        LinearSolverSetup.SetLimit(lp, limit - clock.Elapsed);
        if (glopParameters.Length > 0)
        {
            lp.SetSolverSpecificParametersAsString(glopParameters);
        }

        if (lp.Solve() != MpSolver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        var value = objective.Value();
        return new Result((int)Math.Ceiling(value - 1e-6), value, arcs, nodes, [.. cover.Select(r => r.DualValue())]);
    }

    /// <summary>The network of one vehicle type (the slots of <c>group</c>; one slot with <c>perSlot</c>), added to the shared LP.</summary>
    private sealed class SlotNetwork(EnergyDay day, int[] group, int levelsPerPack, int gridPerLevel, MpSolver lp, Constraint[] cover, Objective objective)
    {
        /// <summary>The slot whose vehicle type (the group's) sets energies and charging.</summary>
        private readonly int c = group[0];

        private readonly bool electric = day.Electric(group[0]);
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

            // Stops: waiting, pull-out, pull-in.
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

                foreach (var slot in group)
                {
                    var depot = day.SlotDepot[slot];
                    var start = top - (x == depot ? 0 : day.HasRun(depot, x) ? Levels(day.RunWh(c, depot, x)) : top + 1);
                    if (start >= 0 && rows[0, start] is not null)
                    {
                        var pullOut = Arc(null, rows[0, start]);
                        objective.SetCoefficient(pullOut, 1);
                        Slot(slot)?.SetCoefficient(pullOut, 1);
                    }
                }

                if (HomeLevels(x) is var home and >= 0)
                {
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
                var home = HomeLevels(to);
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

                var step = Math.Max(1, (int)(level * 3600 / day.Watts(c, s) / gridPerLevel));
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
                if (HomeLevels(stop, s) is var home and >= 0)
                {
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
            stops.Keys.Concat(group.Select(slot => day.SlotDepot[slot])).Any(y => WithinDetour(x, s, y));

        /// <summary>
        /// Levels the run home from stop <paramref name="x"/> uses (the least over the group's depots; after a charge at
        /// site <paramref name="site"/> only depots within the detour limit count); −1 when no depot can be reached.
        /// </summary>
        private int HomeLevels(int x, int site = -1)
        {
            var least = int.MaxValue;
            foreach (var depot in group.Select(slot => day.SlotDepot[slot]))
            {
                if (x == depot)
                {
                    return 0;
                }

                if (day.HasRun(x, depot) && (site < 0 || Leaves(site, depot)))
                {
                    least = Math.Min(least, Levels(day.RunWh(c, x, depot)));
                }
            }

            return least == int.MaxValue ? -1 : least;
        }

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

        private readonly Dictionary<int, Constraint?> slotRows = [];

        /// <summary>The row holding slot <paramref name="slot"/>'s pull-outs to its vehicles (null when it has at least as many as trips).</summary>
        private Constraint? Slot(int slot)
        {
            if (!slotRows.TryGetValue(slot, out var row))
            {
                row = day.Slots[slot].Count < day.TripCount ? lp.MakeConstraint(double.NegativeInfinity, day.Slots[slot].Count, string.Empty) : null;
                slotRows[slot] = row;
            }

            return row;
        }

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
