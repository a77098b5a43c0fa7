using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using TransitPairs.Validation;

namespace TransitPairs.IO.Planning;

/// <summary>One varied key and its values, in order.</summary>
/// <param name="Key">The key as given (a dotted scenario path or an alias such as <c>fleet.battery</c>).</param>
/// <param name="Values">The values as text, e.g. <c>0.8</c> … <c>1.6</c> or <c>summer</c>, <c>winter</c>.</param>
public sealed record SweepAxis(string Key, ImmutableArray<string> Values);

/// <summary>One point of the grid: its number (1-based, in grid order) and the value of every axis.</summary>
public sealed record SweepVariant(int Number, ImmutableArray<string> Values);

/// <summary>
/// The grid of a sweep: every combination of the axes' values, the first axis outermost. Numeric
/// ranges <c>FROM:TO:STEP</c> are stepped in decimal arithmetic, so <c>0.8:1.6:0.1</c> gives exactly
/// the nine values 0.8, 0.9, …, 1.6 (both ends included; the last value is the largest
/// FROM + k·STEP not above TO). Lists are <c>a,b,c</c>.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Most variants one sweep may have (a guard against typing 0.0001 as the step).</summary>
    public const int MaxVariants = 100_000;

    public SweepGrid(IEnumerable<SweepAxis> axes)
    {
        Axes = [.. axes];
        var count = 1L;
        foreach (var axis in Axes)
        {
            count *= axis.Values.Length;
        }

        if (Axes.IsEmpty || count > MaxVariants)
        {
            throw new InputException(new InputProblem("--vary", string.Join(" ", Axes.Select(a => a.Key)), $"The grid has {(Axes.IsEmpty ? 0 : count)} variants.", $"Vary at least one key and keep the grid at {MaxVariants} variants or fewer."));
        }

        Count = (int)count;
    }

    public ImmutableArray<SweepAxis> Axes { get; }

    /// <summary>Number of variants.</summary>
    public int Count { get; }

    /// <summary>Reads <c>KEY=FROM:TO:STEP</c> or <c>KEY=a,b,c</c> specs (every problem at once).</summary>
    public static SweepGrid Parse(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var axes = new List<SweepAxis>();
        var problems = new List<InputProblem>();
        foreach (var spec in specs)
        {
            var cut = spec.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0 || cut == spec.Length - 1)
            {
                problems.Add(new InputProblem("--vary", spec, "A variation is KEY=FROM:TO:STEP or KEY=a,b,c.", "Write e.g. --vary demand.scale=0.8:1.6:0.1 or --vary season=summer,winter."));
                continue;
            }

            var key = spec[..cut].Trim();
            var values = spec[(cut + 1)..].Trim();
            if (axes.Any(a => a.Key == key))
            {
                problems.Add(new InputProblem("--vary", spec, $"'{key}' is varied twice.", "Vary each key once."));
                continue;
            }

            var parts = values.Split(':');
            if (parts.Length == 3)
            {
                var range = Range(key, parts, spec, problems);
                if (range is not null)
                {
                    axes.Add(new SweepAxis(key, range.Value));
                }
            }
            else
            {
                var list = values.Split(',').Select(v => v.Trim()).ToImmutableArray();
                if (list.Any(string.IsNullOrEmpty) || list.Distinct(StringComparer.Ordinal).Count() != list.Length)
                {
                    problems.Add(new InputProblem("--vary", spec, "The list has an empty or repeated value.", "Separate distinct values with commas: season=summer,winter."));
                    continue;
                }

                axes.Add(new SweepAxis(key, list));
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : new SweepGrid(axes);
    }

    private static ImmutableArray<string>? Range(string key, string[] parts, string spec, List<InputProblem> problems)
    {
        var numbers = parts.Select(p => decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null).ToArray();
        if (numbers.Any(n => n is null))
        {
            problems.Add(new InputProblem("--vary", spec, "FROM, TO and STEP must be numbers.", $"Write e.g. {key}=0.8:1.6:0.1."));
            return null;
        }

        var (from, to, step) = (numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value);
        if (step <= 0 || to < from || (to - from) / step >= MaxVariants)
        {
            problems.Add(new InputProblem("--vary", spec, "The range is empty, the step is not positive, or it has too many values.", $"Give FROM ≤ TO and a positive STEP, e.g. {key}=0.8:1.6:0.1."));
            return null;
        }

        var steps = (int)decimal.Floor((to - from) / step);
        return [.. Enumerable.Range(0, steps + 1).Select(k => Text(from + (k * step)))];
    }

    /// <summary>A decimal without trailing zeros beyond one decimal place where it has a fraction (1.0 stays 1.0, 0.80 becomes 0.8).</summary>
    private static string Text(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0');
            text = text.EndsWith('.') ? text + "0" : text;
        }

        return text;
    }

    /// <summary>Every variant in grid order, numbered from 1.</summary>
    public IEnumerable<SweepVariant> Variants()
    {
        for (var n = 0; n < Count; n++)
        {
            var values = new string[Axes.Length];
            var rest = n;
            for (var a = Axes.Length - 1; a >= 0; a--)
            {
                values[a] = Axes[a].Values[rest % Axes[a].Values.Length];
                rest /= Axes[a].Values.Length;
            }

            yield return new SweepVariant(n + 1, [.. values]);
        }
    }

    /// <summary>
    /// The variants of shard <paramref name="index"/> of <paramref name="count"/> (1-based), dealt
    /// round-robin: variant k goes to shard ((k − 1) mod count) + 1, so every shard gets a mix of the
    /// grid (costly corners spread out) and the shards together hold every variant once.
    /// </summary>
    public IEnumerable<SweepVariant> Shard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        return Variants().Where(v => ((v.Number - 1) % count) + 1 == index);
    }

    /// <summary>
    /// The loader's dotted overrides for one variant. Keys are scenario paths (<c>demand.scale</c>,
    /// <c>season</c>, <c>fleet.siping-depot.e12-422</c>), or aliases for the fleet:
    /// <c>fleet.battery</c>, <c>fleet.diesel</c> and <c>fleet.total</c> set how many vehicles of
    /// that kind the scenario has, dealt over its existing allocations of that kind (depots and
    /// types in id order, the first ones getting one more when it does not divide evenly).
    /// </summary>
    public IReadOnlyDictionary<string, string> Overrides(SweepVariant variant, JsonObject composedScenario)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(composedScenario);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var a = 0; a < Axes.Length; a++)
        {
            var key = Axes[a].Key;
            var value = variant.Values[a];
            if (key is "fleet.battery" or "fleet.diesel" or "fleet.total")
            {
                foreach (var (path, count) in FleetAlias(key, value, composedScenario))
                {
                    overrides[path] = count.ToString(CultureInfo.InvariantCulture);
                }
            }
            else
            {
                overrides[key] = value;
            }
        }

        return overrides;
    }

    private static IEnumerable<(string Path, int Count)> FleetAlias(string key, string value, JsonObject scenario)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            throw new InputException(new InputProblem("--vary", $"{key}={value}", "A fleet size is a whole number of vehicles.", $"Write e.g. {key}=8:16:1."));
        }

        var kind = key["fleet.".Length..];
        var types = scenario["vehicleTypes"] as JsonObject;
        var slots = new List<string>();
        if (scenario["fleet"] is JsonObject fleet)
        {
            foreach (var depot in fleet.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                foreach (var type in (depot.Value as JsonObject ?? []).OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    var energy = (types?[type.Key]?["energy"] as JsonValue)?.GetValue<string>();
                    if (kind == "total" || energy == kind)
                    {
                        slots.Add($"fleet.{depot.Key}.{type.Key}");
                    }
                }
            }
        }

        if (slots.Count == 0)
        {
            throw new InputException(new InputProblem("--vary", $"{key}={value}", $"The scenario's fleet has no {(kind == "total" ? string.Empty : kind + " ")}vehicles to resize.", "Vary a full path instead, e.g. fleet.DEPOT.TYPE=8:16:1."));
        }

        return slots.Select((path, i) => (path, (total / slots.Count) + (i < total % slots.Count ? 1 : 0)));
    }
}
