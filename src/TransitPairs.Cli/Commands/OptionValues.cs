using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// Parsers for option values that say what went wrong in a planner's words ("--fleet: 'abc' is not
/// a whole number; give 0 to 100,000 buses") instead of naming a .NET type.
/// </summary>
internal static class OptionValues
{
    /// <summary>
    /// A whole number from <paramref name="least"/> to <paramref name="largest"/> (in
    /// <paramref name="unit"/>); null with an error on the option otherwise.
    /// </summary>
    public static long? WholeNumber(ArgumentResult result, long least, long largest, string unit)
    {
        var option = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var accepted = $"give a whole number of {unit} from {least.ToString("N0", CultureInfo.InvariantCulture)} to {largest.ToString("N0", CultureInfo.InvariantCulture)}";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var why = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? (number == decimal.Truncate(number) ? "is too large" : "is not a whole number")
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "is too large" : "is not a number";
            result.AddError($"{option}: '{text}' {why}; {accepted}.");
            return null;
        }

        if (value < least || value > largest)
        {
            result.AddError($"{option}: {value.ToString("N0", CultureInfo.InvariantCulture)} is out of range; {accepted}.");
            return null;
        }

        return value;
    }
}

/// <summary>Checks on options that name a file to write.</summary>
internal static class OutputFileOption
{
    /// <summary>
    /// Rejects, while parsing (so nothing is written), a value that names a folder or lies in a
    /// "folder" that is a file: "--out: 'out/' is a folder, not a file".
    /// </summary>
    public static Option<FileInfo?> MustNameAFile(this Option<FileInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            var text = result.Tokens[^1].Value;
            string full;
            try
            {
                full = Path.GetFullPath(text);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                result.AddError($"{option.Name}: '{text}' is not a usable path ({e.Message}).");
                return;
            }

            if (Directory.Exists(full) || text.EndsWith('/') || text.EndsWith(Path.DirectorySeparatorChar))
            {
                result.AddError($"{option.Name}: '{text}' is a folder, not a file; name the file to write, e.g. {Path.Combine(text, "result" + Suffix(option.Name))}.");
                return;
            }

            for (var folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
            {
                if (File.Exists(folder))
                {
                    result.AddError($"{option.Name}: '{text}' lies inside '{folder}', which is a file, not a folder.");
                    return;
                }
            }
        });
        return option;
    }

    private static string Suffix(string optionName) => optionName switch
    {
        "--report" => ".html",
        "--out-gtfs" => ".zip",
        _ => ".csv",
    };
}
