using System.CommandLine;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// The one binding of <c>--format</c>: <c>table</c> (the default, for people), <c>json</c> and, where a
/// command offers it, <c>csv</c> (for scripts; both go to stdout alone, diagnostics to stderr).
/// </summary>
internal static class FormatOption
{
    /// <param name="note">What the machine-readable formats hold, e.g. "csv: blocks.csv rows"; empty when nothing needs saying.</param>
    /// <param name="formats">The formats offered, <c>table</c> first.</param>
    public static Option<string> Create(string note, params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output: {string.Join(", ", formats[..^1])} or {formats[^1]}{(note.Length > 0 ? $" ({note})" : string.Empty)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
