using System.CommandLine;
using System.Text.RegularExpressions;

namespace TransitPairs.Cli;

/// <summary>
/// Builds the command tree and runs it with explicit output and error writers, so that tests run
/// the real host in-process. Exit codes: 0 success, 1 no feasible plan, 2 bad input.
/// </summary>
public static class TransitPairsCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, new CliConsole(stdout, stderr));

    /// <summary>Runs with the terminal flags given rather than detected (tests: a fake terminal).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, bool stderrIsTerminal) =>
        Run(args, new CliConsole(stdout, stderr, stdoutIsTerminal, stderrIsTerminal));

    private static int Run(string[] args, CliConsole console)
    {
        var stdout = console.Out;
        var stderr = console.Error;
        var root = new RootCommand("TransitPairs: timetables, vehicle blocks, charging, GTFS and KPIs for bus-style intercity service.");
        foreach (var command in CommandCatalog.All(console))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"transitpairs: {Plain(error.Message)}");
            }

            stderr.WriteLine("Run 'transitpairs --help' (or 'transitpairs COMMAND --help') for the usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        return console.Guard(() => parse.Invoke(configuration));
    }

    /// <summary>
    /// A parser message in a planner's words: "Cannot parse argument 'abc' for option '--threads'
    /// as expected type 'System.Nullable`1[System.Int32]'" becomes "--threads: 'abc' is not a
    /// whole number."
    /// </summary>
    internal static string Plain(string message)
    {
        var match = Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for (option|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var kind = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number (e.g. 2.5)"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a value of the expected kind";
        return $"{match.Groups["name"].Value}: '{match.Groups["value"].Value}' is not {kind}.";
    }
}
