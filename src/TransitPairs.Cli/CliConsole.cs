using TransitPairs.Optimization.Solving;
using TransitPairs.Validation;

namespace TransitPairs.Cli;

/// <summary>Process exit codes of <c>transitpairs</c>; scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The input is valid but no feasible plan exists; the reason is on stderr.</summary>
    public const int NoFeasiblePlan = 1;

    /// <summary>Bad input: a file, field or option is wrong; every problem is on stderr.</summary>
    public const int BadInput = 2;

    /// <summary>A fault inside TransitPairs (a bug): reported on stderr without a stack trace.</summary>
    public const int InternalError = 70;
}

/// <summary>
/// Where a command prints: tables and data to <see cref="Out"/>, diagnostics to <see cref="Error"/>.
/// Whether each is an interactive terminal is detected for the process's own streams, or given
/// (tests pass a fake terminal).
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, bool? outputIsTerminal = null, bool? errorIsTerminal = null)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is an interactive terminal (not a file or a pipe).</summary>
    public bool OutputIsTerminal { get; } = outputIsTerminal ?? (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>True when stderr is an interactive terminal (progress displays only then).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal ?? (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>
    /// Runs a command body and turns failures into exit codes: bad input → 2 with every problem on
    /// stderr; no feasible plan → 1 with the reason; anything else → 70 with a one-line message
    /// (the stack trace only when <c>TRANSITPAIRS_DEBUG=1</c>). Never lets an exception escape.
    /// </summary>
    public int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (InputException e)
        {
            foreach (var problem in e.Problems)
            {
                Error.WriteLine($"error: {problem}");
            }

            return ExitCodes.BadInput;
        }
        catch (NoFeasiblePlanException e)
        {
            Error.WriteLine($"no feasible plan: {e.Message}");
            if (e is NoPlanException { Remedies.Length: > 0 } remedied)
            {
                Error.WriteLine("what would help:");
                foreach (var remedy in remedied.Remedies)
                {
                    Error.WriteLine($"  - {RemedyText.Of(remedy, remedied.Scenario)}");
                }
            }

            return ExitCodes.NoFeasiblePlan;
        }
        catch (OperationCanceledException)
        {
            Error.WriteLine("cancelled.");
            return ExitCodes.NoFeasiblePlan;
        }
#pragma warning disable CA1031 // The host must never show a stack trace: every fault becomes a message and an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("TRANSITPAIRS_DEBUG") == "1")
            {
                Error.WriteLine(e.ToString());
            }
            else
            {
                Error.WriteLine("This is a fault in TransitPairs, not in your input; rerun with TRANSITPAIRS_DEBUG=1 and report the output.");
            }

            return ExitCodes.InternalError;
        }
    }
}
