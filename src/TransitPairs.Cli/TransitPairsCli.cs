using System.CommandLine;

namespace TransitPairs.Cli;

/// <summary>
/// Builds the command tree and runs it with explicit output and error writers, so that tests run
/// the real host in-process. Exit codes: 0 success, 1 no feasible plan, 2 bad input.
/// </summary>
public static class TransitPairsCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdout, stderr);
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
                stderr.WriteLine($"transitpairs: {error.Message}");
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
}
