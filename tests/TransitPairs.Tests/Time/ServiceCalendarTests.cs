using NodaTime;
using TransitPairs.Time;

namespace TransitPairs.Tests.Time;

public sealed class ServiceCalendarTests
{
    private static ServiceCalendar Calendar() => new(
        new DateRange(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)),
        [new CalendarPeriod("Spring Festival", new DateRange(new LocalDate(2026, 2, 15), new LocalDate(2026, 2, 23)))],
        [new LocalDate(2026, 2, 14), new LocalDate(2026, 2, 28)],
        [new CalendarPeriod("Chunyun", new DateRange(new LocalDate(2026, 2, 2), new LocalDate(2026, 3, 13)))],
        new AnnualDay(11, 1), new AnnualDay(3, 31), new AnnualDay(5, 1), new AnnualDay(9, 30));

    [Theory]
    [InlineData("2026-06-10", DayType.Weekday)] // a Wednesday
    [InlineData("2026-06-13", DayType.Weekend)] // a Saturday
    [InlineData("2026-02-17", DayType.Holiday)] // inside the holiday and the travel peak: holiday wins
    [InlineData("2026-02-14", DayType.Weekday)] // a make-up working Saturday inside the travel peak
    [InlineData("2026-03-07", DayType.SpringFestival)] // a Saturday of the travel peak
    [InlineData("2026-02-03", DayType.SpringFestival)]
    public void DayTypeOf_FollowsPrecedence(string date, DayType expected) =>
        Assert.Equal(expected, Calendar().DayTypeOf(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value));

    [Theory]
    [InlineData("2026-01-14", Season.Winter)]
    [InlineData("2026-11-01", Season.Winter)]
    [InlineData("2026-04-15", Season.Shoulder)]
    [InlineData("2026-07-01", Season.Summer)]
    [InlineData("2026-10-15", Season.Shoulder)]
    public void SeasonOf_WrapsWinterOverTheNewYear(string date, Season expected) =>
        Assert.Equal(expected, Calendar().SeasonOf(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value));

    [Fact]
    public void WorkingWeekendDay_OnAWednesday_IsRejected()
    {
        var e = Assert.Throws<TransitPairs.Validation.InvalidValueException>(() => new ServiceCalendar(
            new DateRange(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), [], [new LocalDate(2026, 6, 10)], [],
            new AnnualDay(11, 1), new AnnualDay(3, 31), new AnnualDay(5, 1), new AnnualDay(9, 30)));
        Assert.Equal("workingWeekendDays", e.ParamName);
    }
}
