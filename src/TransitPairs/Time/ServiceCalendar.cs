using System.Collections.Immutable;
using NodaTime;
using TransitPairs.Validation;

namespace TransitPairs.Time;

/// <summary>A run of dates, both ends included.</summary>
public readonly record struct DateRange
{
    public DateRange(LocalDate first, LocalDate last)
    {
        if (last < first)
        {
            throw new InvalidValueException(nameof(last), $"The range ends on {last:yyyy-MM-dd}, before it starts on {first:yyyy-MM-dd}.",
                "Make 'last' the same day as 'first' or later.");
        }

        First = first;
        Last = last;
    }

    /// <summary>The first date (included).</summary>
    public LocalDate First { get; }

    /// <summary>The last date (included).</summary>
    public LocalDate Last { get; }

    /// <summary>True when <paramref name="date"/> lies inside the range, ends included.</summary>
    public bool Contains(LocalDate date) => date >= First && date <= Last;
}

/// <summary>A named period of the calendar (a public holiday, the Spring Festival travel peak).</summary>
public sealed record CalendarPeriod
{
    public CalendarPeriod(string name, DateRange dates)
    {
        Name = Check.Text(name, nameof(name));
        Dates = dates;
    }

    public string Name { get; }

    public DateRange Dates { get; }
}

/// <summary>
/// The service calendar: which <see cref="DayType"/> and <see cref="Season"/> a date has.
/// Precedence: public holiday &gt; make-up working day (weekday) &gt; Spring Festival travel peak
/// &gt; weekend &gt; weekday. Seasons come from month-day ranges that may wrap over the new year.
/// </summary>
public sealed class ServiceCalendar
{
    public ServiceCalendar(
        DateRange validity,
        IEnumerable<CalendarPeriod> holidays,
        IEnumerable<LocalDate> workingWeekendDays,
        IEnumerable<CalendarPeriod> springFestivalPeaks,
        AnnualDay winterStart,
        AnnualDay winterEnd,
        AnnualDay summerStart,
        AnnualDay summerEnd)
    {
        Validity = validity;
        Holidays = Check.Items(holidays, nameof(holidays));
        WorkingWeekendDays = Check.Values(workingWeekendDays, nameof(workingWeekendDays)).Sort();
        SpringFestivalPeaks = Check.Items(springFestivalPeaks, nameof(springFestivalPeaks));
        foreach (var day in WorkingWeekendDays)
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                throw new InvalidValueException(nameof(workingWeekendDays), $"{day:yyyy-MM-dd} is a {day.DayOfWeek}, not a weekend day.",
                    "List only Saturdays and Sundays that are working days (调休).");
            }
        }

        foreach (var period in Holidays.Concat(SpringFestivalPeaks))
        {
            if (!validity.Contains(period.Dates.First) || !validity.Contains(period.Dates.Last))
            {
                throw new InvalidValueException(nameof(validity), $"'{period.Name}' ({period.Dates.First:yyyy-MM-dd} to {period.Dates.Last:yyyy-MM-dd}) lies outside the calendar's validity.",
                    "Widen 'validity' or correct the period's dates.");
            }
        }

        WinterStart = winterStart;
        WinterEnd = winterEnd;
        SummerStart = summerStart;
        SummerEnd = summerEnd;
    }

    /// <summary>The dates this calendar answers for (both ends included).</summary>
    public DateRange Validity { get; }

    public ImmutableArray<CalendarPeriod> Holidays { get; }

    /// <summary>Saturdays and Sundays worked to make up holiday bridges (调休), sorted.</summary>
    public ImmutableArray<LocalDate> WorkingWeekendDays { get; }

    public ImmutableArray<CalendarPeriod> SpringFestivalPeaks { get; }

    /// <summary>First day of winter each year (included).</summary>
    public AnnualDay WinterStart { get; }

    /// <summary>Last day of winter (included), in the following year when it is earlier than <see cref="WinterStart"/>.</summary>
    public AnnualDay WinterEnd { get; }

    /// <summary>First day of summer each year (included).</summary>
    public AnnualDay SummerStart { get; }

    /// <summary>Last day of summer (included).</summary>
    public AnnualDay SummerEnd { get; }

    /// <summary>True when <paramref name="date"/> lies within <see cref="Validity"/>.</summary>
    public bool Covers(LocalDate date) => Validity.Contains(date);

    /// <summary>The day type of <paramref name="date"/>; throws when the date is outside <see cref="Validity"/>.</summary>
    public DayType DayTypeOf(LocalDate date)
    {
        RequireCovered(date);
        if (Holidays.Any(h => h.Dates.Contains(date)))
        {
            return DayType.Holiday;
        }

        if (WorkingWeekendDays.Contains(date))
        {
            return DayType.Weekday;
        }

        if (SpringFestivalPeaks.Any(p => p.Dates.Contains(date)))
        {
            return DayType.SpringFestival;
        }

        return date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? DayType.Weekend : DayType.Weekday;
    }

    /// <summary>The season of <paramref name="date"/>: winter, summer, or shoulder in between.</summary>
    public Season SeasonOf(LocalDate date)
    {
        RequireCovered(date);
        if (AnnualDay.Within(date, WinterStart, WinterEnd))
        {
            return Season.Winter;
        }

        return AnnualDay.Within(date, SummerStart, SummerEnd) ? Season.Summer : Season.Shoulder;
    }

    /// <summary>The holiday or Spring Festival period that holds <paramref name="date"/>, if any.</summary>
    public CalendarPeriod? PeriodOf(LocalDate date) =>
        Holidays.FirstOrDefault(h => h.Dates.Contains(date)) ?? SpringFestivalPeaks.FirstOrDefault(p => p.Dates.Contains(date));

    private void RequireCovered(LocalDate date)
    {
        if (!Covers(date))
        {
            throw new InvalidValueException(nameof(date), $"{date:yyyy-MM-dd} lies outside the service calendar ({Validity.First:yyyy-MM-dd} to {Validity.Last:yyyy-MM-dd}).",
                "Pick a date inside the calendar or extend data/calendar.json.");
        }
    }
}

/// <summary>A day of the year without the year (month and day), e.g. 11-01 for the start of winter.</summary>
public readonly record struct AnnualDay
{
    public AnnualDay(int month, int day)
    {
        Month = Check.InRange(month, 1, 12, nameof(month));
        // February has 28 days here: a period boundary on 29 February would not recur every year.
        Day = Check.InRange(day, 1, CalendarSystem.Iso.GetDaysInMonth(2001, month), nameof(day));
    }

    public int Month { get; }

    public int Day { get; }

    /// <summary>True when <paramref name="date"/>'s month-day lies in [start, end], wrapping over the new year when end &lt; start.</summary>
    public static bool Within(LocalDate date, AnnualDay start, AnnualDay end)
    {
        var d = (date.Month * 100) + date.Day;
        var s = (start.Month * 100) + start.Day;
        var e = (end.Month * 100) + end.Day;
        return s <= e ? d >= s && d <= e : d >= s || d <= e;
    }

    public override string ToString() => $"{Month:00}-{Day:00}";
}
