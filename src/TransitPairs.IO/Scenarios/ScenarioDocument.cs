using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using TransitPairs.Validation;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Composes the JSON tree of a scenario before it is read: the chain of <c>base</c> scenarios
/// merged oldest first (<see cref="JsonMerge"/>), then the caller's dotted overrides, then every
/// <c>{"$include": "file.json", …}</c> object replaced by the file's content with the object's
/// other keys merged over it. Relative paths (<c>base</c>, <c>$include</c>, <c>calendar</c>,
/// <c>files</c>, <c>segmentFiles</c>) are resolved against the folder of the file that names them.
/// Records where every part came from, so problems point into the right file.
/// </summary>
internal sealed class ScenarioDocument
{
    /// <summary>Keys whose string values are file paths, resolved against the naming file's folder.</summary>
    private static readonly HashSet<string> PathKeys = new(StringComparer.Ordinal) { "base", "$include", "calendar", "files", "segmentFiles" };

    // A key written twice is an error: the reader would otherwise keep one of them silently.
    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    private ScenarioDocument(string mainFile, SourceMap sources, ProblemSink problems)
    {
        MainFile = mainFile;
        Sources = sources;
        Problems = problems;
    }

    /// <summary>The scenario file as the user named it.</summary>
    public string MainFile { get; }

    public SourceMap Sources { get; }

    public ProblemSink Problems { get; }

    /// <summary>The composed tree, or null when the main file could not be read at all.</summary>
    public JsonObject? Root { get; private set; }

    /// <summary>Composes the scenario at <paramref name="path"/>; never throws for bad input (problems are collected).</summary>
    public static ScenarioDocument Compose(string path, IReadOnlyDictionary<string, string> overrides)
    {
        var sources = new SourceMap();
        var display = Display(Path.GetFullPath(path));
        var document = new ScenarioDocument(display, sources, new ProblemSink(sources, display));
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            document.Problems.Add(new InputProblem(display, string.Empty, "The scenario file does not exist.", "Check the path; bundled scenarios are in data/scenarios/."));
            return document;
        }

        var root = document.LoadChain(full, []);
        if (root is null)
        {
            return document;
        }

        if (overrides.Count > 0)
        {
            foreach (var (key, problem) in JsonMerge.ApplyOverrides(root, overrides))
            {
                document.Problems.Add(new InputProblem("override", key, problem, "Override a field of an object, e.g. demand.scale=1.3."));
            }

            foreach (var key in overrides.Keys)
            {
                sources.Set("$." + key, "override", key);
            }
        }

