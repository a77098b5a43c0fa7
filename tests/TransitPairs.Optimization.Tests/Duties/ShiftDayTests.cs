using TransitPairs.Duties;
using TransitPairs.Optimization.Duties;
using TransitPairs.Optimization.Solving;
using TransitPairs.TestSupport;

namespace TransitPairs.Optimization.Tests.Duties;

/// <summary>
/// The OR-Tools example's day: the time-line pricing against the all-pairs duty graph, the CP-SAT
/// port of the example's model against the column generation, and the LP bound of the medium day
/// against the counting bound.
/// </summary>
public sealed class ShiftDayTests
{
    private const long Weight = CrewBenchmarkSolver.ShiftDriverWeight;

    /// <summary>A random day: <paramref name="n"/> pieces of 10–90 min starting over <paramref name="hours"/> hours from 05:00.</summary>
    private static ShiftDayInstance RandomDay(Random random, int n, int hours)
    {
        var pieces = Enumerable.Range(0, n)
            .Select(_ => random.Next(300, 300 + (hours * 60)))
            .Order()
            .Select((s, i) =>
            {
                var d = random.Next(10, 91);
                return new ShiftPiece(i, s, s + d, d);
            });
        return new ShiftDayInstance("random", [.. pieces], new ShiftDayRules());
    }

    private static double ReducedCost(DutyColumn c, double[] pi) => c.Cost - c.Tasks.Sum(t => pi[t]);

    /// <summary>
    /// The exact time-line round finds the least reduced cost over every duty the rules allow: the
    /// all-pairs graph enumerates every duty apart from it, and the least of their reduced costs must
    /// be the same (and the priced duties must cost what the graph says).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TimeLinePricing_FindsTheLeastReducedCostOfAllDuties(int seed)
    {
        var random = new Random(seed);
        var day = RandomDay(random, 22, 13);
        var pi = Enumerable.Range(0, day.Pieces.Length).Select(_ => random.NextDouble() * 30_000).ToArray();
        var columns = new ShiftDayColumns(day, Weight, () => false);
        var round = columns.PriceExact(pi, 0, 1000);

        var all = new DutyGraphPricer(CrewBenchmarkSolver.Graph(day)).Enumerate(pi, 0, double.PositiveInfinity, 5_000_000, () => false);
        Assert.NotNull(all);
        Assert.NotEmpty(all);
        Assert.Equal(all.Min(c => ReducedCost(c, pi)), round.LeastReducedCost, 6);
        var byKey = all.ToDictionary(c => c.Key, c => c.Cost);
        Assert.All(round.Columns, c => Assert.Equal(byKey[c.Key], c.Cost));
    }

    /// <summary>
    /// On a day small enough for a proof, the CP-SAT port of the example's model and the column
    /// generation agree on the fewest drivers, and both answers pass the independent checker.
    /// </summary>
    [Fact]
    public void CpSatPort_AndColumnGeneration_AgreeOnDriversOfASmallDay()
    {
        var random = new Random(7);
        var day = RandomDay(random, 14, 12);
        var options = new SolveOptions(TimeSpan.FromSeconds(300), 2, 1);
        var cpSat = ShiftDayCpSat.Solve(day, options, options.StartBudget());
        var columns = CrewBenchmarkSolver.Solve(day, options, options.StartBudget());
        Assert.NotNull(cpSat.Solution);
        Assert.NotNull(columns.Solution);
        Assert.Empty(CrewInstanceChecker.Check(day, cpSat.Solution.Duties));
        Assert.Empty(CrewInstanceChecker.Check(day, columns.Solution.Duties));

        // CP-SAT's driver bound met (proof) and the column generation's bound met.
        Assert.Equal(cpSat.Solution.Duties.Count, (int)(cpSat.Bound / Weight));
        Assert.Equal(cpSat.Solution.Duties.Count, columns.Solution.Duties.Count);
        Assert.Equal(columns.Solution.Duties.Count, (int)Math.Floor(columns.Bound / Weight));
    }

