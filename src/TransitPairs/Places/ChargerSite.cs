using TransitPairs.Validation;

namespace TransitPairs.Places;

/// <summary>
/// Chargers of one kind at one place (a depot or a terminal): <see cref="Points"/> buses may charge
/// at once, each at up to <see cref="PowerKw"/>. Typical: 60–150 kW depot plugs, 150–600 kW
/// pantographs at terminals (DOMAIN.md [S]).
/// </summary>
public sealed record ChargerSite
{
    public ChargerSite(string id, string place, double powerKw, int points)
    {
        Id = Check.Id(id, nameof(id));
        Place = Check.Id(place, nameof(place));
        PowerKw = Check.InRange(powerKw, 1, 2000, nameof(powerKw));
        Points = Check.Positive(points, nameof(points));
    }

    public string Id { get; }

    /// <summary>Id of the depot or stop where the chargers stand.</summary>
    public string Place { get; }

    /// <summary>Power per charging point in kW (1–2,000).</summary>
    public double PowerKw { get; }

    /// <summary>Charging points: how many buses charge at once (1 or more).</summary>
    public int Points { get; }

    /// <summary>Power per point in watts (integer, for solver models).</summary>
    public int PowerWatts => (int)Math.Round(PowerKw * 1000);
}
