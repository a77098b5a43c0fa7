using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Tests.Solving;

public sealed class SolverContractTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1e9)]
    public void SolveOptions_TimeLimitOutOfRange_NamesTheParameter(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SolveOptions(TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2))));
        Assert.Equal("timeLimit", error.ParamName);
    }

    [Theory]
    [InlineData(0, 1, "workers")]
    [InlineData(257, 1, "workers")]
    [InlineData(1, -1, "seed")]
    public void SolveOptions_WorkersOrSeedOutOfRange_NamesTheParameter(int workers, int seed, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SolveOptions(TimeSpan.FromSeconds(1), workers, seed));
        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData(SolveStatus.Optimal, 100.0, 90.0, 0.0)]
    [InlineData(SolveStatus.Feasible, 100.0, 90.0, 0.1)]
    [InlineData(SolveStatus.Feasible, 100.0, 100.0, 0.0)]
    [InlineData(SolveStatus.Feasible, 100.0, 120.0, 0.0)]
    [InlineData(SolveStatus.Feasible, 0.0, -5.0, double.PositiveInfinity)]
    [InlineData(SolveStatus.Feasible, 100.0, double.NaN, double.PositiveInfinity)]
    [InlineData(SolveStatus.NoSolutionFound, double.NaN, 90.0, double.PositiveInfinity)]
    [InlineData(SolveStatus.Infeasible, double.NaN, double.NaN, double.PositiveInfinity)]
    public void SolveGap_Relative_OneFormulaForEveryStatus(SolveStatus status, double objective, double bound, double gap) =>
        Assert.Equal(gap, SolveGap.Relative(status, objective, bound), 9);

    [Fact]
    public void SolveOutcome_SolutionMustMatchTheStatus()
    {
        Assert.Throws<ArgumentException>(() => new SolveOutcome<string>(SolveStatus.Feasible, null, 1, 0, TimeSpan.Zero, "test"));
        Assert.Throws<ArgumentException>(() => new SolveOutcome<string>(SolveStatus.Infeasible, "a plan", 1, 0, TimeSpan.Zero, "test"));
        var outcome = new SolveOutcome<string>(SolveStatus.Feasible, "a plan", 110, 100, TimeSpan.Zero, "test") { Remedies = [new MoreVehicles(1)] };
        var mapped = outcome.Map(s => s.ToUpperInvariant());
        Assert.Equal(("A PLAN", 110.0, 100.0, SolveStatus.Feasible, 1), (mapped.Solution, mapped.Objective, mapped.Bound, mapped.Status, mapped.Remedies.Length));
        Assert.Equal(10.0 / 110, mapped.Gap, 12);
    }

    [Fact]
    public void WallClockBudget_ShareNeverOutlastsItsParent()
    {
        var parent = new WallClockBudget(TimeSpan.FromSeconds(10));
        var child = parent.Share(0.5);
        Assert.InRange(child.Limit.TotalSeconds, 4.0, 5.0);
        Assert.True(child.Remaining <= parent.Remaining);
        var spent = new WallClockBudget(TimeSpan.FromTicks(1));
        SpinWait.SpinUntil(() => spent.IsSpent);
        Assert.Equal(WallClockBudget.LeastPerSolve, spent.Left());
        Assert.True(spent.Share(1).Remaining == TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => parent.Left(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => parent.Left(1.5));
    }

    [Fact]
    public void CpSatParameters_OneWorkerAlsoCapsDeterministicTime()
    {
        Assert.Equal("max_time_in_seconds:2.5 max_deterministic_time:2.5 num_workers:1 random_seed:7 log_search_progress:false",
            CpSatParameters.For(new SolveOptions(TimeSpan.FromSeconds(9), 1, 7), TimeSpan.FromSeconds(2.5)));
        Assert.Equal("max_time_in_seconds:3 num_workers:4 random_seed:0 log_search_progress:false linearization_level:2",
            CpSatParameters.For(new SolveOptions(TimeSpan.FromSeconds(9), 4, 0), TimeSpan.FromSeconds(3), "linearization_level:2"));
    }

    [Fact]
    public void CheckedSolve_ASolutionTheCheckerRejects_Throws()
    {
        var outcome = new SolveOutcome<string>(SolveStatus.Optimal, "T1 twice", 1, 1, TimeSpan.Zero, "test");
        var error = Assert.Throws<SolutionCheckFailedException>(() => CheckedSolve.Run(() => outcome, s => s.Contains("twice", StringComparison.Ordinal) ? ["trip T1 is covered twice"] : [], "the blocks of a test day"));
        Assert.Equal("The solution for the blocks of a test day failed the independent check: trip T1 is covered twice", error.Message);
        Assert.Same(outcome, CheckedSolve.Run(() => outcome, _ => [], "a test"));
        var none = new SolveOutcome<string>(SolveStatus.Infeasible, null, double.NaN, double.NaN, TimeSpan.Zero, "test");
        Assert.Same(none, CheckedSolve.Run(() => none, _ => throw new InvalidOperationException("never called without a solution"), "a test"));
    }
}
