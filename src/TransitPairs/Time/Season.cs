namespace TransitPairs.Time;

/// <summary>
/// The season sets run-time factors and battery consumption. Jilin winters reach −30 °C; battery
/// buses then use 1.5× or more of their summer energy (DOMAIN.md, battery-electric buses).
/// </summary>
public enum Season
{
    /// <summary>Mild weather (about 10 °C and above): summer figures.</summary>
    Summer,

    /// <summary>Between summer and winter (spring thaw, late autumn): halfway figures unless given.</summary>
    Shoulder,

    /// <summary>Frost and snow: winter run-time factor and winter consumption.</summary>
    Winter,
}
