using System.Diagnostics;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// A multiple-depot schedule that does not wait for the LP: Lagrangean relaxation of "a vehicle
/// returns to the depot it left from" (a price per trip and depot) and of the depot vehicle limits
/// (a price per depot vehicle). Every step is one min-cost flow on the super-depot network
/// (<see cref="NetworkSimplex"/>, warm-started from the step before): each connection, pull-out
/// and pull-in arc carries a depot label and costs its own cost plus the price of the depot it
/// enters a trip for, minus the price of the depot it leaves a trip for, the cheapest label chosen
/// per arc. All prices zero give the super-depot flow; subgradient steps raise the price of a
/// depot at a trip that a block enters for that depot and leaves for another, until blocks keep
/// one depot (the Lagrangean dual is the LP bound, and every step's value is a lower bound). Then
/// <b>Lagrangean dives</b>: fix the depot of the trips whose labels (averaged over recent steps)
/// are most settled, a fifth of the open trips every few steps, the flow keeping fixed trips to
/// their depot; when every trip is fixed, each depot is scheduled exactly and improved by block moves (<see cref="DepotReassignment"/>). Each further
/// dive starts again from the relaxation, fixing more slowly. Deterministic: the same steps in the
/// same order whatever the clock, which only decides where it stops; a longer run only adds steps.
/// </summary>
internal sealed class LagrangeanDepotHeuristic
{
    /// <summary>Weight of the latest labels in the averaged trip shares.</summary>
    private const double AverageWeight = 0.3;

    /// <summary>Steps without a better Lagrangean value before the step size is halved.</summary>
    private const int Patience = 10;

    /// <summary>Steps on the relaxation before the first dive, and between two dives.</summary>
    private const int RelaxationSteps = 60;

    /// <summary>Steps between two fixings of a dive.</summary>
    private const int DiveSteps = 12;

    /// <summary>Share of the open trips the first dive fixes at a time (dive d fixes this / (d + 1)).</summary>
    private const double FixShare = 0.2;

    private readonly ConnectionNetwork network;
    private readonly NetworkSimplex flow;
    private readonly int tripCount;
    private readonly int depotCount;

    // Super-depot flow arcs: connection arcs (network arc index → flow arc), pull-outs, pull-ins.
    private readonly int[] connectionArc;
    private readonly int[] connectionTail;
    private readonly int[] connectionHead;
    private readonly int[] pullOutArc;
    private readonly int[] pullInArc;

    // Label chosen per flow arc at the current prices.
    private readonly int[] connectionLabel;
    private readonly int[] pullOutLabel;
    private readonly int[] pullInLabel;

    /// <summary>price[t * depots + k]: the depot consistency multiplier of trip t and depot k.</summary>
    private readonly double[] price;

    private readonly double[] share;
    private readonly int[] fixedDepot;
    private readonly double[] vehiclePrice;
    private readonly long[] whole;
    private readonly long[] wholeVehicle;
    private long levelValue = long.MinValue;
    private readonly long forbidden;
    private readonly int[] inLabel;
    private readonly int[] outLabel;
    private double stepScale = 1.0;
    private int sinceBetter;

