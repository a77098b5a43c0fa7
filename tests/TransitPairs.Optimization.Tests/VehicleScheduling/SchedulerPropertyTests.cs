using CsCheck;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scheduling;
using TransitPairs.Scheduling.Generators;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>Invariants on random days: exactness against brute force, network equivalence, checker, bounds.</summary>
public sealed class SchedulerPropertyTests
{
    private static readonly SolveOptions Options = new(TimeSpan.FromSeconds(300), 1, 0);

    private static readonly Gen<(SyntheticDaySpec Spec, int Seed, OperatingCosts Costs)> SmallDays =
        from trips in Gen.Int[1, 8]
        from terminals in Gen.Int[1, 3]
        from depots in Gen.Int[0, 2]
        from limit in Gen.Int[1, 4]
        from emptyRuns in Gen.Bool
        from layover in Gen.Int[0, 15]
        from idle in Gen.Int[0, 2]
        from seed in Gen.Int[0, 1_000_000]
        select (new SyntheticDaySpec(trips, terminals, depots, depots == 0 ? null : limit, emptyRuns, layover, 6 * 60, 9 * 60), seed,
                new OperatingCosts(100_000, 100, idle));

    [Fact]
    public void Solve_RandomDaysUpToEightTrips_MatchesBruteForce()
    {
        SmallDays.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Spec, day.Seed, day.Costs);
            var result = TripScheduler.Solve(problem, Options);
            var best = BruteForce.Cheapest(problem);
            if (best is null)
            {
                Assert.Equal(SolveStatus.Infeasible, result.Status);
                return;
            }

