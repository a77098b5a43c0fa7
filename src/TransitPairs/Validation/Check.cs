using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace TransitPairs.Validation;

/// <summary>
/// Argument checks for domain constructors. Each throws <see cref="InvalidValueException"/> naming
/// the parameter, with a problem and a fix a planner understands.
/// </summary>
public static class Check
{
    /// <summary>An identifier: non-empty, no spaces, no dots (dots separate keys in overrides such as <c>demand.scale</c>).</summary>
    public static string Id(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidValueException(paramName, "The id is empty.", "Give an id such as 'siping-terminal'.");
        }

        if (value.Any(c => char.IsWhiteSpace(c) || c == '.'))
        {
            throw new InvalidValueException(paramName, $"The id '{value}' contains a space or a dot.",
                "Use letters, digits and '-' only, e.g. 'siping-terminal'.");
        }

        return value;
    }

    /// <summary>A non-empty text.</summary>
    public static string Text(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidValueException(paramName, "The text is empty.", $"Fill in '{paramName}'.");
        }

        return value;
    }

    /// <summary>A finite number strictly above zero.</summary>
    public static double Positive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {Show(value)}; it must be above 0.", $"Set '{paramName}' to a positive number.");
        }

        return value;
    }

    /// <summary>A whole number strictly above zero.</summary>
    public static int Positive(int value, string paramName)
    {
        if (value <= 0)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {value}; it must be at least 1.", $"Set '{paramName}' to a whole number of at least 1.");
        }

        return value;
    }

    /// <summary>A finite number of zero or more.</summary>
    public static double NonNegative(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {Show(value)}; it cannot be negative.", $"Set '{paramName}' to 0 or more.");
        }

        return value;
    }

    /// <summary>A whole number of zero or more.</summary>
    public static int NonNegative(int value, string paramName)
    {
        if (value < 0)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {value}; it cannot be negative.", $"Set '{paramName}' to 0 or more.");
        }

        return value;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], both ends included.</summary>
    public static double InRange(double value, double min, double max, string paramName)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {Show(value)}; it must lie between {Show(min)} and {Show(max)}.",
                $"Set '{paramName}' to a value from {Show(min)} to {Show(max)}.");
        }

        return value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], both ends included.</summary>
    public static int InRange(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {value}; it must lie between {min} and {max}.",
                $"Set '{paramName}' to a whole number from {min} to {max}.");
        }

        return value;
    }

    /// <summary>A duration strictly above zero.</summary>
    public static Duration Positive(Duration value, string paramName)
    {
        if (value <= Duration.Zero)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {value.TotalMinutes:0.#} minutes; it must be above 0.", $"Set '{paramName}' to a positive number of minutes.");
        }

        return value;
    }

    /// <summary>A duration of zero or more.</summary>
    public static Duration NonNegative(Duration value, string paramName)
    {
        if (value < Duration.Zero)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is {value.TotalMinutes:0.#} minutes; it cannot be negative.", $"Set '{paramName}' to 0 minutes or more.");
        }

        return value;
    }

    /// <summary>A defined member of the enum <typeparamref name="T"/>.</summary>
    public static T Defined<T>(T value, string paramName)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is not a known {typeof(T).Name}.",
                $"Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }

    /// <summary>A collection turned into an immutable array; null elements are rejected.</summary>
    public static ImmutableArray<T> Items<T>(IEnumerable<T>? items, string paramName)
        where T : class
    {
        if (items is null)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is missing.", $"Give '{paramName}'.");
        }

        var array = items.ToImmutableArray();
        if (array.Any(i => i is null))
        {
            throw new InvalidValueException(paramName, $"'{paramName}' contains an empty entry.", $"Remove the empty entry from '{paramName}'.");
        }

        return array;
    }

    /// <summary>A collection of values turned into an immutable array.</summary>
    public static ImmutableArray<T> Values<T>(IEnumerable<T>? items, string paramName)
        where T : struct
    {
        if (items is null)
        {
            throw new InvalidValueException(paramName, $"'{paramName}' is missing.", $"Give '{paramName}'.");
        }

        return items.ToImmutableArray();
    }

    /// <summary>Rejects two elements with the same id.</summary>
    public static void UniqueIds<T>(ImmutableArray<T> items, Func<T, string> id, string paramName)
    {
        var duplicate = items.GroupBy(id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidValueException(paramName, $"The id '{duplicate.Key}' appears {duplicate.Count()} times in '{paramName}'.",
                "Give every entry its own id.");
        }
    }

    /// <summary>An object that must be there.</summary>
    public static T NotNull<T>(T? value, string paramName)
        where T : class =>
        value ?? throw new InvalidValueException(paramName, $"'{paramName}' is missing.", $"Give '{paramName}'.");

    // Huge or tiny values in exponent form: "1E+308", never 309 digits.
    private static string Show(double value) =>
        double.IsFinite(value) && (Math.Abs(value) >= 1e7 || (value != 0 && Math.Abs(value) < 1e-4))
            ? value.ToString("G4", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
