using System.Collections.Immutable;

namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// A trip of the integer core: it leaves place <see cref="StartPlace"/> at <see cref="StartTime"/> and
/// reaches <see cref="EndPlace"/> at <see cref="EndTime"/>. Places are indices 0..P-1; times are
/// seconds since the start of the service day (EndTime ≥ StartTime).
/// </summary>
public readonly record struct VspTrip(int StartPlace, int StartTime, int EndPlace, int EndTime);

/// <summary>An empty run between two places: driving time in seconds and distance in metres (both ≥ 0).</summary>
public readonly record struct EmptyRun(int Seconds, int Metres);

/// <summary>
/// Which empty runs exist between places. <c>TryGet(p, p)</c> is normally a zero run; a false answer
/// means a vehicle cannot go from one place to the other.
/// </summary>
public interface IEmptyRunOracle
{
    bool TryGet(int fromPlace, int toPlace, out EmptyRun run);
}

/// <summary>No empty runs: a vehicle may only continue from the place where it is.</summary>
public sealed class StayInPlace : IEmptyRunOracle
{
    public static StayInPlace Instance { get; } = new();

    public bool TryGet(int fromPlace, int toPlace, out EmptyRun run)
    {
        run = default;
        return fromPlace == toPlace;
    }
}

/// <summary>Empty runs from a dense place × place table; a negative time means "no run".</summary>
public sealed class EmptyRunMatrix : IEmptyRunOracle
{
    private readonly int[] seconds;
    private readonly int[] metres;

    /// <param name="places">Number of places P.</param>
    /// <param name="seconds">P×P row-major driving times in seconds; negative = not possible.</param>
    /// <param name="metres">P×P row-major distances in metres.</param>
    public EmptyRunMatrix(int places, int[] seconds, int[] metres)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(metres);
        if (seconds.Length != places * places || metres.Length != places * places)
        {
            throw new ArgumentException($"The empty-run tables have {places}×{places} entries.", nameof(seconds));
        }

        Places = places;
        this.seconds = seconds;
        this.metres = metres;
    }

    public int Places { get; }

    public bool TryGet(int fromPlace, int toPlace, out EmptyRun run)
    {
        var k = (fromPlace * Places) + toPlace;
        if ((uint)fromPlace >= (uint)Places || (uint)toPlace >= (uint)Places || seconds[k] < 0)
        {
            run = default;
            return false;
        }

        run = new EmptyRun(seconds[k], metres[k]);
        return true;
    }
}

/// <summary>A depot at a place with at most <see cref="VehicleLimit"/> vehicles.</summary>
public readonly record struct VspDepot(int Place, int VehicleLimit);

/// <summary>
/// Cost model in whole cost units: <see cref="VehicleCost"/> per vehicle (meant to dominate), plus
/// <c>round(metres × CostPerKm / 1000)</c> per empty run (pull-outs and pull-ins included), plus
/// <c>idleSeconds × IdleCostPerMinute / 60</c> per connection (idle = gap − empty-run time).
/// Inside the solvers every cost is multiplied by <see cref="Scale"/> (60 when idle time costs,
/// else 1) so that idle cost stays an integer and adds up exactly along waiting arcs.
/// </summary>
public sealed record VspCosts(long VehicleCost, long CostPerKm, long IdleCostPerMinute)
{
    /// <summary>Internal cost units per cost unit.</summary>
    public long Scale => IdleCostPerMinute > 0 ? 60 : 1;

    /// <summary>Cost of one empty run, internal units.</summary>
    public long RunCost(int metres) => Scale * (((metres * CostPerKm) + 500) / 1000);

    /// <summary>Cost of waiting <paramref name="idleSeconds"/>, internal units (exact: seconds × cost per minute / 60 × 60).</summary>
    public long IdleCost(long idleSeconds) => idleSeconds * IdleCostPerMinute;
}

/// <summary>
/// A vehicle scheduling problem of the integer core: trips, empty runs, depots (none = vehicles
/// start at their first trip and end after their last, at no cost beyond the vehicle), the least
/// layover, optional limits and the costs. Trip j may follow trip i when
/// <c>EndTime_i + MinLayover + run(EndPlace_i, StartPlace_j).Seconds ≤ StartTime_j</c>.
/// </summary>
public sealed record VspProblem
{
    public VspProblem(
        ImmutableArray<VspTrip> trips,
        IEmptyRunOracle emptyRuns,
        ImmutableArray<VspDepot> depots,
        VspCosts costs,
        int minLayoverSeconds = 0,
        int? maxIdleSeconds = null,
        int? maxBlockSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(emptyRuns);
        ArgumentNullException.ThrowIfNull(costs);
        if (trips.IsDefault)
        {
            throw new ArgumentNullException(nameof(trips));
        }

        foreach (var t in trips)
        {
            if (t.EndTime < t.StartTime || t.StartPlace < 0 || t.EndPlace < 0)
            {
                throw new ArgumentException($"Trip {t} ends before it starts or has a negative place.", nameof(trips));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minLayoverSeconds);
        Trips = trips;
        EmptyRuns = emptyRuns;
        Depots = depots.IsDefault ? [] : depots;
        Costs = costs;
        MinLayoverSeconds = minLayoverSeconds;
        MaxIdleSeconds = maxIdleSeconds;
        MaxBlockSeconds = maxBlockSeconds;
    }

    public ImmutableArray<VspTrip> Trips { get; }

    public IEmptyRunOracle EmptyRuns { get; }

    public ImmutableArray<VspDepot> Depots { get; }

    public VspCosts Costs { get; }

    public int MinLayoverSeconds { get; }

    /// <summary>Longest wait between two trips (gap − empty-run time), seconds; null = none.</summary>
    public int? MaxIdleSeconds { get; }

    /// <summary>Longest block from pull-out start to pull-in end, seconds; null = none.</summary>
    public int? MaxBlockSeconds { get; }
}
