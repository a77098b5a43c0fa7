using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.Duties;

/// <summary>
/// How driver duties are built, beyond the driving-time rules of <see cref="Policy.DriverRules"/>
/// (scenario <c>policy.driverRules</c>). Night continuous driving is the national rule (2 h, DOMAIN.md
/// [S]); the rest are company practice and marked [E] in <c>docs/duties.md</c>: sign-on and sign-off
/// minutes, the longest span, the least changeover between vehicles, whether split duties (an unpaid
/// long break) are allowed, and the weights and wage that price a duty.
/// </summary>
public sealed record DutyRules
{
    /// <summary>2 h at night, night 22:00–06:00; 12 h span; 15 min sign-on, 10 min sign-off; 5 min changeover; no split duties (a split break would be ≥ 2 h); 30 yuan per paid hour.</summary>
    public static DutyRules Default { get; } = new(
        Duration.FromHours(2), ServiceTime.FromHms(22, 0), ServiceTime.FromHms(6, 0), Duration.FromHours(12),
        Duration.FromMinutes(15), Duration.FromMinutes(10), Duration.FromMinutes(5), splitDuties: false, Duration.FromHours(2),
        driverWeightMinutes: 10_000, wageYuanPerPaidHour: 30, reliefStops: []);

    public DutyRules(
        Duration maxContinuousNightDriving,
        ServiceTime nightStart,
        ServiceTime nightEnd,
        Duration maxSpan,
        Duration signOn,
        Duration signOff,
        Duration minChangeover,
        bool splitDuties,
        Duration minSplitBreak,
        int driverWeightMinutes,
        double wageYuanPerPaidHour,
        ImmutableArray<string> reliefStops)
    {
        MaxContinuousNightDriving = Check.Positive(maxContinuousNightDriving, nameof(maxContinuousNightDriving));
        if (nightStart.TotalSeconds >= 24 * 3600 || nightEnd.TotalSeconds >= 24 * 3600)
        {
            throw new InvalidValueException(nightStart.TotalSeconds >= 24 * 3600 ? nameof(nightStart) : nameof(nightEnd), "Night starts and ends at a time of day before 24:00.", "Write 'nightStart' and 'nightEnd' as HH:MM between 00:00 and 23:59 (e.g. 22:00 and 06:00).");
        }

        NightStart = nightStart;
        NightEnd = nightEnd;
        MaxSpan = Check.Positive(maxSpan, nameof(maxSpan));
        SignOn = Check.NonNegative(signOn, nameof(signOn));
        SignOff = Check.NonNegative(signOff, nameof(signOff));
        if (signOn + signOff >= maxSpan)
        {
            throw new InvalidValueException(nameof(maxSpan), "Sign-on and sign-off alone fill the longest span.", "Make 'maxSpanMinutes' longer than 'signOnMinutes' + 'signOffMinutes'.");
        }

        MinChangeover = Check.NonNegative(minChangeover, nameof(minChangeover));
        SplitDuties = splitDuties;
        MinSplitBreak = Check.Positive(minSplitBreak, nameof(minSplitBreak));
        DriverWeightMinutes = Check.Positive(driverWeightMinutes, nameof(driverWeightMinutes));
        WageYuanPerPaidHour = Check.NonNegative(wageYuanPerPaidHour, nameof(wageYuanPerPaidHour));
        ReliefStops = reliefStops.IsDefault ? [] : reliefStops;
    }

    /// <summary>Most night driving between two rests (2 h): only the minutes inside the night count against it; the day limit still caps the whole stretch.</summary>
    public Duration MaxContinuousNightDriving { get; }

    /// <summary>Start of the night, time of day (22:00); the night runs to <see cref="NightEnd"/> the next morning.</summary>
    public ServiceTime NightStart { get; }

    /// <summary>End of the night, time of day (06:00).</summary>
    public ServiceTime NightEnd { get; }

    /// <summary>Longest duty, sign-on to sign-off [E].</summary>
    public Duration MaxSpan { get; }

    /// <summary>Paid time before the first piece (vehicle check, documents) [E].</summary>
    public Duration SignOn { get; }

    /// <summary>Paid time after the last piece [E].</summary>
    public Duration SignOff { get; }

    /// <summary>Least time between leaving one vehicle and driving another at a relief point [E].</summary>
    public Duration MinChangeover { get; }

    /// <summary>True when a break of at least <see cref="MinSplitBreak"/> may be unpaid (split duty).</summary>
    public bool SplitDuties { get; }

    /// <summary>Shortest break that splits a duty (unpaid) when split duties are allowed.</summary>
    public Duration MinSplitBreak { get; }

    /// <summary>Weight of one driver in paid minutes: the objective is drivers × this + paid minutes, so drivers come first.</summary>
    public int DriverWeightMinutes { get; }

    /// <summary>Driver cost per paid hour, yuan [E].</summary>
    public double WageYuanPerPaidHour { get; }

    /// <summary>Stops besides terminals and depots where drivers may be relieved.</summary>
    public ImmutableArray<string> ReliefStops { get; }

    /// <summary>Seconds of the interval from <paramref name="start"/> to <paramref name="end"/> that fall in the night (any night of the service day).</summary>
    public int NightSeconds(ServiceTime start, ServiceTime end)
    {
        const int Day = 24 * 3600;
        var s = NightStart.TotalSeconds;
        var e = NightEnd.TotalSeconds <= s ? NightEnd.TotalSeconds + Day : NightEnd.TotalSeconds;
        var total = 0;
        for (var offset = -Day; offset <= 2 * Day; offset += Day)
        {
            total += Math.Max(0, Math.Min(end.TotalSeconds, e + offset) - Math.Max(start.TotalSeconds, s + offset));
        }

        return total;
    }
}
