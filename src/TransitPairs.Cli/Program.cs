namespace TransitPairs.Cli;

/// <summary>Entry point of the <c>transitpairs</c> console host.</summary>
public static class Program
{
    public static int Main(string[] args) => TransitPairsCli.Run(args, Console.Out, Console.Error);
}