    private LagrangeanDepotHeuristic(ConnectionNetwork network, (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) start)
    {
        this.network = network;
        tripCount = network.TripCount;
        depotCount = network.Depots.Length;
        var n = tripCount;
        var source = 2 * n;
        var sink = source + 1;

        var tails = new List<int>();
        var heads = new List<int>();
        var arcs = new List<int>();
        for (var t = 0; t < n; t++)
        {
            var e = network.TripEnd[t];
            for (var a = network.OutStart[e]; a < network.OutStart[e + 1]; a++)
            {
                var following = network.TripOfStart[network.ArcHead[a]];
                if (following >= 0)
                {
                    tails.Add(t);
                    heads.Add(following);
                    arcs.Add(a);
                }
            }
        }

        flow = new NetworkSimplex(sink + 1, arcs.Count + (2 * n) + 1);
        connectionTail = [.. tails];
        connectionHead = [.. heads];
        connectionArc = new int[arcs.Count];
        connectionLabel = new int[arcs.Count];
        networkArc = [.. arcs];
        for (var c = 0; c < arcs.Count; c++)
        {
            connectionArc[c] = flow.AddArc((2 * tails[c]) + 1, 2 * heads[c], 1, network.ArcCost[arcs[c]]);
        }

        pullOutArc = new int[n];
        pullInArc = new int[n];
        pullOutLabel = new int[n];
        pullInLabel = new int[n];
        for (var t = 0; t < n; t++)
        {
            pullOutArc[t] = flow.AddArc(source, 2 * t, 1, 0);
            pullInArc[t] = flow.AddArc((2 * t) + 1, sink, 1, 0);
            flow.SetSupply(2 * t, -1);
            flow.SetSupply((2 * t) + 1, 1);
        }

        flow.AddArc(source, sink, n, 0);
        flow.SetSupply(source, n);
        flow.SetSupply(sink, -n);
        price = new double[n * depotCount];
        share = new double[n * depotCount];
        fixedDepot = new int[n];
        vehiclePrice = new double[depotCount];
        wholeVehicle = new long[depotCount];
        whole = new long[n * depotCount];
        Array.Fill(fixedDepot, -1);
        forbidden = network.LargestStepCost * (n + 1);
        inLabel = new int[n];
        outLabel = new int[n];
        Best = start;
    }

    private readonly int[] networkArc;

    /// <summary>The cheapest schedule found (blocks with connection costs, total cost).</summary>
    public (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) Best { get; private set; }

    /// <summary>The best Lagrangean value: a lower bound on every schedule (depot limits are left out of it).</summary>
    public long BestBound { get; private set; } = long.MinValue;

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>Schedules found cheaper than the best before them (a dive can give two: fitted, then after block moves).</summary>
    public int Improvements { get; private set; }

    /// <summary>
    /// Runs from the complete schedule <paramref name="start"/> until <paramref name="maxSteps"/>
    /// steps, <paramref name="maxDives"/> dives, <paramref name="deadline"/>, <paramref name="cancel"/>
    /// or a schedule at the Lagrangean bound; <paramref name="onImproved"/> sees every cheaper schedule.
    /// </summary>
    public static LagrangeanDepotHeuristic Run(
        ConnectionNetwork network,
        (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) start,
        Stopwatch clock,
        TimeSpan deadline,
        int maxSteps = int.MaxValue,
        Action<LagrangeanDepotHeuristic>? onImproved = null,
        CancellationToken cancel = default,
        int maxDives = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(clock);
        var search = new LagrangeanDepotHeuristic(network, start);
        var dives = 0;
        var phase = 0;
        var diving = false;
        (double[] Price, double[] VehiclePrice, double[] Share, double StepScale)? root = null;
        while (search.Steps < maxSteps && dives < maxDives && clock.Elapsed < deadline && !cancel.IsCancellationRequested
            && search.Best.Cost > search.BestBound)
        {
            if (!search.Step())
            {
                break;
            }

            if (++phase < (diving ? DiveSteps : RelaxationSteps))
            {
                continue;
            }

            phase = 0;
            if (!diving)
            {
                // Leave the relaxation for a dive; the dive comes back to where it left.
                root = ((double[])search.price.Clone(), (double[])search.vehiclePrice.Clone(), (double[])search.share.Clone(), search.stepScale);
                diving = true;
            }

            if (!search.FixSome(FixShare / (dives + 1)))
            {
                continue;
            }

            search.Finish(clock, deadline, onImproved);

            dives++;
            diving = false;
            Array.Fill(search.fixedDepot, -1);
            search.levelValue = long.MinValue;
            (var price, var vehiclePrice, var share, search.stepScale) = root!.Value;
            Array.Copy(price, search.price, price.Length);
            Array.Copy(vehiclePrice, search.vehiclePrice, vehiclePrice.Length);
            Array.Copy(share, search.share, share.Length);
        }

        return search;
    }

