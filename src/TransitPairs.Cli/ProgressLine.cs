using System.Diagnostics;
using System.Globalization;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Cli;

/// <summary>
/// One line of progress on stderr for long work, redrawn in place (<c>\r</c>) about once a second:
/// the stage, the step (<c>variant 3 of 12</c>), elapsed and remaining time, and a solve's best
/// objective and bound when it reports them. Shown only when stderr is an interactive terminal and,
/// for <c>--format json|csv</c>, stdout is one too (data piped to another program travels with no
/// chatter); otherwise every call does nothing. It only ever writes to stderr, so it cannot change
/// what a command prints on stdout or writes to files. Cleared when disposed.
/// </summary>
/// <remarks>
/// Written here rather than with Spectre.Console's progress display (on the machine's NuGet list):
/// one redrawn line is all that is needed, and the host must decide interactivity itself so that
/// tests can run it with a fake terminal.
/// </remarks>
internal sealed class ProgressLine : IProgress<SolveProgress>, IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly TextWriter? error;
    private readonly string task;
    private readonly TimeSpan? limit;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly Timer? timer;
    private string stage = string.Empty;
    private string figures = string.Empty;
    private (int Done, int Total, string Noun)? step;
    private int width;
    private TimeSpan stepAt;
    private bool disposed;

    private ProgressLine(TextWriter? error, string task, TimeSpan? limit)
    {
        this.error = error;
        this.task = task;
        this.limit = limit;
        if (error is not null)
        {
            timer = new Timer(_ => Draw(), null, Tick, Tick);
        }
    }

    /// <summary>True when the line is shown (stderr is a terminal, and not silenced by piped data).</summary>
    public bool IsShown => error is not null;

    /// <summary>
    /// A progress line for <paramref name="task"/> (e.g. <c>sweep</c>): shown when stderr is a
    /// terminal, unless <paramref name="format"/> is json or csv and stdout is not a terminal.
    /// <paramref name="limit"/>, when given, is the time the work may take (shown as remaining).
    /// </summary>
    public static ProgressLine For(CliConsole console, string task, string? format = null, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var dataToAPipe = format is "json" or "csv" && !console.OutputIsTerminal;
        return new ProgressLine(console.ErrorIsTerminal && !dataToAPipe ? console.Error : null, task, limit);
    }

    /// <summary>Enters a stage ("reading the feed", "solving"); figures of the previous stage are dropped.</summary>
    public void Stage(string name)
    {
        lock (gate)
        {
            stage = name;
            figures = string.Empty;
        }

        Draw();
    }

    /// <summary>Counts a step of <paramref name="total"/> (<paramref name="done"/> finished): remaining time is estimated from the pace so far.</summary>
    public void Step(int done, int total, string noun)
    {
        lock (gate)
        {
            if (step is not { } previous || previous.Done != done)
            {
                // A new step: the stage and figures of the one before no longer apply.
                stepAt = clock.Elapsed;
                stage = string.Empty;
                figures = string.Empty;
            }

            step = (done, total, noun);
        }

        Draw();
    }

    /// <summary>A solve's report: its stage, and its objective and bound when it has them.</summary>
    public void Report(SolveProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            stage = value.Stage;
            var unit = value.Unit is null ? string.Empty : " " + value.Unit;
            figures = (value.Objective, value.Bound) switch
            {
                ({ } o, { } b) => $"best {Number(o)}{unit}, bound {Number(b)}{unit}",
                ({ } o, null) => $"best {Number(o)}{unit}",
                (null, { } b) => $"bound {Number(b)}{unit}",
                _ => string.Empty,
            };
        }

        Draw();
    }

    /// <summary>Writes a message line to stderr (always, shown or not), keeping the progress line below it.</summary>
    public void WriteLine(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        lock (gate)
        {
            Clear();
            stderr.WriteLine(message);
        }

        Draw();
    }

    public void Dispose()
    {
        timer?.Dispose();
        lock (gate)
        {
            Clear();
            disposed = true;
        }
    }

    private void Clear()
    {
        if (error is not null && width > 0)
        {
            error.Write("\r" + new string(' ', width) + "\r");
            error.Flush();
            width = 0;
        }
    }

    private void Draw()
    {
        if (error is null)
        {
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var elapsed = clock.Elapsed;
            var parts = new List<string> { task };
            if (step is { } s)
            {
                parts.Add($"{s.Noun} {Math.Min(s.Done + 1, s.Total)} of {s.Total}");
            }

            if (stage.Length > 0)
            {
                parts.Add(stage);
            }

            if (figures.Length > 0)
            {
                parts.Add(figures);
            }

            parts.Add($"{Clock(elapsed)} elapsed");
            if (step is { Done: > 0 } done && done.Done < done.Total)
            {
                // The pace of the finished steps, less the time the current ones have already run.
                var left = (stepAt / done.Done * (done.Total - done.Done)) - (elapsed - stepAt);
                parts.Add($"about {Clock(left > TimeSpan.Zero ? left : TimeSpan.Zero)} left");
            }
            else if (limit is { } l && l > elapsed)
            {
                parts.Add($"at most {Clock(l - elapsed)} left");
            }

            var text = string.Join(" · ", parts);
            error.Write("\r" + text + new string(' ', Math.Max(0, width - text.Length)));
            error.Flush();
            width = text.Length;
        }
    }

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        Math.Abs(value) >= 100 || value == Math.Round(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