            Assert.Equal(SolveStatus.Optimal, result.Status);
            // Per-minute costs such as 1/3 yuan make decimal sums depend on their order in the
            // 28th digit; a thousandth of a fen is far below any real difference between plans.
            Assert.InRange(result.Solution!.Cost - best.Value, -0.00001m, 0.00001m);
            Assert.InRange(result.Solution!.Cost - result.Solution!.LowerBound, -0.00001m, 0.00001m);
        }, iter: 100, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_RandomDays_PassesTheCheckerAndRespectsTheFleetBounds()
    {
        var days =
            from trips in Gen.Int[1, 60]
            from terminals in Gen.Int[1, 4]
            from depots in Gen.Int[0, 3]
            from emptyRuns in Gen.Bool
            from seed in Gen.Int[0, 1_000_000]
            select (new SyntheticDaySpec(trips, terminals, depots, null, emptyRuns, 5), seed);
        days.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Item1, day.seed);
            var result = TripScheduler.Solve(problem, Options);
            var check = VehicleScheduleChecker.Check(problem, result.Solution!.Schedule, result.Solution!.Cost);
            Assert.True(check.IsValid, string.Join("\n", check.Violations));
            Assert.True(result.Solution!.Schedule.Vehicles >= FleetLowerBounds.MostTripsInService(problem.Trips, problem.Rules.MinLayoverSeconds));
            Assert.True(result.Solution!.Schedule.Vehicles >= result.Solution!.FleetLowerBound);
            Assert.True(result.Solution!.Cost >= result.Solution!.LowerBound);
            if (!day.Item1.EmptyRuns && day.Item1.Depots == 0)
            {
                // Ceder: with no empty runs and no depots the per-terminal deficit sum is the minimum fleet.
                Assert.Equal(FleetLowerBounds.TerminalDeficitSum(problem.Trips, problem.Rules.MinLayoverSeconds), result.Solution!.Schedule.Vehicles);
            }
        }, iter: 25, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_TimeSpaceAndAllPairsNetworks_GiveTheSameOptimum()
    {
        var days =
            from trips in Gen.Int[1, 60]
            from terminals in Gen.Int[1, 5]
            from depots in Gen.Int[0, 2]
            from emptyRuns in Gen.Bool
            from idle in Gen.Int[0, 3]
            from seed in Gen.Int[0, 1_000_000]
            select (new SyntheticDaySpec(trips, terminals, depots, null, emptyRuns, 5), seed, new OperatingCosts(100_000, 100, idle));
        days.Sample(day =>
        {
            var problem = SyntheticDay.Generate(day.Item1, day.seed, day.Item3);
            var allPairs = TripScheduler.Solve(problem, Options, NetworkKind.AllPairs);
            var timeSpace = TripScheduler.Solve(problem, Options, NetworkKind.TimeSpace);
            Assert.Equal(SolveStatus.Optimal, allPairs.Status);
            Assert.Equal(SolveStatus.Optimal, timeSpace.Status);
            Assert.Equal(allPairs.Solution!.Cost, timeSpace.Solution!.Cost);
            Assert.Equal(allPairs.Solution!.Schedule.Vehicles, timeSpace.Solution!.Schedule.Vehicles);
        }, iter: 20, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_SameSeedOneWorker_GivesIdenticalBlocks()
    {
        var problem = SyntheticDay.Generate(new SyntheticDaySpec(80, Terminals: 3, Depots: 2, DepotVehicleLimit: 30), seed: 11);
        var first = TripScheduler.Solve(problem, Options);
        var second = TripScheduler.Solve(problem, Options);
        Assert.Equal(
            first.Solution!.Schedule.Blocks.Select(b => string.Join(",", b.TripIds) + "@" + b.DepotId),
            second.Solution!.Schedule.Blocks.Select(b => string.Join(",", b.TripIds) + "@" + b.DepotId));
    }
}

/// <summary>
/// Exhaustive search written apart from the solvers: every partition of the trips into blocks,
/// each block its trips in departure order from one depot, depot limits respected. Costs follow
/// the formula on <see cref="OperatingCosts"/>.
/// </summary>
internal static class BruteForce
{
    public static decimal? Cheapest(VehicleSchedulingProblem problem)
    {
        var trips = problem.Trips.OrderBy(t => t.Departure).ToArray();
        var n = trips.Length;
        var depots = problem.Depots.IsEmpty ? [null] : problem.Depots.Select(d => (VehicleDepot?)d).ToArray();
        var blockCost = new decimal?[1 << n, depots.Length];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            for (var d = 0; d < depots.Length; d++)
            {
                blockCost[mask, d] = BlockCost([.. Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Select(i => trips[i])], depots[d], problem);
            }
        }

        var memo = new Dictionary<(int, string), decimal?>();
        return Best((1 << n) - 1, new int[depots.Length]);

        decimal? Best(int left, int[] used)
        {
            if (left == 0)
            {
                return 0;
            }

            var key = (left, string.Join(",", used));
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            decimal? best = null;
            var lowest = left & -left;
            for (var block = left; block > 0; block = (block - 1) & left)
            {
                if ((block & lowest) == 0)
                {
                    continue;
                }

                for (var d = 0; d < depots.Length; d++)
                {
                    if (blockCost[block, d] is not { } cost || (depots[d]?.VehicleLimit is { } limit && used[d] >= limit))
                    {
                        continue;
                    }

                    used[d]++;
                    var rest = Best(left & ~block, used);
                    used[d]--;
                    if (rest is { } r && (best is null || cost + r < best))
                    {
                        best = cost + r;
                    }
                }
            }

            memo[key] = best;
            return best;
        }
    }

    private static decimal? BlockCost(ScheduledTrip[] block, VehicleDepot? depot, VehicleSchedulingProblem problem)
    {
        var costs = problem.Costs;
        decimal cost = costs.VehicleCost;
        for (var k = 1; k < block.Length; k++)
        {
            if (!problem.Deadheads.TryGet(block[k - 1].ToStop, block[k].FromStop, out var run))
            {
                return null;
            }

            var gap = block[k].Departure.TotalSeconds - block[k - 1].Arrival.TotalSeconds;
            if (gap < problem.Rules.MinLayoverSeconds + run.DurationSeconds || (problem.Rules.MaxIdleSeconds is { } idle && gap - run.DurationSeconds > idle))
            {
                return null;
            }

            cost += Km(run.DistanceMetres) + ((gap - run.DurationSeconds) * (decimal)costs.IdleCostPerMinute / 60m);
        }

        if (depot is not null)
        {
            if (!problem.Deadheads.TryGet(depot.Stop, block[0].FromStop, out var pullOut) || !problem.Deadheads.TryGet(block[^1].ToStop, depot.Stop, out var pullIn))
            {
                return null;
            }

            cost += Km(pullOut.DistanceMetres) + Km(pullIn.DistanceMetres);
        }

        return cost;

        decimal Km(int metres) => Math.Round(metres * (decimal)costs.CostPerKm / 1000m, MidpointRounding.AwayFromZero);
    }
}