    /// <summary>One subgradient step: labels and costs at the current prices, the flow, the bound, new prices.</summary>
    private bool Step()
    {
        var n = tripCount;
        var m = depotCount;

        // Whole-unit prices, so that the flow's cost is exactly the Lagrangean value at them (a lower bound).
        for (var i = 0; i < price.Length; i++)
        {
            whole[i] = (long)Math.Round(price[i]);
        }

        for (var k = 0; k < m; k++)
        {
            wholeVehicle[k] = (long)Math.Round(vehiclePrice[k]);
        }

        for (var c = 0; c < connectionArc.Length; c++)
        {
            var from = connectionTail[c] * m;
            var to = connectionHead[c] * m;
            var fixedFrom = fixedDepot[connectionTail[c]];
            var fixedTo = fixedDepot[connectionHead[c]];
            if (fixedFrom >= 0 && fixedTo >= 0 && fixedFrom != fixedTo)
            {
                connectionLabel[c] = fixedFrom;
                flow.SetCost(connectionArc[c], forbidden);
                continue;
            }

            var only = Math.Max(fixedFrom, fixedTo);
            var best = Math.Max(0, only);
            long bestValue = whole[to + best] - whole[from + best];
            for (var k = 1; only < 0 && k < m; k++)
            {
                var candidate = whole[to + k] - whole[from + k];
                if (candidate < bestValue)
                {
                    (best, bestValue) = (k, candidate);
                }
            }

            connectionLabel[c] = best;
            flow.SetCost(connectionArc[c], network.ArcCost[networkArc[c]] + bestValue);
        }

        for (var t = 0; t < n; t++)
        {
            var outBest = -1;
            var outValue = long.MaxValue;
            var inBest = -1;
            var inValue = long.MaxValue;
            for (var k = 0; k < m; k++)
            {
                var depot = network.Depots[k];
                if (depot.VehicleLimit <= 0 || (fixedDepot[t] >= 0 && fixedDepot[t] != k))
                {
                    continue;
                }

                if (depot.PullOutCost[t] >= 0 && depot.PullOutCost[t] + whole[(t * m) + k] + wholeVehicle[k] < outValue)
                {
                    (outBest, outValue) = (k, depot.PullOutCost[t] + whole[(t * m) + k] + wholeVehicle[k]);
                }

                if (depot.PullInCost[t] >= 0 && depot.PullInCost[t] - whole[(t * m) + k] < inValue)
                {
                    (inBest, inValue) = (k, depot.PullInCost[t] - whole[(t * m) + k]);
                }
            }

            pullOutLabel[t] = outBest;
            pullInLabel[t] = inBest;
            flow.SetCost(pullOutArc[t], outBest < 0 ? forbidden : network.VehicleCost + outValue);
            flow.SetCost(pullInArc[t], inBest < 0 ? forbidden : inValue);
        }

        if (!flow.Resolve())
        {
            return false;
        }

        Steps++;
        Array.Fill(inLabel, -1);
        Array.Fill(outLabel, -1);
        for (var c = 0; c < connectionArc.Length; c++)
        {
            if (flow.Flow(connectionArc[c]) > 0)
            {
                outLabel[connectionTail[c]] = connectionLabel[c];
                inLabel[connectionHead[c]] = connectionLabel[c];
            }
        }

        for (var t = 0; t < n; t++)
        {
            if (flow.Flow(pullOutArc[t]) > 0)
            {
                inLabel[t] = pullOutLabel[t];
            }

            if (flow.Flow(pullInArc[t]) > 0)
            {
                outLabel[t] = pullInLabel[t];
            }
        }

        // The rounded costs are exact arc costs of the flow, so its cost is the Lagrangean value.
        var pulledOut = new int[m];
        for (var t = 0; t < n; t++)
        {
            if (flow.Flow(pullOutArc[t]) > 0)
            {
                pulledOut[pullOutLabel[t]]++;
            }
        }

        var value = flow.TotalCost;
        var excess = 0.0;
        for (var k = 0; k < m; k++)
        {
            value -= wholeVehicle[k] * network.Depots[k].VehicleLimit;
            if (pulledOut[k] > network.Depots[k].VehicleLimit || vehiclePrice[k] > 0)
            {
                excess += Math.Pow(pulledOut[k] - network.Depots[k].VehicleLimit, 2);
            }
        }

        if (value > levelValue)
        {
            levelValue = value;
            sinceBetter = 0;
            if (!fixedDepot.Any(d => d >= 0))
            {
                BestBound = Math.Max(BestBound, value);
            }
        }
        else if (++sinceBetter >= Patience)
        {
            stepScale /= 2;
            sinceBetter = 0;
        }

        var inconsistent = 0;
        for (var t = 0; t < n; t++)
        {
            for (var k = 0; k < m; k++)
            {
                share[(t * m) + k] *= 1 - AverageWeight;
            }

            share[(t * m) + inLabel[t]] += AverageWeight / 2;
            share[(t * m) + outLabel[t]] += AverageWeight / 2;

            if (inLabel[t] != outLabel[t])
            {
                inconsistent++;
            }
        }

        if (inconsistent == 0 && excess == 0)
        {
            return true; // every block keeps one depot: the flow is a schedule at its Lagrangean value
        }
        // Subgradient of (in − out) per trip and depot: +1 at the depot a block enters for, −1 at the one it leaves for.
        var step = stepScale * Math.Max(Best.Cost - value, 0.001 * Math.Abs(value)) / ((2.0 * inconsistent) + excess);
        for (var k = 0; k < m; k++)
        {
            vehiclePrice[k] = Math.Max(0, vehiclePrice[k] + (step * (pulledOut[k] - network.Depots[k].VehicleLimit)));
        }

        for (var t = 0; t < n; t++)
        {
            if (inLabel[t] != outLabel[t])
            {
                price[(t * m) + inLabel[t]] += step;
                price[(t * m) + outLabel[t]] -= step;
            }
        }

        return true;
    }

