using System.Collections.Immutable;
using TransitPairs.Places;
using TransitPairs.Policy;
using TransitPairs.Scenarios;
using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Duties;

/// <summary>What a driver does during one <see cref="DutyActivity"/> (the <c>kind</c> column of duties.csv).</summary>
public enum DutyActivityKind
{
    /// <summary>Paid time before the first piece (sign_on).</summary>
    SignOn,

    /// <summary>Driving one trip or one empty run of a vehicle block (drive).</summary>
    Drive,

    /// <summary>Not driving for at least the rest that resets continuous driving (break).</summary>
    Break,

    /// <summary>Riding as a passenger between relief points (travel).</summary>
    Travel,

    /// <summary>Not driving for less than a rest: a layover, a changeover (wait).</summary>
    Wait,

    /// <summary>Paid time after the last piece (sign_off).</summary>
    SignOff,
}

/// <summary>
/// One activity of a driver's day, from <see cref="FromStop"/> at <see cref="Start"/> to
/// <see cref="ToStop"/> at <see cref="End"/> (start ≤ end). Drive activities name the vehicle and,
/// for trips, the trip.
/// </summary>
public sealed record DutyActivity
{
    public DutyActivity(DutyActivityKind kind, string? vehicleId, string? tripId, string fromStop, string toStop, ServiceTime start, ServiceTime end)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromStop);
        ArgumentException.ThrowIfNullOrWhiteSpace(toStop);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"An activity ends at or after its start ({start}).");
        }

        if (kind == DutyActivityKind.Drive && string.IsNullOrEmpty(vehicleId))
        {
            throw new ArgumentException("A drive names its vehicle.", nameof(vehicleId));
        }

        Kind = kind;
        VehicleId = vehicleId;
        TripId = tripId;
        FromStop = fromStop;
        ToStop = toStop;
        Start = start;
        End = end;
    }

    public DutyActivityKind Kind { get; }

    public string? VehicleId { get; }

    /// <summary>The timetabled trip driven (or ridden, for travel); null on empty runs and other activities.</summary>
    public string? TripId { get; }

    public string FromStop { get; }

    public string ToStop { get; }

    public ServiceTime Start { get; }

    public ServiceTime End { get; }

    /// <summary>Length in seconds.</summary>
    public int Seconds => End.TotalSeconds - Start.TotalSeconds;
}

/// <summary>One driver's day: sign-on, drives, breaks and waits, sign-off, contiguous in time and place.</summary>
public sealed record Duty
{
    public Duty(string driverId, ImmutableArray<DutyActivity> activities)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(driverId);
        if (activities.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A duty has at least one activity.", nameof(activities));
        }

        DriverId = driverId;
        Activities = activities;
    }

    public string DriverId { get; }

    public ImmutableArray<DutyActivity> Activities { get; }

    public ServiceTime SignOn => Activities[0].Start;

    public ServiceTime SignOff => Activities[^1].End;

    /// <summary>Seconds at the wheel.</summary>
    public int DrivingSeconds => Activities.Where(a => a.Kind == DutyActivityKind.Drive).Sum(a => a.Seconds);

    /// <summary>Paid seconds: sign-on to sign-off, less breaks that split the duty when the rules allow split duties.</summary>
    public int PaidSeconds(DutyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var span = SignOff.TotalSeconds - SignOn.TotalSeconds;
        var unpaid = rules.SplitDuties
            ? Activities.Where(a => a.Kind == DutyActivityKind.Break && a.Seconds >= rules.MinSplitBreak.TotalSeconds).Sum(a => a.Seconds)
            : 0;
        return span - (int)unpaid;
    }
}

/// <summary>The duties of one service day.</summary>
public sealed record CrewSchedule(ImmutableArray<Duty> Duties)
{
    public int Drivers => Duties.Length;
}

/// <summary>
/// A duty problem: the vehicle blocks whose driving must be covered, where drivers may be relieved
/// (terminals, depots and the stops the rules name), and the rules.
/// </summary>
public sealed record DutyProblem
{
    public DutyProblem(VehicleSchedule schedule, ImmutableHashSet<string> reliefPoints, DriverRules driving, DutyRules duties)
    {
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        ReliefPoints = reliefPoints ?? throw new ArgumentNullException(nameof(reliefPoints));
        Driving = driving ?? throw new ArgumentNullException(nameof(driving));
        Duties = duties ?? throw new ArgumentNullException(nameof(duties));
    }

    public VehicleSchedule Schedule { get; }

    public ImmutableHashSet<string> ReliefPoints { get; }

    public DriverRules Driving { get; }

    public DutyRules Duties { get; }

    /// <summary>
    /// The duty problem of a scenario's blocks: relief points are its terminals, its depots and the
    /// stops named in <c>policy.driverRules.reliefStops</c>; the rules are the scenario's.
    /// </summary>
    public static DutyProblem ForScenario(Scenario scenario, VehicleSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rules = scenario.Policy.DriverRules;
        var relief = scenario.Stops.Where(s => s.Kind == StopKind.Terminal).Select(s => s.Id)
            .Concat(scenario.Depots.Select(d => d.Id))
            .Concat(rules.Duties.ReliefStops)
            .ToImmutableHashSet(StringComparer.Ordinal);
        return new DutyProblem(schedule, relief, rules, rules.Duties);
    }

    /// <summary>True for the block events a driver drives: trips, and empty runs that take time.</summary>
    public static bool IsDriving(BlockEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind == BlockEventKind.Trip || (e.Kind is BlockEventKind.PullOut or BlockEventKind.Deadhead or BlockEventKind.PullIn && e.End > e.Start);
    }
}