        document.ResolveIncludes(root, "$", [full]);
        document.Root = root;
        return document;
    }

    /// <summary>A path for messages: relative to the working folder when inside it, else absolute.</summary>
    public static string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }

    /// <summary>Parses a JSON file whose root is an object, with relative paths made absolute; null (and a problem) when it cannot.</summary>
    public JsonObject? ParseFile(string fullPath) => Parse(fullPath, Problems);

    /// <summary>Parses a JSON file whose root is an object, with relative paths made absolute; null (and a problem in <paramref name="problems"/>) when it cannot.</summary>
    public static JsonObject? Parse(string fullPath, ProblemSink problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (IOException e)
        {
            problems.Add(new InputProblem(Display(fullPath), string.Empty, $"The file cannot be read: {e.Message}", "Check the path and permissions."));
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: ParseOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : string.Empty;
            var reason = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
            var duplicate = Regex.Match(reason, "^Duplicate property '(?<key>[^']*)'");
            if (duplicate.Success)
            {
                // The parser does not say where; the second "key": in the text is the place.
                var key = duplicate.Groups["key"].Value;
                var second = Regex.Matches(text, "\"" + Regex.Escape(key) + "\"\\s*:").Skip(1).FirstOrDefault();
                where = second is null ? where : $"line {text[..second.Index].Count(c => c == '\n') + 1}";
                problems.Add(new InputProblem(Display(fullPath), where, $"The key \"{key}\" appears twice in one object.", "Keep one of them: JSON objects hold each key once."));
                return null;
            }

            problems.Add(new InputProblem(Display(fullPath), where, $"The file is not valid JSON: {reason}.", "Fix the JSON syntax there (a missing comma, quote or bracket is the usual cause)."));
            return null;
        }

        if (node is not JsonObject root)
        {
            problems.Add(new InputProblem(Display(fullPath), "$", $"The file holds {JsonScope.Describe(node)}, not a JSON object.", "Write the file as one object { … }."));
            return null;
        }

        ResolvePaths(root, Path.GetDirectoryName(fullPath)!);
        return root;
    }

    private JsonObject? LoadChain(string fullPath, List<string> chain)
    {
        var layer = ParseFile(fullPath);
        if (layer is null)
        {
            return null;
        }

        var display = Display(fullPath);
        JsonObject? result = null;
        if (layer.TryGetPropertyValue("base", out var baseNode) && baseNode is not null)
        {
            layer.Remove("base");
            if (baseNode is JsonValue v && v.TryGetValue<string>(out var basePath))
            {
                if (basePath == fullPath || chain.Contains(basePath))
                {
                    var cycle = string.Join(" → ", chain.Append(fullPath).SkipWhile(p => p != basePath).Append(basePath).Select(p => Path.GetFileName(p)));
                    Problems.Add(new InputProblem(display, "$.base", $"The base scenarios form a cycle: {cycle}.", "Point 'base' at a scenario that does not lead back to this one."));
                }
                else if (!File.Exists(basePath))
                {
                    Problems.Add(new InputProblem(display, "$.base", $"The base scenario '{Display(basePath)}' does not exist.", "Name an existing scenario file, relative to this file's folder."));
                }
                else
                {
                    result = LoadChain(basePath, [.. chain, fullPath]);
                }
            }
            else
            {
                Problems.Add(new InputProblem(display, "$.base", $"'base' is {JsonScope.Describe(baseNode)}; it must be a file name.", "Write \"base\": \"other-scenario.json\"."));
            }
        }

        Record(layer, "$", display, "$", overwrite: true);
        return (JsonObject)JsonMerge.Merge(result, layer)!;
    }

    private void ResolveIncludes(JsonObject node, string path, List<string> chain)
    {
        foreach (var key in node.Select(p => p.Key).ToList())
        {
            if (node[key] is not JsonObject child)
            {
                continue;
            }

            var childPath = $"{path}.{key}";
            var nextChain = chain;
            if (child.TryGetPropertyValue("$include", out var include) && include is not null)
            {
                child.Remove("$include");
                if (include is JsonValue v && v.TryGetValue<string>(out var file))
                {
                    if (chain.Contains(file))
                    {
                        Problems.At($"{childPath}.$include", $"'{Display(file)}' includes itself (directly or through other files).", "Remove the circular $include.");
                    }
                    else if (!File.Exists(file))
                    {
                        Problems.At($"{childPath}.$include", $"The file '{Display(file)}' does not exist.", "Name an existing file, relative to the folder of the file that names it.");
                    }
                    else if (ParseFile(file) is { } included)
                    {
                        Sources.Set(childPath, Display(file), "$");
                        Record(included, childPath, Display(file), "$", overwrite: false);
                        child = (JsonObject)JsonMerge.Merge(included, child)!;
                        node[key] = child;
                        nextChain = [.. chain, file];
                    }
                }
                else
                {
                    Problems.At($"{childPath}.$include", $"'$include' is {JsonScope.Describe(include)}; it must be a file name.", "Write \"$include\": \"file.json\".");
                }
            }

            ResolveIncludes(child, childPath, nextChain);
        }
    }

    private void Record(JsonNode node, string mergedPath, string file, string localPath, bool overwrite)
    {
        if (overwrite)
        {
            Sources.Set(mergedPath, file, localPath);
        }
        else
        {
            Sources.SetIfAbsent(mergedPath, file, localPath);
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is not null)
                    {
                        Record(value, $"{mergedPath}.{key}", file, $"{localPath}.{key}", overwrite);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } element)
                    {
                        Record(element, $"{mergedPath}[{i}]", file, $"{localPath}[{i}]", overwrite);
                    }
                }

                break;
        }
    }

    private static void ResolvePaths(JsonObject node, string folder)
    {
        foreach (var key in node.Select(p => p.Key).ToList())
        {
            var value = node[key];
            if (PathKeys.Contains(key))
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
                {
                    node[key] = Path.GetFullPath(Path.Combine(folder, s));
                }
                else if (value is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonValue e && e.TryGetValue<string>(out var es) && es.Length > 0)
                        {
                            array[i] = Path.GetFullPath(Path.Combine(folder, es));
                        }
                    }
                }
            }
            else if (value is JsonObject child)
            {
                ResolvePaths(child, folder);
            }
            else if (value is JsonArray list)
            {
                foreach (var element in list.OfType<JsonObject>())
                {
                    ResolvePaths(element, folder);
                }
            }
        }
    }
}
