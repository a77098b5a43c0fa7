using System.Collections.Immutable;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// What running one headway in one band means: buses, waiting, unserved passengers, charger use,
/// and the integer objective coefficient. The solver models (CP-SAT and the MIP baseline) and the
/// result mapper read these figures, so they are computed in one place.
/// </summary>
/// <param name="HeadwayMinutes">Headway, minutes.</param>
/// <param name="BusesNeeded">⌈cycle / headway⌉: buses needed to keep the headway all band long.</param>
/// <param name="DeparturesPerDirection">Band minutes / headway (may be fractional), departures per direction.</param>
/// <param name="ServedPassengers">Passengers carried in the band, both directions.</param>
/// <param name="UnservedPassengers">Passengers beyond the seats offered, both directions.</param>
/// <param name="WaitPassengerMinutes">Served passengers × headway / 2 (random arrivals; Osuna &amp; Newell 1972).</param>
/// <param name="ObjectivePassengerSeconds">60 × (wait + penalty × unserved), rounded: the integer objective coefficient.</param>
internal readonly record struct HeadwayChoice(
    int HeadwayMinutes,
    int BusesNeeded,
    double DeparturesPerDirection,
    double ServedPassengers,
    double UnservedPassengers,
    double WaitPassengerMinutes,
    long ObjectivePassengerSeconds)
{
    /// <summary>Expected wait of a passenger arriving at random, minutes: headway / 2.</summary>
    public double ExpectedWaitMinutes => HeadwayMinutes / 2.0;

    public static HeadwayChoice For(AllocationCorridor corridor, AllocationBand band, int headwayMinutes, AllocationWeights weights)
    {
        var departures = (double)band.DurationMinutes / headwayMinutes;
        var seats = departures * corridor.SeatsPerBus;
        var served = 0.0;
        var unserved = 0.0;
        foreach (var perHour in (ReadOnlySpan<int>)[band.OutboundPassengersPerHour, band.InboundPassengersPerHour])
        {
            var passengers = perHour * band.DurationMinutes / 60.0;
            served += Math.Min(passengers, seats);
            unserved += Math.Max(0, passengers - seats);
        }

        var wait = served * headwayMinutes / 2.0;
        var objective = (long)Math.Round(60 * (wait + (weights.UnservedPenaltyMinutes * unserved)), MidpointRounding.AwayFromZero);
        return new HeadwayChoice(
            headwayMinutes,
            (band.CycleMinutes + headwayMinutes - 1) / headwayMinutes,
            departures,
            served,
            unserved,
            wait,
            objective);
    }
}

/// <summary>Every choice of every corridor and band, indexed [corridor][band][choice] like the problem.</summary>
internal sealed class HeadwayChoiceTable
{
    public HeadwayChoiceTable(AllocationProblem problem)
    {
        Problem = problem;
        Choices = [.. problem.Corridors.Select(c => c.Bands
            .Select(b => b.AllowedHeadwaysMinutes.Select(h => HeadwayChoice.For(c, b, h, problem.Weights)).ToImmutableArray())
            .ToImmutableArray())];
    }

    public AllocationProblem Problem { get; }

    public ImmutableArray<ImmutableArray<ImmutableArray<HeadwayChoice>>> Choices { get; }

    /// <summary>The integer passenger objective of a choice index per corridor and band.</summary>
    public long PassengerSeconds(int[][] choice) =>
        Enumerable.Range(0, Choices.Length)
            .Sum(c => Enumerable.Range(0, Choices[c].Length).Sum(b => Choices[c][b][choice[c][b]].ObjectivePassengerSeconds));

    /// <summary>The longest allowed headway in every band: feasible whenever any plan is (fewest buses, least charging).</summary>
    public int[][] LongestHeadways() =>
        [.. Choices.Select(bands => bands.Select(choices => choices.Length - 1).ToArray())];

    /// <summary>Most buses corridor <paramref name="corridor"/> can use: its busiest band at its shortest headway.</summary>
    public int MaxBuses(int corridor) => Choices[corridor].Max(band => band.Max(choice => choice.BusesNeeded));

    /// <summary>Fewest buses corridor <paramref name="corridor"/> can run with: its busiest band at its longest headway.</summary>
    public int MinBuses(int corridor) => Choices[corridor].Max(band => band.Min(choice => choice.BusesNeeded));

    /// <summary>
    /// Time segments over which charger use is constant at a site: between consecutive band
    /// boundaries of the corridors charging there. Each item: site index, start, end (minutes),
    /// and for each such corridor the band covering the segment and its charging at the site.
    /// </summary>
    public IEnumerable<ChargerSegment> ChargerSegments()
    {
        for (var s = 0; s < Problem.ChargerSites.Length; s++)
        {
            var site = Problem.ChargerSites[s];
            var users = Enumerable.Range(0, Problem.Corridors.Length)
                .Where(c => Problem.Corridors[c].Charging.Any(x => x.SiteId == site.Id))
                .ToList();
            var cuts = users
                .SelectMany(c => Problem.Corridors[c].Bands.SelectMany(b => new[] { b.StartMinute, b.EndMinute }))
                .Distinct()
                .Order()
                .ToList();
            for (var i = 0; i + 1 < cuts.Count; i++)
            {
                var start = cuts[i];
                var end = cuts[i + 1];
                var covering = users
                    .Select(c => (Corridor: c, Band: BandCovering(Problem.Corridors[c], start, end), Charging: Problem.Corridors[c].Charging.Single(x => x.SiteId == site.Id)))
                    .Where(x => x.Band >= 0)
                    .ToImmutableArray();
                if (covering.Length > 0)
                {
                    yield return new ChargerSegment(s, start, end, covering);
                }
            }
        }
    }

    private static int BandCovering(AllocationCorridor corridor, int startMinute, int endMinute)
    {
        for (var b = 0; b < corridor.Bands.Length; b++)
        {
            if (corridor.Bands[b].StartMinute <= startMinute && corridor.Bands[b].EndMinute >= endMinute)
            {
                return b;
            }
        }

        return -1;
    }
}

/// <summary>A stretch of the day at one charger site and the (corridor, band) pairs charging there then.</summary>
internal sealed record ChargerSegment(int Site, int StartMinute, int EndMinute, ImmutableArray<(int Corridor, int Band, CorridorCharging Charging)> Users)
{
    /// <summary>Charger-seconds per hour the users need when each runs choice <paramref name="choiceOf"/>(corridor, band).</summary>
    public long SecondsPerHour(HeadwayChoiceTable table, Func<int, int, int> choiceOf) =>
        Users.Sum(u => u.Charging.SecondsPerHour(table.Choices[u.Corridor][u.Band][choiceOf(u.Corridor, u.Band)].HeadwayMinutes));
}
