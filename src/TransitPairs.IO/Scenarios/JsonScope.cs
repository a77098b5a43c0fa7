using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using TransitPairs.Time;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Reads one JSON object of a scenario field by field, recording a problem (with its JSON path)
/// for every missing, mistyped or unknown field instead of stopping at the first. Values that fail
/// are returned as null, so the caller goes on reading and reports everything at once.
/// </summary>
internal sealed class JsonScope
{
    /// <summary>Keys allowed everywhere for people: a note, or the source of a figure.</summary>
    private static readonly string[] DocumentationKeys = ["note", "source", "kind_of_figure"];

    private readonly JsonObject node;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public JsonScope(JsonObject node, string path, ProblemSink problems)
    {
        this.node = node;
        Path = path;
        Problems = problems;
    }

    /// <summary>JSON path of this object in the merged tree (<c>$.policy</c>).</summary>
    public string Path { get; }

    public ProblemSink Problems { get; }

    public JsonObject Node => node;

    public string PathOf(string key) => $"{Path}.{key}";

    public bool Has(string key) => node.TryGetPropertyValue(key, out var v) && v is not null;

    /// <summary>The raw value, marking the key as known.</summary>
    public JsonNode? Raw(string key)
    {
        used.Add(key);
        return node.TryGetPropertyValue(key, out var v) ? v : null;
    }

