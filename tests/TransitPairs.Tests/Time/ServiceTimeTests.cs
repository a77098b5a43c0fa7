using TransitPairs.Time;

namespace TransitPairs.Tests.Time;

public sealed class ServiceTimeTests
{
    [Theory]
    [InlineData("06:05", 6 * 3600 + 5 * 60, "06:05")]
    [InlineData("6:05", 6 * 3600 + 5 * 60, "06:05")]
    [InlineData("25:10", 25 * 3600 + 10 * 60, "25:10")]
    [InlineData("07:00:30", 7 * 3600 + 30, "07:00:30")]
    [InlineData(" 00:00 ", 0, "00:00")]
    public void Parse_ValidText_RoundTrips(string text, int seconds, string printed)
    {
        var t = ServiceTime.Parse(text);
        Assert.Equal(seconds, t.TotalSeconds);
        Assert.Equal(printed, t.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("07:60")]
    [InlineData("07:5")]
    [InlineData("-1:00")]
    [InlineData("49:00")]
    [InlineData("07:00:61")]
    [InlineData("ab:cd")]
    public void TryParse_BadText_Fails(string text) => Assert.False(ServiceTime.TryParse(text, out _));

    [Fact]
    public void Constructor_Negative_NamesParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceTime(-1));
        Assert.Equal("totalSeconds", e.ParamName);
    }

    [Fact]
    public void ToGtfsString_AlwaysHasSeconds() => Assert.Equal("24:40:00", ServiceTime.FromMinutes(24 * 60 + 40).ToGtfsString());
}
