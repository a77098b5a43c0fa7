using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using MpSolver = Google.OrTools.LinearSolver.Solver;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// The LP relaxation of the multi-commodity flow model of multiple-depot scheduling, solved over a
/// growing subset of connection arcs ("Lagrangean pricing" of arcs, after Löbel 1998): start from
/// each trip's cheapest connections, solve (GLOP), price every left-out arc i → j of every depot k
/// with the duals (<c>cost + u_k(i) − u_k(j) − π_j</c>), add those with a negative reduced
/// cost, repeat. Rows: one cover row per trip (what enters it at any depot is 1), one balance row
/// per depot and trip (what enters it there leaves it there), one vehicle row per depot; half the
/// rows of a start-node/end-node model, and m8n500s0's LP converges in 12 s CPU instead of 20 s
/// (benchmarks/README.md). When no arc prices out, the LP value is the LP bound of the whole problem, and
/// the cover duals π and depot duals μ are optimal duals of the block (path) master as well: the
/// path master is the Dantzig–Wolfe form of this LP. Unlike the path master, whose
/// degenerate bases stall column generation on 500-trip instances, this LP has a polynomial number
/// of columns and the simplex moves through it directly.
/// </summary>
internal sealed class ArcGenerationLp : IDisposable
{
    private const double Epsilon = 1e-7;

    /// <summary>
    /// Largest amount added to a cover row's right-hand side while arcs are generated. The flow
    /// LP is massively degenerate (basic arcs at 0), and GLOP's primal simplex, which has no
    /// perturbation of its own, spends most of its pivots there; with the right-hand sides
    /// perturbed by up to 10⁻⁴ m8n500s0's LP converges in 8 s CPU instead of 13 and m8n1000s0's
    /// in 33 s instead of 76 (measured with the <c>arc-lp</c> probe, benchmarks/README.md; 10⁻⁵
    /// and 10⁻³ about the same, 10⁻² slower). The true LP is re-solved and priced out at the end,
    /// so the LP value and its duals are the unperturbed ones.
    /// </summary>
    public const double CoverPerturbation = 1e-4;

    /// <summary>A trip whose LP share at one depot is at least this is taken as assigned there while diving.</summary>
    private const double Integral = 1 - 1e-6;


    private readonly ConnectionNetwork network;
    private readonly string glopParameters;
    private readonly int arcsPerTailAndRound;
    private readonly MpSolver lp;
    private readonly bool isGlop;
    private readonly MPSolverParameters solveParameters;
    private readonly Objective objective;
    private readonly Constraint[] cover;
    private readonly Variable[] uncovered;
    private double penalty;

    // Above this penalty for an uncovered trip the LP gives up (null; the caller then uses column
    // generation, which decides feasibility): a whole schedule costs less than n base penalties.
    private readonly double maxPenalty;
    private readonly Constraint[] vehicles;
    /// <summary>balance[k][t]: what enters trip t at depot k leaves it there (one row per depot and trip).</summary>
    private readonly Constraint[][] balance;
    private readonly Variable?[][] arcVar;
    /// <summary>into[k][t]: the variables that enter trip t at depot k (its pull-out and connections); their sum is the trip's share there.</summary>
    private readonly List<Variable>[][] into;

    /// <summary>blocked[k, t]: trip t may not be served from depot k (fixed to another depot, or forbidden), so what enters it there is held at 0.</summary>
    private readonly bool[,] blocked;
    private readonly Variable?[][] outVar;
    private readonly Variable?[][] inVar;
    private readonly int[] tailOf;
    private readonly int[] tripOfEnd;
    private int arcs;
    private bool perturbed;

