using System.Collections.Immutable;

namespace TransitPairs.Duties;

/// <summary>A task of a generic crew-scheduling instance: from <see cref="StartMinute"/> to <see cref="EndMinute"/> (minutes, end ≥ start).</summary>
public readonly record struct CrewTask
{
    public CrewTask(int startMinute, int endMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(endMinute, startMinute);
        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    public int StartMinute { get; }

    public int EndMinute { get; }
}

/// <summary>Task <see cref="To"/> may directly follow task <see cref="From"/> in one duty, at <see cref="Cost"/> (0-based task indexes).</summary>
public readonly record struct CrewArc(int From, int To, int Cost);

/// <summary>
/// A Beasley–Cao generic crew-scheduling instance (OR-Library <c>csp*</c>, Beasley &amp; Cao 1996):
/// tasks in start order, the arcs "j may follow i" with their costs, and the longest duty span
/// (last finish − first start, minutes). A solution covers every task once with exactly K duties;
/// its cost is the sum of the arcs used.
/// </summary>
public sealed record BeasleyCaoInstance
{
    public BeasleyCaoInstance(string name, int maxSpanMinutes, ImmutableArray<CrewTask> tasks, ImmutableArray<CrewArc> arcs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSpanMinutes);
        foreach (var a in arcs)
        {
            if (a.From < 0 || a.From >= tasks.Length || a.To < 0 || a.To >= tasks.Length || a.From == a.To)
            {
                throw new ArgumentException($"Arc {a.From} → {a.To} names a task outside 0–{tasks.Length - 1}.", nameof(arcs));
            }
        }

        Name = name;
        MaxSpanMinutes = maxSpanMinutes;
        Tasks = tasks;
        Arcs = arcs;
    }

    public string Name { get; }

    /// <summary>Longest span of a duty (last finish − first start), minutes.</summary>
    public int MaxSpanMinutes { get; }

    public ImmutableArray<CrewTask> Tasks { get; }

    public ImmutableArray<CrewArc> Arcs { get; }
}

/// <summary>
/// A set-partitioning crew instance (CSPLib problem 22): pieces of work and candidate shifts, each
/// covering some pieces at a cost. Choose shifts covering every piece exactly once at least cost.
/// </summary>
public sealed record SetPartitioningInstance
{
    public SetPartitioningInstance(string name, int pieces, ImmutableArray<CandidateShift> shifts, int? bestKnownShifts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(pieces);
        foreach (var s in shifts)
        {
            if (s.Pieces.Any(p => p < 0 || p >= pieces))
            {
                throw new ArgumentException($"A shift covers a piece outside 0–{pieces - 1}.", nameof(shifts));
            }
        }

        Name = name;
        Pieces = pieces;
        Shifts = shifts;
        BestKnownShifts = bestKnownShifts;
    }

    public string Name { get; }

    /// <summary>Number of pieces of work (rows).</summary>
    public int Pieces { get; }

    public ImmutableArray<CandidateShift> Shifts { get; }

    /// <summary>The shifts of the published solution (TRACS II) given in the file's header, if any.</summary>
    public int? BestKnownShifts { get; }
}

/// <summary>One candidate shift: its cost and the pieces of work it covers (0-based, distinct).</summary>
public sealed record CandidateShift(int Cost, ImmutableArray<int> Pieces);

/// <summary>A piece of work of the OR-Tools bus driver example: minutes from midnight (≥ 1440 after midnight), driven whole by one driver.</summary>
public readonly record struct ShiftPiece(int Id, int StartMinute, int EndMinute, int DrivingMinutes);

/// <summary>
/// The rules of the OR-Tools bus driver scheduling example (<c>bus_driver_scheduling_sat.py</c>),
/// all in minutes. Defaults are the example's.
/// </summary>
public sealed record ShiftDayRules
{
    /// <summary>Most driving per driver (540).</summary>
    public int MaxDriving { get; init; } = 540;

    /// <summary>Longest working span, sign-on to sign-off (720).</summary>
    public int MaxSpan { get; init; } = 720;

    /// <summary>Shortest working span of a driver who works (390; a hard rule in the example's code).</summary>
    public int MinSpan { get; init; } = 390;

    /// <summary>Working time before the first piece (10).</summary>
    public int SetupBefore { get; init; } = 10;

    /// <summary>Working time after the last piece (15).</summary>
    public int CleanupAfter { get; init; } = 15;

    /// <summary>Least gap between two pieces of one driver (2).</summary>
    public int MinGap { get; init; } = 2;

    /// <summary>Most driving without a break (240).</summary>
    public int MaxContinuous { get; init; } = 240;

    /// <summary>The least gap that counts as a break (30).</summary>
    public int MinBreak { get; init; } = 30;
}

/// <summary>One day of the OR-Tools example: its pieces of work under its rules.</summary>
public sealed record ShiftDayInstance(string Name, ImmutableArray<ShiftPiece> Pieces, ShiftDayRules Rules);
