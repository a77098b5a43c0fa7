using System.Collections.Immutable;
using NodaTime;

namespace TransitPairs.IO.Gtfs;

/// <summary>
/// Which services run on a date: a calendar.txt row whose date range includes the date (ends
/// included) and whose weekday column is 1, then calendar_dates.txt exceptions (type 1 adds the
/// date, type 2 removes it), as the GTFS reference defines them.
/// </summary>
public static class GtfsServiceCalendar
{
    public static ImmutableHashSet<string> ActiveServices(
        IEnumerable<GtfsCalendar> calendars, IEnumerable<GtfsCalendarDate> exceptions, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(exceptions);
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var calendar in calendars)
        {
            if (calendar.RunsOn(date))
            {
                active.Add(calendar.ServiceId);
            }
        }

        foreach (var exception in exceptions)
        {
            if (exception.Date != date)
            {
                continue;
            }

            if (exception.Exception == GtfsException.Added)
            {
                active.Add(exception.ServiceId);
            }
            else
            {
                active.Remove(exception.ServiceId);
            }
        }

        return active.ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>The <see cref="GtfsWeekdays"/> flag of an ISO day of the week.</summary>
    public static GtfsWeekdays ToWeekdays(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => GtfsWeekdays.Monday,
        IsoDayOfWeek.Tuesday => GtfsWeekdays.Tuesday,
        IsoDayOfWeek.Wednesday => GtfsWeekdays.Wednesday,
        IsoDayOfWeek.Thursday => GtfsWeekdays.Thursday,
        IsoDayOfWeek.Friday => GtfsWeekdays.Friday,
        IsoDayOfWeek.Saturday => GtfsWeekdays.Saturday,
        IsoDayOfWeek.Sunday => GtfsWeekdays.Sunday,
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week."),
    };
}