    /// <summary>
    /// Fixes the depot of the open trips whose averaged labels are most settled (a share
    /// <paramref name="fixShare"/> of them, at least one); true when few enough are open to finish.
    /// </summary>
    private bool FixSome(double fixShare)
    {
        var m = depotCount;
        var open = new List<(int Trip, int Depot, double Share)>();
        for (var t = 0; t < tripCount; t++)
        {
            if (fixedDepot[t] >= 0)
            {
                continue;
            }

            var best = 0;
            for (var k = 1; k < m; k++)
            {
                if (share[(t * m) + k] > share[(t * m) + best] + 1e-9)
                {
                    best = k;
                }
            }

            open.Add((t, best, share[(t * m) + best]));
        }

        if (open.Count == 0)
        {
            return true;
        }

        var count = Math.Max(1, (int)(fixShare * open.Count));
        foreach (var (trip, depot, _) in open.OrderByDescending(o => o.Share).ThenBy(o => o.Trip).Take(count))
        {
            fixedDepot[trip] = depot;
        }

        stepScale = Math.Max(stepScale, 0.25);
        levelValue = long.MinValue;
        return false;
    }

    /// <summary>
    /// Ends a dive (every trip fixed): each depot scheduled exactly and made to fit its limit, which is
    /// published at once when it beats <see cref="Best"/>; then block moves, published again if they help.
    /// </summary>
    private void Finish(Stopwatch clock, TimeSpan deadline, Action<LagrangeanDepotHeuristic>? onImproved)
    {
        var fitted = DepotReassignment.FromAssignment(network, fixedDepot, clock, deadline, maxPasses: 0);
        if (fitted is not { } schedule)
        {
            return;
        }

        Take(schedule);

        // Block moves, again while they give a new best schedule.
        DepotReassignment.ImproveWhileCheaper(network, schedule, clock, deadline, Take);

        bool Take((List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost) candidate)
        {
            if (candidate.Cost >= Best.Cost)
            {
                return false;
            }

            Best = candidate;
            Improvements++;
            onImproved?.Invoke(this);
            return true;
        }
    }
}
