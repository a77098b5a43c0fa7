using TransitPairs.Validation;

namespace TransitPairs.Places;

/// <summary>A place's name in Chinese characters and in pinyin (with or without tone marks).</summary>
public sealed record PlaceName
{
    public PlaceName(string zh, string pinyin)
    {
        Zh = Check.Text(zh, nameof(zh));
        Pinyin = Check.Text(pinyin, nameof(pinyin));
    }

    /// <summary>Chinese name, e.g. 四平客运总站.</summary>
    public string Zh { get; }

    /// <summary>Pinyin name, e.g. Siping Keyun Zongzhan.</summary>
    public string Pinyin { get; }

    /// <summary><c>四平客运总站 (Siping Keyun Zongzhan)</c>.</summary>
    public override string ToString() => $"{Zh} ({Pinyin})";
}
