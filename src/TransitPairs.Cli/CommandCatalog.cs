using System.CommandLine;

namespace TransitPairs.Cli;

/// <summary>Every verb of the host, one factory each (one file per command under <c>Commands/</c>).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        yield return Commands.ValidateCommand.Create(console);
        yield return Commands.ShowCommand.Create(console);
        yield return Commands.TimetableCommand.Create(console);
        yield return Commands.ScheduleCommand.Create(console);
        yield return Commands.MdvspCommand.Create(console);
        yield return Commands.CrewCommand.Create(console);
        yield return Commands.PlanCommand.Create(console);
        yield return Commands.DutiesCommand.Create(console);
        yield return Commands.CompareCommand.Create(console);
        yield return Commands.SweepCommand.Create(console);
        yield return Commands.AllocateCommand.Create(console);
        yield return Commands.BlocksCommand.Create(console);
    }
}
