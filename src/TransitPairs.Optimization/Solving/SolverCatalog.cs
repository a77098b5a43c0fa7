using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Timetabling;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Optimization.VehicleScheduling.Battery;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// One row per solver: where it is entered, what it takes beyond the contract's options, what its
/// objective and bound are and which statuses it can end with. <c>docs/solvers.md</c> is generated
/// from it, and a test checks both against the code (every public entry point that returns a
/// <see cref="SolveOutcome{TSolution}"/> has a row, and the page is up to date).
/// </summary>
public static class SolverCatalog
{
    public static ImmutableArray<SolverDescription> All { get; } =
    [
        new(
            "timetable (scenario)",
            typeof(ScenarioTimetabler),
            "objective (even headway, even load), fleet tolerance in minutes",
            "frequencies by Ceder's methods, then the departure-time CP-SAT model per scenario; with a fleet tolerance, the fleet-aware retiming after it",
            "as the departure-time model",
            "as the departure-time model",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "timetable (departure times)",
            typeof(DepartureTimeSolver),
            "preferences in the problem (objective, clock-face, transfers)",
            "CP-SAT: a departure minute per trip, headway bounds, transfer windows",
            "deviation from even headways (or even loads), minus transfer rewards (weighted integer units)",
            "CP-SAT's best bound",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "timetable (fleet-aware retiming)",
            typeof(FleetAwareRetimer),
            "tolerance (minutes a departure may move), least layover, trips that may not move",
            "CP-SAT: shifts within the tolerance that lower the deficit-function fleet",
            "vehicles, then minutes shifted",
            "CP-SAT's best bound",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "fleet allocation",
            typeof(FleetAllocator),
            "with or without marginal values (one bus more or fewer per corridor)",
            "CP-SAT over a headway menu per corridor and band (a MIP cross-check where it applies)",
            "passenger-minutes: waiting + penalty × unserved passengers",
            "CP-SAT's best bound",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible]),
        new(
            "battery blocks",
            typeof(BatteryScheduler),
            "none (the problem carries fleet, packs, chargers, season and charging rules)",
            "constructive plan (start and fallback), column generation over blocks (GLOP master, state-of-charge label pricing through charger sites), diving, CP-SAT over the columns; the exact CP-SAT model on days of at most 70 trips",
            "vehicles × 10⁸ + operating cost in fen",
            "the block master's Lagrangian bound, above 500 trips the energy network LP (state of charge in levels, GLOP), and the no-battery min-cost flow (fleet); CP-SAT's bound where the exact model ran",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "vehicle blocks (domain)",
            typeof(TripScheduler),
            "network kind (auto, all-pairs, time-space)",
            "as the integer core, on a day given in stops and times; the solution adds the domain blocks and the deficit-function fleet bound",
            "as the integer core",
            "as the integer core",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "vehicle blocks (integer core)",
            typeof(VspSolver),
            "network kind (auto, all-pairs, time-space)",
            "one depot or none: min-cost flow (exact); several depots: Lagrangean dives beside an arc LP with arc pricing, three LP dives, block moves between depots, a ladder of reduced-cost arc MIPs; longest-block limits: column generation",
            "cost units: vehicle cost × vehicles + cost per km × empty km (+ idle cost)",
            "min-cost flow: the optimum; several depots: the LP value (arc LP or column generation master)",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "driver duties",
            typeof(DutyScheduler),
            "the rules in the problem (policy.driverRules)",
            "pieces of work cut at relief points; set partitioning by column generation (GLOP master, resource-constrained shortest-path pricing), SCIP over the duties, reduced-cost enumeration as the proof",
            "drivers × driver weight + paid minutes",
            "the master LP value rounded up (or the proven optimum); drivers: the drivers-only LP rounded up or the most pieces under way at once",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "crew benchmarks",
            typeof(CrewBenchmarkSolver),
            "Beasley–Cao: exactly K duties",
            "the driver-duty column generation on Beasley–Cao, CSPLib set partitioning and the OR-Tools example's day",
            "Beasley–Cao: Σ arc costs; CSPLib: Σ shift costs; OR-Tools day: drivers × 100,000 + working minutes",
            "the master LP value rounded up, or the proven optimum; on the OR-Tools day at least the counting and span bounds",
            [SolveStatus.Optimal, SolveStatus.Feasible, SolveStatus.Infeasible, SolveStatus.NoSolutionFound]),
        new(
            "OR-Tools example's CP-SAT model (port)",
            typeof(ShiftDayCpSat),
            "the example's day and rules; its driver count (2 × ⌈driving / 540⌉)",
            "the example's own CP-SAT model, first pass (fewest drivers), the yardstick for the column generation",
            "drivers × 100,000 + working minutes (working time is not minimised)",
            "CP-SAT's bound on drivers × 100,000",
            [SolveStatus.Feasible, SolveStatus.NoSolutionFound]),
    ];

    /// <summary>The table of <c>docs/solvers.md</c> (Markdown), one row per solver.</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder();
        text.Append("| stage | entry point | options beyond time limit, workers, seed | method | objective | bound | statuses |\n");
        text.Append("|---|---|---|---|---|---|---|\n");
        foreach (var s in All)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {s.Stage} | `{s.EntryPoint.Name}.{s.EntryMethod}` | {s.ExtraOptions} | {s.Method} | {s.Objective} | {s.Bound} | {string.Join(", ", s.Statuses.Select(x => x.Word()))} |\n");
        }

        return text.ToString();
    }
}

/// <summary>A row of <see cref="SolverCatalog"/>.</summary>
/// <param name="Stage">The pipeline stage.</param>
/// <param name="EntryPoint">The static class whose public static methods returning a <see cref="SolveOutcome{TSolution}"/> enter it.</param>
/// <param name="ExtraOptions">Settings beyond <see cref="SolveOptions"/> (the problem carries its own data).</param>
/// <param name="Method">The method(s), in a sentence.</param>
/// <param name="Objective">What is minimised, with its unit.</param>
/// <param name="Bound">Where the bound comes from.</param>
/// <param name="Statuses">The statuses it can end with (the gap is always <see cref="SolveGap.Relative"/>).</param>
public sealed record SolverDescription(string Stage, Type EntryPoint, string ExtraOptions, string Method, string Objective, string Bound, ImmutableArray<SolveStatus> Statuses)
{
    /// <summary>The name of the entry point's public static method that returns a <see cref="SolveOutcome{TSolution}"/>.</summary>
    public string EntryMethod => EntryPoint.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .First(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(SolveOutcome<>)).Name;
}
