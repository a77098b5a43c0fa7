using System.CommandLine;
using System.Text.Json;
using TransitPairs.IO.Scenarios;

namespace TransitPairs.Cli.Commands;

/// <summary>
/// <c>transitpairs validate SCENARIO...</c>: loads and checks each scenario (bases, includes,
/// demand CSVs, references, times, headways, battery windows, …) and reports every problem at
/// once with file, JSON path or CSV line, and a fix. Exit 0 when all are valid, 2 otherwise.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarios = new Argument<FileInfo[]>("SCENARIO") { Description = "Scenario files (JSON) to check.", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption.Create("", "table", "json");
        var overrides = new ScenarioOverridesOption();
        var command = new Command("validate", "Check scenario files and report every problem (file, JSON path or CSV line, fix). Exit 0 valid, 2 otherwise.");
        command.Arguments.Add(scenarios);
        command.Options.Add(format);
        command.Options.Add(overrides.Option);
        command.SetAction(parse => console.Guard(() =>
        {
            var set = overrides.Read(parse);
            var results = parse.GetValue(scenarios)!
                .Select(f => (File: f.ToString(), Result: ScenarioLoader.Validate(f.ToString(), set)))
                .ToList();
            if (parse.GetValue(format) == "json")
            {
                var report = results.Select(r => new
                {
                    file = r.File,
                    valid = r.Result.IsValid,
                    scenario = r.Result.Scenario?.Name,
                    problems = r.Result.Problems.Select(p => new { source = p.Source, location = p.Location, problem = p.Problem, fix = p.Fix }),
                });
                console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }

            foreach (var (file, result) in results)
            {
                if (result.IsValid)
                {
                    var s = result.Scenario!;
                    if (parse.GetValue(format) != "json")
                    {
                        console.Out.WriteLine($"ok       {file}  ({s.Name}: {string.Join(", ", s.Corridors.Select(c => c.Id))}; {s.ServiceDate:yyyy-MM-dd} {s.DayType.ToString().ToLowerInvariant()}, {s.Season.ToString().ToLowerInvariant()}; {s.Fleet.Total} vehicles)");
                    }
                }
                else
                {
                    if (parse.GetValue(format) != "json")
                    {
                        console.Out.WriteLine($"invalid  {file}  ({result.Problems.Count} problem{(result.Problems.Count == 1 ? string.Empty : "s")})");
                    }

                    foreach (var problem in result.Problems)
                    {
                        console.Error.WriteLine($"error: {problem}");
                    }
                }
            }

            return results.All(r => r.Result.IsValid) ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }
}
