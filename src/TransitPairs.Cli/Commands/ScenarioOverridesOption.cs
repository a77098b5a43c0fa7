using System.CommandLine;
using TransitPairs.Validation;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>--set KEY=VALUE</c> (repeatable): dotted-key overrides applied to a scenario after its base
/// chain, e.g. <c>--set demand.scale=1.3 --set season=winter</c>.
/// </summary>
internal sealed class ScenarioOverridesOption
{
    public Option<string[]> Option { get; } = new("--set")
    {
        Description = "Override a scenario field, KEY=VALUE with a dotted key (e.g. demand.scale=1.3, season=winter, fleet.siping-depot.e12-422=12). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The overrides given; an entry without '=' is bad input.</summary>
    public IReadOnlyDictionary<string, string> Read(ParseResult parse)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        foreach (var entry in parse.GetValue(Option) ?? [])
        {
            var cut = entry.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                problems.Add(new InputProblem("--set", entry, "An override must be KEY=VALUE.", "Write e.g. --set demand.scale=1.3."));
                continue;
            }

            result[entry[..cut].Trim()] = entry[(cut + 1)..].Trim();
        }

        return problems.Count > 0 ? throw new InputException(problems) : result;
    }
}