    private static ShiftDayInstance Day(string name)
    {
        var rows = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "benchmarks", "instances", "crew", "ortools-sample", name + ".csv")).Skip(1)
            .Select(l => l.Split(',').Select(int.Parse).ToArray());
        return new ShiftDayInstance(name, [.. rows.Select(f => new ShiftPiece(f[0], f[1], f[2], f[3]))], new ShiftDayRules());
    }

    /// <summary>The counting bounds the benchmark README gives for the example's days (6 / 16 / 103).</summary>
    [Theory]
    [InlineData("small", 6)]
    [InlineData("medium", 16)]
    [InlineData("large", 103)]
    public void CountingBound_IsTheOnePublishedForEachDay(string name, int drivers) =>
        Assert.Equal(drivers, CrewBenchmarkSolver.CountingDrivers(Day(name)));

    /// <summary>
    /// The span bound on the example's days: small 8 and medium 29 (their proven fewest drivers,
    /// benchmarks/README.md: never above them), large 135 (under the 136 drivers found). The cost
    /// floor of that many drivers is at most the best answer known (small: proven optimal).
    /// </summary>
    [Theory]
    [InlineData("small", 8, 804_457)]
    [InlineData("medium", 29, 2_913_530)]
    [InlineData("large", 135, 13_669_882)]
    public void SpanBound_OnTheExampleDays(string name, int drivers, long bestKnown)
    {
        var day = Day(name);
        Assert.Equal(drivers, ShiftDayBounds.SpanDrivers(day));
        Assert.InRange(ShiftDayBounds.CostFloor(day, drivers, Weight), drivers * (Weight + day.Rules.MinSpan), bestKnown);
    }

    /// <summary>
    /// The span bound never exceeds the drivers of a checked answer on random days, from sparse to
    /// dense and from shorter than one span to two spans long (where it is larger than the counting bound).
    /// </summary>
    [Theory]
    [InlineData(21, 40, 10)]
    [InlineData(22, 60, 14)]
    [InlineData(23, 80, 18)]
    [InlineData(24, 120, 20)]
    [InlineData(25, 150, 22)]
    [InlineData(26, 30, 16)]
    public void SpanBound_NeverAboveACheckedAnswer(int seed, int pieces, int hours)
    {
        var day = RandomDay(new Random(seed), pieces, hours);
        var answer = ShiftDayHeuristic.Solve(day, Weight, seed, TimeSpan.FromSeconds(20), () => false);
        Assert.NotNull(answer);
        Assert.Empty(CrewInstanceChecker.Check(day, AsLists(answer.Duties)));
        var bound = ShiftDayBounds.SpanDrivers(day);
        Assert.True(bound <= answer.Duties.Count, $"span bound {bound}, answer {answer.Duties.Count} drivers");
        Assert.True(bound >= 1);
        Assert.True(ShiftDayBounds.CostFloor(day, bound, Weight) <= answer.Cost, $"cost floor {ShiftDayBounds.CostFloor(day, bound, Weight)}, answer {answer.Cost}");
    }

    /// <summary>
    /// On small random days longer than one span, solved to a proof by the CP-SAT port of the
    /// example's model (its objective bound meets its drivers), the span bound is at most the
    /// proven fewest drivers.
    /// </summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void SpanBound_AtMostTheProvenFewestDrivers(int seed)
    {
        var day = RandomDay(new Random(seed), 16, 14);
        var options = new SolveOptions(TimeSpan.FromSeconds(300), 2, 1);
        var cpSat = ShiftDayCpSat.Solve(day, options, options.StartBudget());
        Assert.NotNull(cpSat.Solution);
        Assert.Empty(CrewInstanceChecker.Check(day, cpSat.Solution.Duties));
        var fewest = cpSat.Solution.Duties.Count;
        Assert.Equal(fewest, (int)(cpSat.Bound / Weight));
        Assert.InRange(ShiftDayBounds.SpanDrivers(day), 1, fewest);
        Assert.True(ShiftDayBounds.CostFloor(day, fewest, Weight) <= cpSat.Solution.Cost);
    }

    private static long CostOf(ShiftDayInstance day, IReadOnlyList<int> duty) =>
        Weight + day.Rules.SetupBefore + day.Rules.CleanupAfter + day.Pieces[duty[^1]].EndMinute - day.Pieces[duty[0]].StartMinute;

    private static List<IReadOnlyList<int>> AsLists(IEnumerable<int[]> duties) => [.. duties.Select(d => (IReadOnlyList<int>)d)];

    /// <summary>
    /// Ruin and recreate on random days: its answer passes the independent checker and costs what
    /// it says, and started again from that answer it never returns a worse one.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Heuristic_AnswersPassTheChecker_AndNeverWorsenTheirStart(int seed)
    {
        var day = RandomDay(new Random(seed), 60, 14);
        var first = ShiftDayHeuristic.Solve(day, Weight, seed, TimeSpan.FromSeconds(20), () => false);
        Assert.NotNull(first);
        Assert.Empty(CrewInstanceChecker.Check(day, AsLists(first.Duties)));
        Assert.Equal(first.Duties.Sum(d => CostOf(day, d)), first.Cost);

        var again = ShiftDayHeuristic.Solve(day, Weight, seed + 1, TimeSpan.FromSeconds(20), () => false, first.Duties);
        Assert.NotNull(again);
        Assert.Empty(CrewInstanceChecker.Check(day, AsLists(again.Duties)));
        Assert.True(again.Cost <= first.Cost, $"{again.Cost} after starting from {first.Cost}");
    }

    /// <summary>A piece longer than the continuous driving allows: no duties, not a wrong answer.</summary>
    [Fact]
    public void Heuristic_PieceNobodyMayDrive_GivesNoAnswer()
    {
        var day = new ShiftDayInstance("long", [new ShiftPiece(0, 300, 600, 300), new ShiftPiece(1, 700, 760, 60)], new ShiftDayRules());
        Assert.Null(ShiftDayHeuristic.Solve(day, Weight, 1, TimeSpan.FromSeconds(5), () => false));
    }

    /// <summary>
    /// The medium day at a short limit: duties that pass the checker (the construction answers from
    /// the first second), no fewer drivers than the bound, and within 10 % of its 29-driver LP bound
    /// (main's converged LP, benchmarks/README.md).
    /// </summary>
    [Fact]
    public void MediumDay_ShortLimit_GivesCheckedDutiesNearTheBound()
    {
        var day = Day("medium");
        var options = new SolveOptions(TimeSpan.FromSeconds(5), 2, 1);
        var answer = CrewBenchmarkSolver.Solve(day, options, options.StartBudget());
        Assert.NotNull(answer.Solution);
        Assert.Empty(CrewInstanceChecker.Check(day, answer.Solution.Duties));
        var drivers = answer.Solution.Duties.Count;
        Assert.True(drivers >= (int)Math.Floor(answer.Bound / Weight) && drivers >= 16, $"{drivers} drivers, bound {answer.Bound}");
        Assert.True(drivers <= 32, $"{drivers} drivers");
    }

    /// <summary>The large day (1,356 pieces) at a short limit: checked duties, a driver bound of at least the span bound's 135.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void LargeDay_ShortLimit_GivesCheckedDuties()
    {
        var day = Day("large");
        var options = new SolveOptions(TimeSpan.FromSeconds(20), 2, 1);
        var answer = CrewBenchmarkSolver.Solve(day, options, options.StartBudget());
        Assert.NotNull(answer.Solution);
        Assert.Empty(CrewInstanceChecker.Check(day, answer.Solution.Duties));
        Assert.InRange(answer.Solution.Duties.Count, 135, 150);
        Assert.Equal(answer.Solution.Duties.Sum(d => CostOf(day, d)), answer.Solution.Cost);

        // The span bound carries the bound whatever the LP reaches: at least 135 drivers, never above the answer.
        Assert.InRange((long)Math.Floor(answer.Bound / Weight), 135, answer.Solution.Duties.Count);
    }

    /// <summary>The medium day's LP bound, run to convergence, is at least the counting bound of 16 drivers.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void MediumDay_LpBound_AtLeastTheCountingBound()
    {
        var day = Day("medium");
        var options = new SolveOptions(TimeSpan.FromSeconds(1200), 1, 1);
        var result = ColumnGeneration.Solve(new ShiftDayColumns(day, Weight, () => false), options, options.StartBudget(), boundOnly: true);
        Assert.True(result.LowerBound >= 16 * Weight, $"bound {result.LowerBound}");
    }
}
