using CsCheck;
using TransitPairs.Optimization.Allocation;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.Tests.Allocation;

/// <summary>
/// The solvers against enumeration of every headway choice on small random problems. The
/// enumeration evaluates plans with its own arithmetic (waiting, seats, charger minutes), not
/// with the solver's coefficient table.
/// </summary>
public sealed class FleetAllocatorPropertyTests
{
    private static readonly int[] ClockFace = [10, 12, 15, 20, 30, 40, 60];

    private static readonly Gen<AllocationProblem> SmallProblems =
        from corridorCount in Gen.Int[1, 3]
        from corridors in GenCorridor.Array[corridorCount]
        from points in Gen.Int[0, 3]
        from fleet in Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int[0, 16].Select(n => (int?)n)))
        from budgetMillions in Gen.Frequency((2, Gen.Const((int?)null)), (1, Gen.Int[0, 8].Select(n => (int?)n)))
        select new AllocationProblem(
            [.. corridors.Select((c, i) => c(i))],
            [new ChargerSiteCapacity("S", points)],
            fleet,
            budgetMillions * 1_000_000L);

    private static Gen<Func<int, AllocationCorridor>> GenCorridor =>
        from bandCount in Gen.Int[1, 2]
        from bands in GenBand.Array[bandCount]
        from seats in Gen.Int[20, 50]
        from owned in Gen.Int[0, 4]
        from priceMillions in Gen.Int[1, 3]
        from charges in Gen.Bool
        from sessionMinutes in Gen.Int[5, 30]
        select (Func<int, AllocationCorridor>)(i => new AllocationCorridor(
            $"C{i}",
            [.. bands.Select((b, k) => b(k))],
            seats,
            owned,
            priceMillions * 1_000_000L,
            charges ? [new CorridorCharging("S", 1, sessionMinutes)] : []));

    // Bands are consecutive hours from 06:00 with lengths of 1–3 h; band k starts after band k−1.
    private static Gen<Func<int, AllocationBand>> GenBand =>
        from hours in Gen.Int[1, 3]
        from cycle in Gen.Int[30, 200]
        from outbound in Gen.Int[0, 150]
        from inbound in Gen.Int[0, 150]
        from headways in Gen.Shuffle(ClockFace, 1, 3)
        select (Func<int, AllocationBand>)(k => new AllocationBand($"b{k}", 360 + (k * 180), hours * 60, cycle, outbound, inbound, [.. headways]));

    [Fact]
    public void Solve_SmallProblems_MatchesEnumerationOfAllHeadwayChoices()
    {
        SmallProblems.Sample(
            problem =>
            {
                var best = Enumerate(problem);
                if (best is null)
                {
                    Assert.Equal(SolveStatus.Infeasible, FleetAllocator.Solve(problem, AllocationCases.Options, AllocationCases.Options.StartBudget(), withMarginal: false).Status);
                    return;
                }

                var outcome = FleetAllocator.Solve(problem, AllocationCases.Options, AllocationCases.Options.StartBudget(), withMarginal: false);
                var result = outcome.Solution!;
                var headways = result.Corridors.Select(c => c.Bands.Select(b => b.HeadwayMinutes).ToArray()).ToArray();
                var evaluated = Evaluate(problem, headways);
                Assert.NotNull(evaluated);
                Assert.Equal(SolveStatus.Optimal, outcome.Status);
                Assert.InRange(evaluated.Value, best.Value.Objective - Tolerance(problem), best.Value.Objective + Tolerance(problem));
                Assert.InRange(outcome.Objective, best.Value.Objective - Tolerance(problem), best.Value.Objective + Tolerance(problem));
                Assert.Equal(
                    result.Corridors.Select(c => c.Bands.Max(b => b.BusesNeeded)),
                    result.Corridors.Select(c => c.Buses));
            },
            iter: 150,
            threads: 1);
    }

    [Fact]
    public void MipBaseline_SmallProblems_AgreesWithEnumeration()
    {
        SmallProblems.Sample(
            problem =>
            {
                var best = Enumerate(problem);
                var mip = MipFleetAllocator.Solve(problem, AllocationCases.Options, AllocationCases.Options.StartBudget());
                Assert.Equal(best is null, mip is null);
                if (best is not null && mip is not null)
                {
                    Assert.InRange(mip.ObjectivePassengerSeconds / 60.0, best.Value.Objective - Tolerance(problem), best.Value.Objective + Tolerance(problem));
                }
            },
            iter: 40,
            threads: 1);
    }

    [Fact]
    public void Marginal_SmallProblems_MatchesEnumerationWithTheCorridorOneBusUpOrDown()
    {
        SmallProblems.Where(p => Enumerate(p) is not null).Sample(
            problem =>
            {
                var result = FleetAllocator.Solve(problem, AllocationCases.Options, AllocationCases.Options.StartBudget()).Solution!;
                var buses = result.Corridors.Select(c => c.Buses).ToArray();
                for (var c = 0; c < buses.Length; c++)
                {
                    var marginal = result.Marginal[c];
                    var plus = buses.ToArray();
                    plus[c]++;
                    Assert.InRange(marginal.PlusOne, Enumerate(problem, plus)!.Value.Objective - Tolerance(problem), Enumerate(problem, plus)!.Value.Objective + Tolerance(problem));
                    Assert.True(marginal.GainOfOneMore >= -Tolerance(problem));

                    var minus = buses.ToArray();
                    minus[c]--;
                    var fewer = minus[c] < 0 ? null : Enumerate(problem, minus);
                    Assert.Equal(fewer is null, marginal.MinusOne is null);
                    if (fewer is not null)
                    {
                        Assert.InRange(marginal.MinusOne!.Value, fewer.Value.Objective - Tolerance(problem), fewer.Value.Objective + Tolerance(problem));
                    }
                }
            },
            iter: 40,
            threads: 1);
    }

    /// <summary>The solver rounds each band's objective to a passenger-second.</summary>
    private static double Tolerance(AllocationProblem problem) =>
        problem.Corridors.Sum(c => c.Bands.Length) / 60.0;

    /// <summary>
    /// Best plan over every combination of allowed headways; with <paramref name="busCaps"/> each
    /// corridor has at most that many buses and the fleet and budget are ignored.
    /// </summary>
    private static (double Objective, int[][] Headways)? Enumerate(AllocationProblem problem, int[]? busCaps = null)
    {
        var slots = problem.Corridors.SelectMany((c, i) => c.Bands.Select((b, k) => (Corridor: i, Band: k, b.AllowedHeadwaysMinutes))).ToArray();
        var index = new int[slots.Length];
        (double, int[][])? best = null;
        while (true)
        {
            var headways = problem.Corridors.Select(c => new int[c.Bands.Length]).ToArray();
            for (var s = 0; s < slots.Length; s++)
            {
                headways[slots[s].Corridor][slots[s].Band] = slots[s].AllowedHeadwaysMinutes[index[s]];
            }

            if (Evaluate(problem, headways, busCaps) is { } value && (best is null || value < best.Value.Item1))
            {
                best = (value, headways);
            }

            var carry = 0;
            while (carry < slots.Length && ++index[carry] == slots[carry].AllowedHeadwaysMinutes.Length)
            {
                index[carry++] = 0;
            }

            if (carry == slots.Length)
            {
                return best;
            }
        }
    }

    /// <summary>Passenger-minutes of a plan, or null when it breaks the fleet, budget, caps or chargers.</summary>
    private static double? Evaluate(AllocationProblem problem, int[][] headways, int[]? busCaps = null)
    {
        var buses = problem.Corridors
            .Select((c, i) => c.Bands.Select((b, k) => (int)Math.Ceiling((double)b.CycleMinutes / headways[i][k])).Max())
            .ToArray();
        if (busCaps is not null && buses.Where((n, i) => n > busCaps[i]).Any())
        {
            return null;
        }

        if (busCaps is null && problem.FleetSize is { } fleet && buses.Sum() > fleet)
        {
            return null;
        }

        if (busCaps is null && problem.BudgetYuan is { } budget
            && problem.Corridors.Select((c, i) => Math.Max(0, buses[i] - c.OwnedBuses) * c.PurchaseCostYuan).Sum() > budget)
        {
            return null;
        }

        // Charger use is constant between band starts; check at every band start of every corridor.
        foreach (var site in problem.ChargerSites)
        {
            foreach (var minute in problem.Corridors.SelectMany(c => c.Bands.Select(b => b.StartMinute)))
            {
                var chargerMinutesPerHour = 0.0;
                for (var i = 0; i < problem.Corridors.Length; i++)
                {
                    var corridor = problem.Corridors[i];
                    var k = corridor.Bands.ToList().FindIndex(b => b.StartMinute <= minute && minute < b.StartMinute + b.DurationMinutes);
                    foreach (var charging in corridor.Charging.Where(x => x.SiteId == site.Id && k >= 0))
                    {
                        chargerMinutesPerHour += 60.0 / headways[i][k] * charging.SessionsPerRoundTrip * charging.SessionMinutes;
                    }
                }

                if (chargerMinutesPerHour > (site.Points * 60) + 1e-9)
                {
                    return null;
                }
            }
        }

        var total = 0.0;
        for (var i = 0; i < problem.Corridors.Length; i++)
        {
            var corridor = problem.Corridors[i];
            for (var k = 0; k < corridor.Bands.Length; k++)
            {
                var band = corridor.Bands[k];
                var h = headways[i][k];
                var seatsInBand = corridor.SeatsPerBus * band.DurationMinutes / (double)h;
                foreach (var perHour in new[] { band.OutboundPassengersPerHour, band.InboundPassengersPerHour })
                {
                    var passengers = perHour * band.DurationMinutes / 60.0;
                    var left = Math.Max(0, passengers - seatsInBand);
                    total += ((passengers - left) * h / 2) + (left * problem.Weights.UnservedPenaltyMinutes);
                }
            }
        }

        return total;
    }
}
