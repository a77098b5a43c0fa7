using NodaTime;
using TransitPairs.Time;

namespace TransitPairs.Tests.Time;

public sealed class ServiceClockTests
{
    [Fact]
    public void At_PastMidnight_IsTheNextCalendarDayInChinaStandardTime()
    {
        var t = ServiceClock.At(new LocalDate(2026, 6, 10), ServiceTime.Parse("25:10"));
        Assert.Equal(new LocalDateTime(2026, 6, 11, 1, 10), t.LocalDateTime);
        Assert.Equal(Offset.FromHours(8), t.Offset);
        Assert.Equal("Asia/Shanghai", t.Zone.Id);
    }
}