    /// <summary>
    /// Builds the LP with every trip, pull-out and pull-in of every depot and, per depot,
    /// the connection arcs in <paramref name="startArcs"/> (the caller picks them: each trip's
    /// cheapest connections and an incumbent's).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="startArcs">Connection arcs every depot starts with.</param>
    /// <param name="glopParameters">GLOP's parameters (text format); presolve stays off so that re-solves are warm starts.</param>
    /// <param name="arcsPerTailAndRound">
    /// Most arcs a pricing round adds per depot and tail node (the most negative ones). Measured on
    /// m4n500s3 and m8n500s0 (benchmarks/README.md): 1, 3 and 10 converge in about the same CPU time
    /// (more rounds with fewer arcs, fewer with more); 3 is kept.
    /// </param>
    /// <param name="solverId">The OR-Tools linear solver (GLOP by default; CLP measured beside it).</param>
    /// <param name="perturbation">
    /// When positive, each cover row's right-hand side is 1 + a random amount up to this while
    /// arcs are generated (against degenerate pivots, <see cref="CoverPerturbation"/> by default),
    /// and the true LP is re-solved and priced out at the end; 0 solves the true LP throughout.
    /// </param>
    public ArcGenerationLp(ConnectionNetwork network, bool[] startArcs, string glopParameters = "", int arcsPerTailAndRound = 3, string solverId = "GLOP", double perturbation = CoverPerturbation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arcsPerTailAndRound, 1);
        this.arcsPerTailAndRound = arcsPerTailAndRound;
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(startArcs);
        this.network = network;
        lp = MpSolver.CreateSolver(solverId) ?? throw new InvalidOperationException($"{solverId} is not available.");
        isGlop = solverId == "GLOP";
        solveParameters = new MPSolverParameters();
        solveParameters.SetIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE, (int)MPSolverParameters.PresolveValues.PRESOLVE_OFF);
        var n = network.TripCount;
        var m = network.Depots.Length;
        if (!SparseFlowImprovement.Applies(network))
        {
            throw new ArgumentException("The arc LP needs the all-pairs network (each connection joins a trip's end to another trip's start).", nameof(network));
        }

        tailOf = Tails(network);
        tripOfEnd = TripOfEnd(network);
        lp.SuppressOutput();

        // Without presolve GLOP keeps its basis when columns are added or bounds change: each
        // re-solve is a warm start.
        this.glopParameters = isGlop ? "use_preprocessing: false " + glopParameters : glopParameters;
        lp.SetSolverSpecificParametersAsString(this.glopParameters);
        objective = lp.Objective();
        objective.SetMinimization();
        // No variable has an upper bound: every one is implied by the cover and balance rows
        // (a trip is covered once, so nothing flows through it more than once), and without bound
        // duals the row duals alone certify the LP value, Σπ + Σ μ_k · limit_k, which the
        // reduced-cost fixing of the arc MIP relies on.
        //
        // A trip may stay uncovered at a penalty, so the LP on a few arcs is never infeasible
        // merely because depot limits need arcs it does not hold yet; the penalty grows until no
        // trip is left uncovered (or it is clear none can be).
        penalty = 2.0 * network.LargestStepCost;
        maxPenalty = (n + 1) * penalty;
        cover = new Constraint[n];
        uncovered = new Variable[n];
        for (var t = 0; t < n; t++)
        {
            cover[t] = lp.MakeConstraint(1, 1, "cover" + t.ToString(CultureInfo.InvariantCulture));
            uncovered[t] = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
            cover[t].SetCoefficient(uncovered[t], 1);
            objective.SetCoefficient(uncovered[t], penalty);
        }

        SetCover(perturbation);
        vehicles = new Constraint[m];
        balance = new Constraint[m][];
        arcVar = new Variable?[m][];
        into = new List<Variable>[m][];
        blocked = new bool[m, n];
        outVar = new Variable?[m][];
        inVar = new Variable?[m][];
        for (var k = 0; k < m; k++)
        {
            var depot = network.Depots[k];
            vehicles[k] = lp.MakeConstraint(double.NegativeInfinity, depot.VehicleLimit, "depot" + k.ToString(CultureInfo.InvariantCulture));
            balance[k] = new Constraint[n];
            into[k] = new List<Variable>[n];
            for (var t = 0; t < n; t++)
            {
                balance[k][t] = lp.MakeConstraint(0, 0, string.Empty);
                into[k][t] = [];
            }

            arcVar[k] = new Variable?[network.ArcCount];
            outVar[k] = new Variable?[n];
            inVar[k] = new Variable?[n];
            if (depot.VehicleLimit <= 0)
            {
                continue;
            }

            for (var t = 0; t < n; t++)
            {
                if (depot.PullOutCost[t] >= 0)
                {
                    var x = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                    objective.SetCoefficient(x, network.VehicleCost + depot.PullOutCost[t]);
                    balance[k][t].SetCoefficient(x, 1);
                    cover[t].SetCoefficient(x, 1);
                    vehicles[k].SetCoefficient(x, 1);
                    outVar[k][t] = x;
                    into[k][t].Add(x);
                }

                if (depot.PullInCost[t] >= 0)
                {
                    var x = lp.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                    objective.SetCoefficient(x, depot.PullInCost[t]);
                    balance[k][t].SetCoefficient(x, -1);
                    inVar[k][t] = x;
                }
            }

            for (var a = 0; a < network.ArcCount; a++)
            {
                if (startArcs[a])
                {
                    AddArc(k, a);
                }
            }
        }
    }

    /// <summary>
    /// The LP value, whether it is the LP bound of the whole problem, the duals of that LP, and
    /// each trip's share at each depot in its solution (<c>Shares[k][t]</c>, 0–1), which a
    /// rounding turns into a first depot assignment.
    /// </summary>
    /// <param name="Value">The LP value on the arcs held (the LP bound when converged).</param>
    /// <param name="Converged">Whether no arc prices out.</param>
    /// <param name="Pi">Cover duals.</param>
    /// <param name="Mu">Vehicle-row duals (≤ 0).</param>
    /// <param name="Rounds">Solves so far.</param>
    /// <param name="Arcs">Connection arcs held.</param>
    /// <param name="Shares">Each trip's share at each depot, <c>[depot][trip]</c>.</param>
    /// <param name="DualBound">
    /// A valid lower bound on the LP bound from the last solve's duals, whether or not the LP has
    /// converged (<see cref="DualBoundOf"/>); equal to <paramref name="Value"/> at convergence up to
    /// the solver's tolerances, and <see cref="double.NegativeInfinity"/> before the first solve.
    /// </param>
    public sealed record Bound(double Value, bool Converged, double[] Pi, double[] Mu, int Rounds, int Arcs, double[][] Shares, double DualBound);

    /// <summary>One solve of <see cref="Converge"/>: GLOP's seconds and iterations, the value, the pricing seconds and the arcs it added (diagnostics for the <c>arc-lp</c> probe).</summary>
    public sealed record RoundTrace(double SolveSeconds, long Iterations, double Value, double PricingSeconds, int Added, int Arcs, double DualBound);

    /// <summary>Every solve of <see cref="Converge"/> so far, in order.</summary>
    public List<RoundTrace> Trace { get; } = [];

    /// <summary>
    /// Solves the LP and prices arcs until no arc prices out (the LP bound of the whole problem)
    /// or <paramref name="deadline"/> passes (the value is then no bound, but
    /// <see cref="Bound.DualBound"/> is). Null when the LP has no solution in time or is
    /// infeasible on the arcs it holds. May be called again to go on where it stopped.
    /// </summary>
    public Bound? Converge(Stopwatch clock, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var rounds = 0;
        double[]? pi = null;
        double[]? mu = null;
        double[][] shares = [];
        var value = 0.0;
        var dualBound = double.NegativeInfinity;
        while (true)
        {
            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return pi is null ? null : new Bound(value, Converged: false, pi, mu!, rounds, arcs, shares, dualBound);
            }

            lp.SetTimeLimit(Math.Max(1, (long)left.TotalMilliseconds));
            rounds++;
            var solveStarted = clock.Elapsed;
            var converging = SolveLp();
            var solveSeconds = (clock.Elapsed - solveStarted).TotalSeconds;
            var iterations = lp.Iterations();
            if (converging != MpSolver.ResultStatus.OPTIMAL)
            {
                Failure = $"converge: {converging} at round {rounds}, penalty {penalty}";
                return pi is null ? null : new Bound(value, Converged: false, pi, mu!, rounds, arcs, shares, dualBound);
            }

            value = objective.Value();
            pi = [.. cover.Select(c => c.DualValue())];
            mu = [.. vehicles.Select(c => Math.Min(0, c.DualValue()))];
            shares = Shares();
            var anyUncovered = AnyUncovered();
            var pricingStarted = clock.Elapsed;
            var (added, roundBound) = PriceArcs();
            dualBound = Math.Max(dualBound, roundBound);
            Trace.Add(new RoundTrace(solveSeconds, iterations, value, (clock.Elapsed - pricingStarted).TotalSeconds, added, arcs, roundBound));
            if (added == 0 && perturbed)
            {
                // The perturbed LP is priced out: back to the true right-hand sides, and on until
                // the true LP prices out (its basis is a warm start a few pivots from that optimum).
                SetCover(perturbation: 0);
                continue;
            }

            if (added == 0)
            {
                if (!anyUncovered)
                {
                    // Done with the penalty: the dive keeps every trip covered by itself, and a
                    // penalty of 10¹⁰ next to costs of 10⁵ makes GLOP's later solves imprecise.
                    foreach (var a in uncovered)
                    {
                        a.SetBounds(0, 0);
                        objective.SetCoefficient(a, 0);
                    }

                    return new Bound(value, Converged: true, pi, mu, rounds, arcs, shares, dualBound);
                }

                // Every arc prices out and still a trip is left: a larger penalty, or no schedule.
                if (penalty > maxPenalty)
                {
                    return null;
                }

                penalty *= 8;
                foreach (var a in uncovered)
                {
                    objective.SetCoefficient(a, penalty);
                }
            }
        }
    }

    /// <summary>
    /// LP diving for a schedule. Each round re-solves the LP and prices arcs until none prices out
    /// (so the dive runs over the whole network), fixes every trip the LP already gives wholly to
    /// one depot, and rounds some of the still fractional trips — those with the largest shares —
    /// to their depot: <paramref name="batchShare"/> of them per round (at least one; 0 = one per
    /// round). When a rounding makes the LP infeasible it is undone and retried one trip at a time;
    /// a single trip that cannot go to a depot is forbidden there. With every trip placed, each
    /// depot's part is a single-depot flow whose LP optimum is integral. Every dive starts from the
    /// LP with no trip fixed (the arcs earlier dives priced in stay). The steps depend on the LP
    /// and <paramref name="batchShare"/> only, never on the clock: a dive that ends before its
    /// deadline gives the same schedule whatever the limit or the machine. Returns the blocks with
    /// their connection costs and the total cost, or null when the dive fails or
    /// <paramref name="deadline"/> passes (then <see cref="DiveAssignment"/> says where it got to).
    /// </summary>
    /// <param name="clock">The solve's clock.</param>
    /// <param name="deadline">When the dive must end.</param>
    /// <param name="batchShare">Share of the fractional trips rounded per round (0: one).</param>
    public (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? Dive(Stopwatch clock, TimeSpan deadline, double batchShare = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(batchShare);
        var n = network.TripCount;
        var m = network.Depots.Length;
        for (var k = 0; k < m; k++)
        {
            for (var t = 0; t < n; t++)
            {
                if (blocked[k, t])
                {
                    Block(k, t, false); // an earlier dive's fixing
                }
            }
        }

        var fixedTo = new int[n];
        Array.Fill(fixedTo, -1);
        var forbidden = new bool[m, n];
        double[][]? lastShares = null;
        DiveAssignment = null;
        var batch = new List<int>();
        var singly = false;
        if (perturbed)
        {
            SetCover(perturbation: 0); // the dive rounds the true LP (Converge stopped before it was priced out)
        }

        var rounds = 0;
        DiveRounds = 0;
        while (true)
        {
            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                DiveAssignment = Assignment(fixedTo, lastShares);
                return null;
            }

            lp.SetTimeLimit(Math.Max(1, (long)left.TotalMilliseconds));
            var status = SolveLp();
            DiveSolves++;
            if (status == MpSolver.ResultStatus.OPTIMAL && AnyUncovered())
            {
                status = MpSolver.ResultStatus.INFEASIBLE; // a trip left uncovered: the last rounding cannot be completed
            }

            if (status == MpSolver.ResultStatus.INFEASIBLE && batch.Count > 0)
            {
                var lone = batch.Count == 1 ? (Trip: batch[0], Depot: fixedTo[batch[0]]) : (Trip: -1, Depot: -1);
                foreach (var t in batch)
                {
                    fixedTo[t] = -1;
                    for (var k = 0; k < m; k++)
                    {
                        var open = !forbidden[k, t];
                        Block(k, t, !open);
                    }
                }

                if (lone.Trip >= 0)
                {
                    // This trip cannot go to that depot with the others placed as they are.
                    forbidden[lone.Depot, lone.Trip] = true;
                    Block(lone.Depot, lone.Trip, true);
                }

                singly = true;
                batch.Clear();
                continue;
            }

            if (status != MpSolver.ResultStatus.OPTIMAL)
            {
                Failure = $"dive: {status} at round {rounds}, batch {batch.Count}, penalty {penalty}";
                DiveAssignment = Assignment(fixedTo, lastShares);
                return null;
            }

            // Read every share before the model changes (a changed model has no solution).
            var shares = Shares();
            lastShares = shares;
            // Fix and round only on the LP over every arc: while arcs price out, add them and re-solve.
            var (added, _) = PriceArcs();
            if (added > 0 && rounds > 0)
            {
                continue;
            }

            rounds++;
            DiveRounds = rounds;
            var placedNow = 0;
            var fractional = new List<(int Trip, int Depot, double Share)>();
            for (var t = 0; t < n; t++)
            {
                if (fixedTo[t] >= 0)
                {
                    continue;
                }

                var depot = 0;
                for (var k = 1; k < m; k++)
                {
                    depot = shares[k][t] > shares[depot][t] ? k : depot;
                }

                if (shares[depot][t] >= Integral)
                {
                    Fix(t, depot);
                    fixedTo[t] = depot;
                    placedNow++;
                }
                else
                {
                    fractional.Add((t, depot, shares[depot][t]));
                }
            }

            if (fractional.Count == 0)
            {
                if (added == 0 && placedNow == 0 && perturbed)
                {
                    SetCover(perturbation: 0);
                    batch.Clear();
                    continue;
                }

                if (added == 0 && placedNow == 0)
                {
                    return IntegralSchedule();
                }

                batch.Clear();
                continue; // solve once more with the new arcs and fixings
            }

            var count = singly ? 1 : Math.Max(1, (int)Math.Ceiling(batchShare * fractional.Count));
            singly = false;
            batch.Clear();
            foreach (var (t, depot, _) in fractional.OrderByDescending(f => f.Share).ThenBy(f => f.Trip).Take(count))
            {
                Fix(t, depot);
                fixedTo[t] = depot;
                batch.Add(t);
            }
        }
    }

    /// <summary>
    /// When the last <see cref="Dive"/> stopped without a schedule: where it had got to, each trip at
    /// the depot it was fixed to, else where the last LP gave it its largest share (null when no
    /// LP of the dive was solved). A depot assignment to schedule exactly, so the dive's time is not lost.
    /// </summary>
    public int[]? DiveAssignment { get; private set; }

    /// <summary>Each trip's fixed depot, else its depot of largest share.</summary>
    private static int[]? Assignment(int[] fixedTo, double[][]? shares) => shares is null ? null : LargestShares(shares, fixedTo);

    /// <summary>
    /// Each trip's depot: <paramref name="fixedTo"/>[t] when given and ≥ 0, else where
    /// <paramref name="shares"/> (<c>[depot][trip]</c>) is largest (the lowest index on ties).
    /// </summary>
    public static int[] LargestShares(double[][] shares, int[]? fixedTo = null)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var depotOf = new int[shares[0].Length];
        for (var t = 0; t < depotOf.Length; t++)
        {
            depotOf[t] = fixedTo?[t] ?? -1;
            if (depotOf[t] >= 0)
            {
                continue;
            }

            depotOf[t] = 0;
            for (var k = 1; k < shares.Length; k++)
            {
                depotOf[t] = shares[k][t] > shares[depotOf[t]][t] ? k : depotOf[t];
            }
        }

        return depotOf;
    }

    /// <summary>Fixing rounds of the last <see cref="Dive"/>.</summary>
    public int DiveRounds { get; private set; }

    /// <summary>GLOP solves of the dives so far (diagnostics for the <c>arc-lp</c> probe).</summary>
    public int DiveSolves { get; private set; }

    /// <summary>Why the last <see cref="Converge"/> or <see cref="Dive"/> stopped without a result (diagnostics).</summary>
    public string? Failure { get; private set; }

    public void Dispose()
    {
        solveParameters.Dispose();
        lp.Dispose();
    }

    /// <summary>
    /// Solves the LP from the last basis; when GLOP reports a numerical failure (ABNORMAL, seen
    /// now and then after the uncovered penalty grew), once more from scratch, then with presolve.
    /// </summary>
    private MpSolver.ResultStatus SolveLp()
    {
        var status = lp.Solve(solveParameters);
        if (status is MpSolver.ResultStatus.ABNORMAL or MpSolver.ResultStatus.NOT_SOLVED)
        {
            lp.Reset();
            status = lp.Solve(solveParameters);
            if (status is MpSolver.ResultStatus.ABNORMAL && isGlop)
            {
                // Still imprecise from the old basis' scaling: once with GLOP's presolve.
                lp.SetSolverSpecificParametersAsString("use_preprocessing: true");
                lp.Reset();
                status = lp.Solve();
                lp.SetSolverSpecificParametersAsString(glopParameters);
            }
        }

        return status;
    }

    /// <summary>Cover rows at 1, or at 1 + a random amount up to <paramref name="perturbation"/> (fixed seed).</summary>
    private void SetCover(double perturbation)
    {
        var random = new Random(1);
        foreach (var row in cover)
        {
            var rhs = 1 + (perturbation * random.NextDouble());
            row.SetBounds(rhs, rhs);
        }

        perturbed = perturbation > 0;
    }

    private bool AnyUncovered() => uncovered.Any(a => a.SolutionValue() > 1e-6);

    private void Fix(int trip, int depot)
    {
        for (var k = 0; k < network.Depots.Length; k++)
        {
            Block(k, trip, k != depot);
        }
    }

    /// <summary>Holds what enters trip <paramref name="trip"/> at depot <paramref name="depot"/> at 0 (or frees it).</summary>
    private void Block(int depot, int trip, bool block)
    {
        blocked[depot, trip] = block;
        foreach (var x in into[depot][trip])
        {
            x.SetBounds(0, block ? 0 : double.PositiveInfinity);
        }
    }

    /// <summary>Each trip's share at each depot in the current solution (<c>[depot][trip]</c>): what enters it there.</summary>
    private double[][] Shares() =>
        [.. into.Select(row => row.Select(vars => vars.Sum(x => x.SolutionValue())).ToArray())];

    /// <summary>Reads the (integral) LP solution as blocks; null when it is not integral.</summary>
    private (List<(VspBlock Block, long ConnectionCost)> Blocks, long Cost)? IntegralSchedule()
    {
        var n = network.TripCount;
        var blocks = new List<(VspBlock, long)>();
        for (var k = 0; k < network.Depots.Length; k++)
        {
            var flow = new long[network.ArcCount];
            for (var a = 0; a < flow.Length; a++)
            {
                if (arcVar[k][a] is { } x)
                {
                    var value = x.SolutionValue();
                    flow[a] = (long)Math.Round(value);
                    if (Math.Abs(value - flow[a]) > 1e-6)
                    {
                        Failure = $"dive: arc flow {value} at depot {k}";
                        return null;
                    }
                }
            }

            var pullOut = Enumerable.Range(0, n).Select(t => outVar[k][t] is { } x && x.SolutionValue() > 0.5).ToArray();
            var pullIn = Enumerable.Range(0, n).Select(t => inVar[k][t] is { } x && x.SolutionValue() > 0.5).ToArray();
            blocks.AddRange(FlowDecomposition.BlocksWithCost(network, k, pullOut, pullIn, flow));
        }

        return (blocks, (long)Math.Round(objective.Value()));
    }

    /// <summary>
    /// Adds, per depot and tail node, the arcs with the most negative reduced cost at the current
    /// duals; returns how many, and <see cref="DualBoundOf"/> at these duals.
    /// </summary>
    private (int Added, double DualBound) PriceArcs()
    {
        // Every dual is read before the first arc is added (a changed model has no solution).
        var u = balance.Select(rows => rows.Select(r => r.DualValue()).ToArray()).ToArray();
        var pi = cover.Select(r => r.DualValue()).ToArray();
        var mu = vehicles.Select(r => Math.Min(0, r.DualValue())).ToArray();
        var tripOfStart = network.TripOfStart;
        var n = network.TripCount;
        var added = 0;
        // Least reduced cost of anything entering trip j (any depot, any arc, in the LP or not).
        var leastInto = new double[n];
        var candidates = new List<(double Reduced, int Arc)>();
        for (var k = 0; k < network.Depots.Length; k++)
        {
            if (network.Depots[k].VehicleLimit <= 0)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                candidates.Clear();
                var e = network.TripEnd[i];
                for (var a = network.OutStart[e]; a < network.OutStart[e + 1]; a++)
                {
                    var j = tripOfStart[network.ArcHead[a]];
                    if (blocked[k, j])
                    {
                        continue;
                    }

                    // Enters j at k (balance and cover rows), leaves i at k.
                    var reduced = network.ArcCost[a] + u[k][i] - u[k][j] - pi[j];
                    leastInto[j] = Math.Min(leastInto[j], reduced);
                    if (arcVar[k][a] is null && reduced < -Epsilon)
                    {
                        candidates.Add((reduced, a));
                    }
                }

                foreach (var (_, a) in candidates.OrderBy(c => c.Reduced).ThenBy(c => c.Arc).Take(arcsPerTailAndRound))
                {
                    AddArc(k, a);
                    added++;
                }
            }
        }

        return (added, DualBoundOf(network, pi, u, mu, leastInto));
    }

    /// <summary>
    /// A lower bound on the LP over every arc from any duals — π (cover rows), u (balance rows),
    /// μ ≤ 0 (vehicle rows) — optimal or not (Lagrangean pricing, after Löbel 1998): relax every
    /// row with these prices and keep only what the rows imply per trip — what enters a trip at
    /// all depots is at most 1, and so is what pulls in from it — so each trip adds its least
    /// negative reduced cost of anything entering it (pull-outs and arcs, every depot) and of its
    /// pull-ins: <c>Σπ + Σ μ_k · limit_k + Σ_j min(0, least reduced cost into j) + Σ_i min(0, least
    /// pull-in reduced cost of i)</c>. At the LP optimum every reduced cost is ≥ 0 and this is the
    /// LP value. <paramref name="leastInto"/> holds, per trip, the least reduced cost of the
    /// connection arcs entering it (0 when none is negative); pull-outs and pull-ins are priced here.
    /// </summary>
    internal static double DualBoundOf(ConnectionNetwork network, double[] pi, double[][] u, double[] mu, double[] leastInto)
    {
        var bound = 0.0;
        for (var k = 0; k < network.Depots.Length; k++)
        {
            bound += mu[k] * network.Depots[k].VehicleLimit;
        }

        for (var t = 0; t < network.TripCount; t++)
        {
            var into = Math.Min(0, leastInto[t]);
            var pullIn = 0.0;
            for (var k = 0; k < network.Depots.Length; k++)
            {
                var depot = network.Depots[k];
                if (depot.VehicleLimit <= 0)
                {
                    continue;
                }

                if (depot.PullOutCost[t] >= 0)
                {
                    into = Math.Min(into, network.VehicleCost + depot.PullOutCost[t] - u[k][t] - pi[t] - mu[k]);
                }

                if (depot.PullInCost[t] >= 0)
                {
                    pullIn = Math.Min(pullIn, depot.PullInCost[t] + u[k][t]);
                }
            }

            bound += pi[t] + into + pullIn;
        }

        return bound;
    }

    private static int[] TripOfEnd(ConnectionNetwork network)
    {
        var trip = new int[network.NodeCount];
        Array.Fill(trip, -1);
        for (var t = 0; t < network.TripCount; t++)
        {
            trip[network.TripEnd[t]] = t;
        }

        return trip;
    }

    private void AddArc(int k, int a)
    {
        var from = tripOfEnd[tailOf[a]];
        var to = network.TripOfStart[network.ArcHead[a]];
        var x = lp.MakeNumVar(0, blocked[k, to] ? 0 : double.PositiveInfinity, string.Empty);
        objective.SetCoefficient(x, network.ArcCost[a]);
        balance[k][from].SetCoefficient(x, -1);
        balance[k][to].SetCoefficient(x, 1);
        cover[to].SetCoefficient(x, 1);
        into[k][to].Add(x);
        arcVar[k][a] = x;
        arcs++;
    }

    private static int[] Tails(ConnectionNetwork network)
    {
        var tail = new int[network.ArcCount];
        for (var v = 0; v < network.NodeCount; v++)
        {
            for (var a = network.OutStart[v]; a < network.OutStart[v + 1]; a++)
            {
                tail[a] = v;
            }
        }

        return tail;
    }
}
