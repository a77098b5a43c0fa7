using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using TransitPairs.IO.Scenarios;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Solving;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs allocate SCENARIO... --fleet N | --budget YUAN</c>: shares a fleet (or a
/// purchase budget) across the corridors of several scenarios and picks a headway per corridor
/// and band (see <see cref="FleetAllocator"/>), with the marginal value of one bus more or fewer
/// per corridor, and the vehicle-block solver's count on the timetable the allocation implies
/// (see <see cref="AllocationConsistency"/>) with the drivers its duties need and their cost, as
/// <c>plan</c> counts them. Exit 1 when even the longest allowed headways do
/// not fit.
/// </summary>
internal static class AllocateCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The largest --fleet accepted: far beyond any intercity operator, small enough for the model's integers.</summary>
    private const int LargestFleet = 100_000;

    /// <summary>The largest --budget accepted (yuan): 100 billion, far beyond any purchase.</summary>
    private const long LargestBudget = 100_000_000_000;

    public static Command Create(CliConsole console)
    {
        var scenarios = new Argument<FileInfo[]>("SCENARIO") { Description = "Scenario files (JSON); their corridors share the fleet.", Arity = ArgumentArity.OneOrMore };
        var fleet = new Option<int?>("--fleet")
        {
            Description = $"Buses to share in total, a whole number from 0 to {LargestFleet:N0} (default: the buses the scenarios own).",
            CustomParser = r => (int?)OptionValues.WholeNumber(r, 0, LargestFleet, "buses"),
        };
        var budget = new Option<long?>("--budget")
        {
            Description = $"Yuan to buy buses beyond those the scenarios own (owned buses are free), a whole number from 0 to {LargestBudget:N0}.",
            CustomParser = r => OptionValues.WholeNumber(r, 0, LargestBudget, "yuan"),
        };
        var format = FormatOption.Create("", "table", "json", "csv");
        var solver = new SolverOptionsBinding();
        var penalty = new Option<double>("--unserved-penalty") { Description = "Passenger-minutes charged per passenger the seats cannot carry.", DefaultValueFactory = _ => AllocationWeights.Default.UnservedPenaltyMinutes };
        var overrides = new ScenarioOverridesOption();
        var crew = ScenarioSolverOptions.CreateCrew();
        crew.Description = "solve: driver duties of each corridor's implied blocks (drivers, bound, paid hours, driver cost) where its scenario's driver rules are enforced; skip: vehicles only.";
        var command = new Command("allocate", "Share a fleet or a budget across corridors: buses per corridor, a headway per band, waiting, unserved passengers, and the value of one more bus.");
        command.Arguments.Add(scenarios);
        foreach (var option in new Option[] { fleet, budget, format, penalty, crew, overrides.Option })
        {
            command.Options.Add(option);
        }

        solver.AddTo(command);

        command.Validators.Add(result =>
        {
            // Not GetValue: a value that failed to parse would throw here instead of being reported.
            if (result.GetResult(fleet) is { Implicit: false } && result.GetResult(budget) is { Implicit: false })
            {
                result.AddError("Give --fleet or --budget, not both.");
            }
        });
        command.SetAction(parse => console.Guard(() =>
        {
            var problems = new List<InputProblem>();
            void Require(bool ok, string option, string problem, string fix)
            {
                if (!ok)
                {
                    problems.Add(new InputProblem("command line", option, problem, fix));
                }
            }

            Require(parse.GetValue(fleet) is null or >= 0, "--fleet", "The fleet is negative.", "Give 0 or more buses.");
            Require(parse.GetValue(budget) is null or >= 0, "--budget", "The budget is negative.", "Give 0 or more yuan.");
            Require(parse.GetValue(penalty) is >= 0 and < 1e6, "--unserved-penalty", "The penalty is not between 0 and 1,000,000 passenger-minutes.", "Give e.g. 120.");
            if (problems.Count > 0)
            {
                throw new InputException(problems);
            }

            var solve = solver.Read(parse, SolverOptionsBinding.CommandDefaults);
            var clock = solve.StartBudget();
            var set = overrides.Read(parse);
            var loaded = new List<(string, Scenarios.Scenario)>();
            var loadProblems = new List<InputProblem>();
            foreach (var file in parse.GetValue(scenarios)!)
            {
                var result = ScenarioLoader.Validate(file.ToString(), set);
                if (result.IsValid)
                {
                    loaded.Add((file.ToString(), result.Scenario!));
                }
                else
                {
                    loadProblems.AddRange(result.Problems);
                }
            }

            if (loadProblems.Count > 0)
            {
                throw new InputException(loadProblems);
            }

            var built = ScenarioAllocation.Build(loaded, parse.GetValue(fleet), parse.GetValue(budget), new AllocationWeights(parse.GetValue(penalty)));
            foreach (var note in built.Notes)
            {
                console.Error.WriteLine($"note: {note}");
            }

            var allocation = FleetAllocator.Solve(built.Problem, solve, clock);
            if (allocation.Solution is not { } plan)
            {
                throw new NoFeasiblePlanException(allocation.Explanation ?? "No allocation found.");
            }

            var consistency = AllocationConsistency.Check(built, plan, solve, clock, ScenarioSolverOptions.CrewOf(parse, crew));
            var report = Report(built, allocation, consistency);
            switch (parse.GetValue(format))
            {
                case "json":
                    console.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                    break;
                case "csv":
                    WriteCsv(console.Out, report);
                    break;
                default:
                    WriteTable(console.Out, report);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The data every format prints (JSON field names are these, camelCase).</summary>
    internal static AllocationReport Report(ScenarioAllocationProblem built, SolveOutcome<AllocationResult> outcome, IReadOnlyList<CorridorConsistency> consistency)
    {
        var result = outcome.Solution ?? throw new ArgumentException("A report needs an allocation.", nameof(outcome));
        var corridors = result.Corridors.Select((c, i) =>
        {
            var source = built.Sources[i];
            var input = built.Problem.Corridors[i];
            var marginal = result.Marginal.Single(m => m.CorridorId == c.CorridorId);
            var check = consistency.Single(x => x.CorridorId == c.CorridorId);
            return new CorridorReport(
                c.CorridorId,
                source.Scenario.Name,
                source.VehicleType.Id,
                input.SeatsPerBus,
                c.Buses,
                input.OwnedBuses,
                c.BusesBought,
                c.PurchaseCostYuan,
                Round(c.WaitPassengerMinutes),
                Round(c.UnservedPassengers),
                [.. c.Bands.Select((b, k) => new BandReport(
                    b.Band,
                    ServiceTime.FromMinutes(b.StartMinute).ToString(),
                    ServiceTime.FromMinutes(b.StartMinute + b.DurationMinutes).ToString(),
                    input.Bands[k].CycleMinutes,
                    input.Bands[k].OutboundPassengersPerHour,
                    input.Bands[k].InboundPassengersPerHour,
                    b.HeadwayMinutes,
                    input.Bands[k].AllowedHeadwaysMinutes.Min(),
                    b.BusesNeeded,
                    b.ExpectedWaitMinutes,
                    Round(b.WaitPassengerMinutes),
                    Round(b.UnservedPassengers)))],
                new MarginalReport(
                    Round(marginal.PlusOne),
                    marginal.MinusOne is { } minus ? Round(minus) : null,
                    Round(marginal.GainOfOneMore),
                    marginal.LossOfOneFewer is { } loss ? Round(loss) : null,
                    marginal.ProvenOptimal),
                new BlocksReport(check.Trips, check.BlockVehicles, check.FleetLowerBound, check.BlockStatus, check.Consistent, check.Explanation),
                Drivers(check.Drivers),
                new CostReport(Math.Round(check.VehicleCostYuan, 0), Math.Round(check.Drivers.DriverCostYuan, 0), Math.Round(check.OperatingCostYuan, 0)));
        });
        var drivers = consistency.Select(c => c.Drivers).ToList();
        return new AllocationReport(
            outcome.Status.Word(),
            Round(outcome.Objective),
            Round(outcome.Bound),
            Math.Round(outcome.Gap, 6),
            result.FleetSize,
            result.BudgetYuan,
            new TotalsReport(result.TotalBuses, result.BusesBought, result.PurchaseCostYuan, Round(result.WaitPassengerMinutes), Round(result.UnservedPassengers),
                drivers.Sum(d => d.Drivers), drivers.Sum(d => d.DriverLowerBound), Math.Round(drivers.Sum(d => d.PaidHours), 2), Math.Round(drivers.Sum(d => d.DrivingHours), 2),
                new CostReport(Math.Round(consistency.Sum(c => c.VehicleCostYuan), 0), Math.Round(drivers.Sum(d => d.DriverCostYuan), 0), Math.Round(consistency.Sum(c => c.OperatingCostYuan), 0))),
            new WeightsReport(1, result.Weights.UnservedPenaltyMinutes),
            [.. corridors],
            [.. result.ChargerUse.Select(u => new ChargerReport(
                u.SiteId,
                u.Points,
                ServiceTime.FromMinutes(u.BusiestStartMinute).ToString(),
                ServiceTime.FromMinutes(u.BusiestEndMinute).ToString(),
                Round(u.MinutesPerHourUsed),
                u.MinutesPerHourAvailable))]);
    }

    /// <summary>A corridor's driver figures rounded as a plan's KPIs are (hours to 0.01, yuan to 1).</summary>
    private static DriversReport Drivers(CorridorDrivers d) =>
        new(d.Drivers, d.DriverLowerBound, Math.Round(d.PaidHours, 2), Math.Round(d.DrivingHours, 2), Math.Round(d.DriverCostYuan, 0), d.Status);

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static void WriteTable(TextWriter o, AllocationReport r)
    {
        var limit = r.Fleet is { } f ? $"fleet {f}" : string.Create(Inv, $"budget {r.BudgetYuan:N0} yuan");
        o.WriteLine(string.Create(Inv, $"allocation  {limit}: {r.Totals.Buses} buses used, {r.Totals.BusesBought} bought ({r.Totals.PurchaseCostYuan:N0} yuan)"));
        o.WriteLine(string.Create(Inv, $"status      {r.Status}, objective {r.Objective:N1} passenger-min, bound {r.Bound:N1}, gap {r.Gap:P2}"));
        o.WriteLine(string.Create(Inv, $"objective   waiting {r.Totals.WaitPassengerMinutes:N1} passenger-min + {r.Weights.UnservedPenaltyMinutes:0.#} × {r.Totals.UnservedPassengers:N1} unserved passengers"));
        o.WriteLine(string.Create(Inv, $"drivers     {r.Totals.Drivers} (lower bound {r.Totals.DriverLowerBound}), {r.Totals.PaidHours:0.00} paid h, {r.Totals.DrivingHours:0.00} driving h, on the implied blocks"));
        o.WriteLine(string.Create(Inv, $"daily cost  {r.Totals.Cost.OperatingCostYuan:N0} yuan = vehicles {r.Totals.Cost.VehicleCostYuan:N0} (drivers apart) + drivers {r.Totals.Cost.DriverCostYuan:N0}, on the implied blocks"));
        o.WriteLine();
        o.WriteLine("corridor             vehicle       seats  buses  owned  bought   wait pax-min  unserved   +1 bus saves  -1 bus costs  blocks");
        foreach (var c in r.Corridors)
        {
            var loss = c.Marginal.LossOfOneFewer is { } l ? l.ToString("N1", Inv) : "infeasible";
            o.WriteLine(string.Create(Inv, $"{c.Corridor,-20} {c.VehicleType,-13} {c.Seats,5}  {c.Buses,5}  {c.Owned,5}  {c.Bought,6}  {c.WaitPassengerMinutes,13:N1}  {c.UnservedPassengers,8:N1}  {c.Marginal.GainOfOneMore,13:N1}  {loss,12}  {c.Blocks.Vehicles,6}"));
        }

        o.WriteLine();
        o.WriteLine("corridor             band      from   to     cycle  pax/h out/in  headway  demand-driven  buses  wait min  unserved");
        foreach (var c in r.Corridors)
        {
            foreach (var b in c.Bands)
            {
                o.WriteLine(string.Create(Inv, $"{c.Corridor,-20} {b.Band,-9} {b.From,-6} {b.To,-6} {b.CycleMinutes,5}  {b.OutboundPassengersPerHour,6}/{b.InboundPassengersPerHour,-6} {b.HeadwayMinutes,7}  {b.DemandDrivenHeadwayMinutes,13}  {b.BusesNeeded,5}  {b.ExpectedWaitMinutes,8:0.#}  {b.UnservedPassengers,8:N1}"));
            }
        }

        if (r.Chargers.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("charger site                     points  busiest        charger-min/h used  available");
            foreach (var u in r.Chargers)
            {
                o.WriteLine(string.Create(Inv, $"{u.Site,-32} {u.Points,6}  {u.From}–{u.To}  {u.MinutesPerHourUsed,18:0.#}  {u.MinutesPerHourAvailable,9}"));
            }
        }

        o.WriteLine();
        o.WriteLine("detailed plan: the block solver on the timetable each allocation implies");
        foreach (var c in r.Corridors)
        {
            o.WriteLine(string.Create(Inv, $"{c.Corridor,-20} {c.Blocks.Trips} trips, {c.Blocks.Vehicles} vehicles ({c.Blocks.Status.ToLowerInvariant()}), allocated {c.Buses}: {c.Blocks.Explanation}"));
        }

        o.WriteLine();
        o.WriteLine("corridor             drivers  bound  paid h  driving h  vehicle cost  driver cost  operating cost (yuan)  duties");
        foreach (var c in r.Corridors)
        {
            var d = c.Drivers;
            o.WriteLine(string.Create(Inv, $"{c.Corridor,-20} {d.Drivers,7}  {d.DriverLowerBound,5}  {d.PaidHours,6:0.00}  {d.DrivingHours,9:0.00}  {c.Cost.VehicleCostYuan,12:N0}  {c.Cost.DriverCostYuan,11:N0}  {c.Cost.OperatingCostYuan,21:N0}  {d.Status}"));
        }

        var t = r.Totals;
        o.WriteLine(string.Create(Inv, $"{"total",-20} {t.Drivers,7}  {t.DriverLowerBound,5}  {t.PaidHours,6:0.00}  {t.DrivingHours,9:0.00}  {t.Cost.VehicleCostYuan,12:N0}  {t.Cost.DriverCostYuan,11:N0}  {t.Cost.OperatingCostYuan,21:N0}"));
    }

    private static void WriteCsv(TextWriter o, AllocationReport r)
    {
        using var csv = CsvWriter.Create(o, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = Inv }, leaveOpen: true);
        csv.WriteHeader(
        [
            "corridor", "scenario", "buses", "band", "from", "to", "cycle_minutes", "outbound_per_hour", "inbound_per_hour",
            "headway_minutes", "demand_driven_headway_minutes", "buses_needed", "expected_wait_minutes", "wait_passenger_minutes",
            "unserved_passengers", "gain_of_one_more_bus", "loss_of_one_fewer_bus", "block_vehicles",
            "drivers", "driver_lower_bound", "paid_hours", "driving_hours", "driver_cost_yuan", "crew_status", "vehicle_cost_yuan", "operating_cost_yuan",
        ]);
        static string N(double value) => value.ToString("0.###", Inv);
        foreach (var c in r.Corridors)
        {
            foreach (var b in c.Bands)
            {
                csv.WriteRecord(
                [
                    c.Corridor, c.Scenario, N(c.Buses), b.Band, b.From, b.To, N(b.CycleMinutes), N(b.OutboundPassengersPerHour), N(b.InboundPassengersPerHour),
                    N(b.HeadwayMinutes), N(b.DemandDrivenHeadwayMinutes), N(b.BusesNeeded), N(b.ExpectedWaitMinutes), N(b.WaitPassengerMinutes),
                    N(b.UnservedPassengers), N(c.Marginal.GainOfOneMore), c.Marginal.LossOfOneFewer is { } loss ? N(loss) : string.Empty, N(c.Blocks.Vehicles),
                    N(c.Drivers.Drivers), N(c.Drivers.DriverLowerBound), N(c.Drivers.PaidHours), N(c.Drivers.DrivingHours), N(c.Drivers.DriverCostYuan), c.Drivers.Status, N(c.Cost.VehicleCostYuan), N(c.Cost.OperatingCostYuan),
                ]);
            }
        }
    }
}

/// <summary>What <c>allocate</c> prints; JSON fields are these names in camelCase.</summary>
internal sealed record AllocationReport(
    string Status,
    double Objective,
    double Bound,
    double Gap,
    int? Fleet,
    long? BudgetYuan,
    TotalsReport Totals,
    WeightsReport Weights,
    IReadOnlyList<CorridorReport> Corridors,
    IReadOnlyList<ChargerReport> Chargers);

/// <summary>A charger site's busiest stretch: charger-minutes per hour used and available.</summary>
internal sealed record ChargerReport(string Site, int Points, string From, string To, double MinutesPerHourUsed, int MinutesPerHourAvailable);

/// <summary>Totals over the corridors; the driver figures are sums over the corridors' implied blocks (a sum of lower bounds bounds the sum, the corridors' duties being apart).</summary>
internal sealed record TotalsReport(int Buses, int BusesBought, long PurchaseCostYuan, double WaitPassengerMinutes, double UnservedPassengers,
    int Drivers, int DriverLowerBound, double PaidHours, double DrivingHours, CostReport Cost);

/// <summary>The daily cost of the implied blocks as a plan counts it: vehicles (drivers apart) + drivers = operating cost, yuan.</summary>
internal sealed record CostReport(double VehicleCostYuan, double DriverCostYuan, double OperatingCostYuan);

/// <summary>Driver duties of a corridor's implied blocks: the figures of a plan's driver KPIs (cost = paid hours × the scenario's wage).</summary>
internal sealed record DriversReport(int Drivers, int DriverLowerBound, double PaidHours, double DrivingHours, double DriverCostYuan, string Status);

internal sealed record WeightsReport(double WaitPerPassengerMinute, double UnservedPenaltyMinutes);

internal sealed record CorridorReport(
    string Corridor,
    string Scenario,
    string VehicleType,
    int Seats,
    int Buses,
    int Owned,
    int Bought,
    long PurchaseCostYuan,
    double WaitPassengerMinutes,
    double UnservedPassengers,
    IReadOnlyList<BandReport> Bands,
    MarginalReport Marginal,
    BlocksReport Blocks,
    DriversReport Drivers,
    CostReport Cost);

internal sealed record BandReport(
    string Band,
    string From,
    string To,
    int CycleMinutes,
    int OutboundPassengersPerHour,
    int InboundPassengersPerHour,
    int HeadwayMinutes,
    int DemandDrivenHeadwayMinutes,
    int BusesNeeded,
    double ExpectedWaitMinutes,
    double WaitPassengerMinutes,
    double UnservedPassengers);

/// <summary>Objective with one bus more / fewer on this corridor (others unchanged), and the differences.</summary>
internal sealed record MarginalReport(double PlusOne, double? MinusOne, double GainOfOneMore, double? LossOfOneFewer, bool ProvenOptimal);

/// <summary>The vehicle-block solver on the timetable the allocation implies.</summary>
internal sealed record BlocksReport(int Trips, int Vehicles, int FleetLowerBound, string Status, bool WithinAllocation, string Explanation);
