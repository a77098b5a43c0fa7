using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TransitPairs.IO.Scenarios;
using TransitPairs.TestSupport;

namespace TransitPairs.Cli.Tests.BadInput;

/// <summary>
/// A generated fuzz pass over the bundled scenarios: random truncations, type swaps, extreme
/// numbers, deleted keys and extreme <c>--set</c> overrides, seeded so a failure repeats. Whatever
/// the input, the host answers with an exit code a script can use (0, 1 or 2) and a message,
/// never exit 70 or a stack trace.
/// </summary>
public sealed class ScenarioFuzzTests : IDisposable
{
    private const int Seed = 17;
    private const int Cases = 600;

    /// <summary>How many of the mutated scenarios that stay valid are also planned (a short solve each).</summary>
    private const int Plans = 5;

    private static readonly double[] ExtremeNumbers = [1e308, -1e308, 0, -1, 1e-300, 4.5, 2147483648, -2147483649, 1_000_000_001, 99999];

    private static readonly JsonNode?[] Extremes =
    [
        .. ExtremeNumbers.Select(n => (JsonNode?)JsonValue.Create(n)),
        "", "abc", "06:75", "25:00", "2026-02-30", true, null, new JsonArray(), new JsonObject(),
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "transitpairs-fuzz", Guid.NewGuid().ToString("N"));

    public ScenarioFuzzTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Commands_GeneratedBadScenarios_NeverExitSeventyNorPrintAStackTrace()
    {
        var random = new Random(Seed);
        var scenarios = Directory.GetFiles(Path.Combine(TestPaths.Data, "scenarios"), "*.json").Order(StringComparer.Ordinal).ToArray();

        // Each scenario composed once (bases merged, includes inlined, paths absolute): every field of it can then be mutated in one file.
        var composed = scenarios.ToDictionary(s => s, s => ScenarioLoader.Compose(s)!.ToJsonString(), StringComparer.Ordinal);
        var failures = new List<string>();
        var exits = new int[3];
        var planned = 0;
        for (var i = 0; i < Cases; i++)
        {
            var scenario = scenarios[random.Next(scenarios.Length)];
            var path = Path.Combine(folder, $"case-{i}.json");
            var (description, args) = Mutate(random, composed[scenario], path);
            var command = random.Next(4) == 0 ? "show" : "validate";
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = TransitPairsCli.Run([command, path, .. args], output, error);
            var text = error.ToString();
            if (code is not (0 or 1 or 2) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("internal error", StringComparison.Ordinal)
                || text.Contains("System.", StringComparison.Ordinal) || Regex.IsMatch(text, @"\d{16}"))
            {
                failures.Add($"case {i} ({Path.GetFileName(scenario)}, {command}, {description}): exit {code}: {Telling(text)}");
            }
            else
            {
                exits[code]++;
            }

            // A valid mutation goes on through the solvers too: exit 0 or 1 (no plan), never 70.
            if (code == 0 && command == "validate" && planned < Plans)
            {
                planned++;
                using var planOutput = new StringWriter();
                using var planError = new StringWriter();
                var planCode = TransitPairsCli.Run(["plan", path, .. args, "--time-limit", "1", "--out", Path.Combine(folder, $"plan-{i}")], planOutput, planError);
                if (planCode is not (0 or 1 or 2) || planError.ToString().Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"case {i} ({Path.GetFileName(scenario)}, plan, {description}): exit {planCode}: {Telling(planError.ToString())}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} of {Cases} cases failed:\n{string.Join('\n', failures)}");

        // Guard against a pass that tests nothing: most mutations must be rejected, and some must stay valid.
        Assert.True(exits[2] > Cases / 3, $"only {exits[2]} of {Cases} cases were rejected");
        Assert.True(exits[0] > 0 && planned == Plans, $"{exits[0]} mutated scenarios stayed valid, {planned} planned");
    }

    /// <summary>The line of a failed run's stderr that says most: the host's "internal error" line (exception type and message) when there is one.</summary>
    private static string Telling(string stderr)
    {
        var lines = stderr.Split('\n');
        return lines.FirstOrDefault(l => l.Contains("internal error", StringComparison.Ordinal)) ?? lines[0];
    }

    /// <summary>Writes one mutation of <paramref name="json"/> to <paramref name="path"/>; returns what was done and any extra arguments.</summary>
    /// <remarks>Kinds: 0 truncation, 1 type swap, 2 extreme number (twice as likely), 3 deleted key, 4 --set override.</remarks>
    private static (string Description, string[] Args) Mutate(Random random, string json, string path)
    {
        var kind = new[] { 0, 1, 2, 2, 3, 4 }[random.Next(6)];
        if (kind == 0)
        {
            var cut = random.Next(json.Length);
            File.WriteAllText(path, json[..cut], Encoding.UTF8);
            return ($"truncated at {cut} of {json.Length}", []);
        }

        var root = JsonNode.Parse(json)!.AsObject();
        var leaves = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(root, "$", leaves);

        // Extreme numbers go where numbers belong; the other kinds go anywhere.
        var numbers = leaves.Where(l => (l.Key is null ? l.Parent[l.Index] : l.Parent[l.Key]) is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList();
        if (kind == 4)
        {
            // A --set override of a dotted path (objects only: --set has no list index), mostly an extreme number for a number.
            var numeric = random.Next(3) > 0;
            var settable = (numeric ? numbers : leaves).Where(l => !l.Path.Contains('[', StringComparison.Ordinal)).ToList();
            var leaf = settable[random.Next(settable.Count)];
            var value = numeric ? JsonValue.Create(ExtremeNumbers[random.Next(ExtremeNumbers.Length)]) : Extremes[random.Next(Extremes.Length)];
            var text = value is null ? "null" : value.ToJsonString();
            File.WriteAllText(path, json, Encoding.UTF8);
            return ($"--set {leaf.Path[2..]}={text}", ["--set", $"{leaf.Path[2..]}={text}"]);
        }

        var target = kind == 2 && numbers.Count > 0 ? numbers[random.Next(numbers.Count)] : leaves[random.Next(leaves.Count)];
        string description;
        if (kind == 3 && target.Key is not null)
        {
            ((JsonObject)target.Parent).Remove(target.Key);
            description = $"removed {target.Path}";
        }
        else
        {
            var replacement = kind == 2
                ? JsonValue.Create(ExtremeNumbers[random.Next(ExtremeNumbers.Length)] * (random.Next(2) == 0 ? 1 : -1))
                : Extremes[random.Next(Extremes.Length)]?.DeepClone();
            if (target.Key is not null)
            {
                target.Parent[target.Key] = replacement;
            }
            else
            {
                target.Parent[target.Index] = replacement;
            }

            description = $"{target.Path} = {replacement?.ToJsonString() ?? "null"}";
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Encoding.UTF8);
        return (description, []);
    }

    /// <summary>Every value of the tree (objects and lists too), with its parent and JSON path.</summary>
    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    var at = $"{path}.{key}";
                    leaves.Add((o, key, -1, at));
                    if (value is not null)
                    {
                        Collect(value, at, leaves);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    leaves.Add((a, null, i, at));
                    if (a[i] is { } element)
                    {
                        Collect(element, at, leaves);
                    }
                }

                break;
        }
    }
}