    public string? String(string key, bool required = true, string? example = null)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, example ?? "a text");
            return null;
        }

        if (v is JsonValue value && value.TryGetValue<string>(out var s))
        {
            return s;
        }

        Wrong(key, v, "a text in quotes", example);
        return null;
    }

    /// <summary>The largest magnitude any number of a scenario may have: beyond it sums and unit conversions overflow.</summary>
    public const double LargestNumber = 1e9;

    /// <summary>The longest duration a minutes field accepts: one week (10,080 minutes).</summary>
    public const double LargestMinutes = 7 * 24 * 60;

    /// <summary>The longest distance a km field accepts (10,000 km: no bus leg comes near it).</summary>
    public const double LargestKm = 10_000;

    public double? Number(string key, bool required = true, string? example = null) =>
        Number(key, required, example, LargestNumber, unit: null);

    /// <summary>
    /// A number no larger in magnitude than <paramref name="largest"/> (in <paramref name="unit"/>,
    /// named in the message); a value beyond it is reported with the largest value accepted.
    /// </summary>
    public double? Number(string key, bool required, string? example, double largest, string? unit)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, example ?? "a number");
            return null;
        }

        if (v is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var d))
        {
            if (!double.IsFinite(d) || Math.Abs(d) > largest)
            {
                var units = unit is null ? string.Empty : " " + unit;
                Problems.At(PathOf(key), $"'{key}' is {Short(d)}{units}: out of range; the largest value accepted is {Short(largest)}{units}.", $"Write a number from 0 to {Short(largest)}{units}.");
                return null;
            }

            return d;
        }

        Wrong(key, v, "a number", example);
        return null;
    }

    /// <summary>A distance in km (at most <see cref="LargestKm"/>).</summary>
    public double? Kilometres(string key, bool required = true, string? example = null) =>
        Number(key, required, example, LargestKm, "km");

    /// <summary>A number short enough to read: up to 4 significant digits in exponent form for huge or tiny values.</summary>
    public static string Short(double value) =>
        !double.IsFinite(value) ? value.ToString(CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1e7 || (value != 0 && Math.Abs(value) < 1e-4) ? value.ToString("G4", CultureInfo.InvariantCulture)
        : value.ToString("#,0.####", CultureInfo.InvariantCulture);

    public int? Int(string key, bool required = true, string? example = null)
    {
        var d = Number(key, required, example);
        if (d is null)
        {
            return null;
        }

        if (Math.Abs(d.Value - Math.Round(d.Value)) > 1e-9 || Math.Abs(d.Value) > int.MaxValue)
        {
            Problems.At(PathOf(key), $"'{key}' is {Short(d.Value)}, not a whole number.", $"Write a whole number{For(example)}.");
            return null;
        }

        return (int)Math.Round(d.Value);
    }

    public bool? Bool(string key, bool required = true)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, "true or false");
            return null;
        }

        if (v is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        Wrong(key, v, "true or false", null);
        return null;
    }

    /// <summary>A duration written in minutes under a key that says so (<c>minLayoverMinutes</c>).</summary>
    public Duration? Minutes(string key, bool required = true)
    {
        var d = Number(key, required, "a number of minutes", LargestMinutes, "minutes");
        return d is null ? null : Duration.FromSeconds(Math.Round(d.Value * 60));
    }

    /// <summary>A duration written in seconds under a key that says so (<c>timeLimitSeconds</c>), at most <paramref name="largest"/> seconds.</summary>
    public double? Seconds(string key, double largest, bool required = true) =>
        Number(key, required, "a number of seconds", largest, "seconds");

    /// <summary>A time of the service day, <c>"06:30"</c> (may pass 24:00, e.g. <c>"25:10"</c>).</summary>
    public ServiceTime? Time(string key, bool required = true)
    {
        var s = String(key, required, "\"06:30\"");
        if (s is null)
        {
            return null;
        }

        if (ServiceTime.TryParse(s, out var t))
        {
            return t;
        }

        Problems.At(PathOf(key), $"'{s}' is not a time of day.", "Write HH:MM, e.g. \"06:30\" (times after midnight continue past 24:00, e.g. \"24:30\").");
        return null;
    }

    /// <summary>A date, <c>"2026-06-10"</c> (ISO).</summary>
    public LocalDate? Date(string key, bool required = true)
    {
        var s = String(key, required, "\"2026-06-10\"");
        if (s is null)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(s);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        Problems.At(PathOf(key), $"'{s}' is not a date.", "Write the date as YYYY-MM-DD, e.g. \"2026-06-10\".");
        return null;
    }

    /// <summary>An enum member written in camelCase (<c>"offPeak"</c>); case is ignored.</summary>
    public T? Enum<T>(string key, bool required = true)
        where T : struct, Enum
    {
        var s = String(key, required, Choices<T>());
        if (s is null)
        {
            return null;
        }

        if (TryEnum<T>(s, out var value))
        {
            return value;
        }

        Problems.At(PathOf(key), $"'{s}' is not a valid {key}.", $"Use one of: {Choices<T>()}.");
        return null;
    }

    public static bool TryEnum<T>(string text, out T value)
        where T : struct, Enum =>
        System.Enum.TryParse(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out value)
        && System.Enum.IsDefined(value) && !text.Any(char.IsDigit);

    public static string Choices<T>()
        where T : struct, Enum =>
        string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    public JsonScope? Object(string key, bool required = true)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, "an object { … }");
            return null;
        }

        if (v is JsonObject o)
        {
            return new JsonScope(o, PathOf(key), Problems);
        }

        Wrong(key, v, "an object { … }", null);
        return null;
    }

    /// <summary>An array whose elements are objects; a wrong element is reported and skipped.</summary>
    public List<JsonScope>? Objects(string key, bool required = true)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, "a list [ … ]");
            return null;
        }

        if (v is not JsonArray array)
        {
            Wrong(key, v, "a list [ … ]", null);
            return null;
        }

        var result = new List<JsonScope>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o)
            {
                result.Add(new JsonScope(o, $"{PathOf(key)}[{i}]", Problems));
            }
            else
            {
                Problems.At($"{PathOf(key)}[{i}]", $"Entry {i} of '{key}' is not an object.", "Write each entry as { … }.");
            }
        }

        return result;
    }

    /// <summary>A list of texts; one text alone is accepted as a list of one.</summary>
    public List<string>? Strings(string key, bool required = true)
    {
        var v = Raw(key);
        if (v is null)
        {
            Missing(key, required, "a list of texts");
            return null;
        }

        if (v is JsonValue one && one.TryGetValue<string>(out var single))
        {
            return [single];
        }

        if (v is JsonArray array && array.All(e => e is JsonValue ev && ev.TryGetValue<string>(out _)))
        {
            return array.Select(e => e!.GetValue<string>()).ToList();
        }

        Wrong(key, v, "a list of texts [\"…\", \"…\"]", null);
        return null;
    }

    /// <summary>Every entry of this object whose value is an object, keyed by id (the key). Marks every key known.</summary>
    public List<(string Key, JsonScope Scope)> Entries()
    {
        var result = new List<(string, JsonScope)>();
        foreach (var (key, value) in node)
        {
            used.Add(key);
            if (DocumentationKeys.Contains(key))
            {
                continue;
            }

            if (value is JsonObject o)
            {
                result.Add((key, new JsonScope(o, PathOf(key), Problems)));
            }
            else if (value is not null)
            {
                Problems.At(PathOf(key), $"'{key}' is {Describe(value)}, not an object.", "Write the entry as { … }.");
            }
        }

        return result;
    }

    /// <summary>Reports every key of this object that no reader asked for (a typo, or a field in the wrong place).</summary>
    public void RejectUnknown()
    {
        foreach (var (key, _) in node)
        {
            if (!used.Contains(key) && !DocumentationKeys.Contains(key) && key != "$include")
            {
                var known = string.Join(", ", used.Order(StringComparer.Ordinal));
                Problems.At(PathOf(key), $"'{key}' is not a field here.", known.Length == 0 ? "Remove it." : $"Remove it or correct the spelling; fields here: {known}.");
            }
        }
    }

    /// <summary>
    /// Builds a domain value; when its constructor rejects an argument, records the problem at the
    /// field the argument came from (the parameter name, translated by <paramref name="fields"/>
    /// where the JSON name differs) and returns null.
    /// </summary>
    public T? Build<T>(Func<T> build, params (string Parameter, string Field)[] fields)
        where T : class
    {
        try
        {
            return build();
        }
        catch (InvalidValueException e)
        {
            Report(e, fields);
            return null;
        }
    }

    /// <summary>As <see cref="Build{T}"/>, for value types.</summary>
    public T? BuildValue<T>(Func<T> build, params (string Parameter, string Field)[] fields)
        where T : struct
    {
        try
        {
            return build();
        }
        catch (InvalidValueException e)
        {
            Report(e, fields);
            return null;
        }
    }

    public static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the text \"{v.GetValue<string>()}\"",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };

    private void Report(InvalidValueException e, (string Parameter, string Field)[] fields)
    {
        var field = fields.Where(f => f.Parameter == e.ParamName).Select(f => f.Field).FirstOrDefault() ?? e.ParamName;
        Problems.At(string.IsNullOrEmpty(field) ? Path : PathOf(field), e.Problem, e.Fix);
    }

    private void Missing(string key, bool required, string what)
    {
        if (required)
        {
            Problems.At(PathOf(key), $"'{key}' is missing.", $"Add \"{key}\" ({what}).");
        }
    }

    private void Wrong(string key, JsonNode value, string expected, string? example) =>
        Problems.At(PathOf(key), $"'{key}' is {Describe(value)}; it must be {expected}.", $"Write {expected}{For(example)}.");

    private static string For(string? example) => example is null ? string.Empty : $", e.g. {example}";
}
