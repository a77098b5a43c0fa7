namespace TransitPairs.Time;

/// <summary>
/// The kind of service day; demand and service spans differ by day type. When several apply,
/// the most specific wins: a public holiday inside the Spring Festival travel peak is a
/// <see cref="Holiday"/>, a make-up working Saturday is a <see cref="Weekday"/>.
/// </summary>
public enum DayType
{
    /// <summary>Monday to Friday, and make-up working days (调休) on a weekend.</summary>
    Weekday,

    /// <summary>Saturday and Sunday that are not working days.</summary>
    Weekend,

    /// <summary>A Chinese public holiday (法定节假日) and the days off joined to it.</summary>
    Holiday,

    /// <summary>A day of the Spring Festival travel peak (春运) that is not a public holiday.</summary>
    SpringFestival,
}
