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
/// <remarks>
/// A relative path may not lead out of the scenario's own tree: the folder above the folder of
/// the file that starts it (for <c>data/scenarios/x.json</c>, <c>data/</c>), so that a scenario
/// received from someone else cannot make the planner open <c>../../../etc/passwd</c>. An
/// absolute path names its own tree (the folder above its folder): the user chose it.
/// </remarks>
internal sealed class ScenarioDocument
{
    /// <summary>Keys whose string values are file paths, resolved against the naming file's folder.</summary>
    private static readonly HashSet<string> PathKeys = new(StringComparer.Ordinal) { "base", "$include", "calendar", "files", "segmentFiles" };

    // A key written twice is an error: the reader would otherwise keep one of them silently.
    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>What a path key holds after its problem was reported (empty, or out of the tree): it is not opened.</summary>
    private const string Rejected = "\u0000rejected";

    /// <summary>The tree each referenced file belongs to (see the remarks), by full path.</summary>
    private readonly Dictionary<string, string> treeOf = new(PathComparer);

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
            document.Problems.Add(Directory.Exists(full)
                ? new InputProblem(display, string.Empty, "This is a folder, not a file.", "Name one scenario file, e.g. data/scenarios/siping-liaoyuan.json.")
                : new InputProblem(display, string.Empty, "The scenario file does not exist.", "Check the path; bundled scenarios are in data/scenarios/."));
            return document;
        }

        document.treeOf[full] = TreeRoot(full);
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

    /// <summary>
    /// Parses a JSON file of this scenario whose root is an object, with relative paths made
    /// absolute; null (and a problem) when it cannot. <paramref name="namedBy"/> says which key
    /// pulled the file in (for messages).
    /// </summary>
    public JsonObject? ParseFile(string fullPath, string? namedBy = null) =>
        Parse(fullPath, Problems, treeOf.GetValueOrDefault(fullPath) ?? TreeRoot(fullPath), treeOf, namedBy);

    /// <summary>
    /// Parses a JSON file whose root is an object, with relative paths made absolute; null (and a
    /// problem in <paramref name="problems"/>) when it cannot. Relative paths that lead out of
    /// <paramref name="treeRoot"/> (default: the folder above the file's folder) are reported and
    /// dropped; <paramref name="trees"/>, when given, receives the tree of every file named.
    /// </summary>
    public static JsonObject? Parse(string fullPath, ProblemSink problems, string? treeRoot = null, IDictionary<string, string>? trees = null, string? namedBy = null)
    {
        var named = namedBy is null ? string.Empty : $" (The file is named by {namedBy}.)";
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(Display(fullPath), string.Empty, $"The file cannot be read: {e.Message}{named}", "Check the path and permissions."));
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
                problems.Add(new InputProblem(Display(fullPath), where, $"The key \"{key}\" appears twice in one object.{named}", "Keep one of them: JSON objects hold each key once."));
                return null;
            }

            problems.Add(new InputProblem(Display(fullPath), where, $"The file is not valid JSON: {reason}.{named}", "Fix the JSON syntax there (a missing comma, quote or bracket is the usual cause)."));
            return null;
        }

        if (node is not JsonObject root)
        {
            problems.Add(new InputProblem(Display(fullPath), "$", $"The file holds {JsonScope.Describe(node)}, not a JSON object.{named}", "Write the file as one object { … }."));
            return null;
        }

        var references = new PathReferences(Display(fullPath), treeRoot ?? TreeRoot(fullPath), problems, trees);
        references.Resolve(root, Path.GetDirectoryName(fullPath)!, "$");
        return root;
    }

    /// <summary>The tree a file starts: the folder above its folder (its own folder at a file-system root).</summary>
    public static string TreeRoot(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        return Path.GetDirectoryName(folder) ?? folder;
    }

    /// <summary>The sentence for a path that should name a file but does not: a folder, or nothing.</summary>
    public static string NotAFile(string fullPath, string what) =>
        Directory.Exists(fullPath) ? $"{what} '{Display(fullPath)}' is a folder, not a file" : $"{what} '{Display(fullPath)}' does not exist";

    private static StringComparer PathComparer => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private JsonObject? LoadChain(string fullPath, List<string> chain, string? namedBy = null)
    {
        var layer = ParseFile(fullPath, namedBy);
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
                if (basePath == Rejected)
                {
                    // Reported where the path was read; without its base the layer alone would only add "… is missing".
                    Problems.Hide("$");
                }
                else if (basePath == fullPath || chain.Contains(basePath))
                {
                    var cycle = string.Join(" → ", chain.Append(fullPath).SkipWhile(p => p != basePath).Append(basePath).Select(p => Path.GetFileName(p)));
                    Problems.Add(new InputProblem(display, "$.base", $"The base scenarios form a cycle: {cycle}.", "Point 'base' at a scenario that does not lead back to this one."));
                    Problems.Hide("$");
                }
                else if (!File.Exists(basePath))
                {
                    Problems.Add(new InputProblem(display, "$.base", NotAFile(basePath, "The base scenario") + ".", "Name an existing scenario file, relative to this file's folder."));
                    Problems.Hide("$");
                }
                else
                {
                    result = LoadChain(basePath, [.. chain, fullPath], $"$.base of {display}");
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

            // An included file may itself be {"$include": …}: follow the chain to any depth.
            while (child.TryGetPropertyValue("$include", out var include) && include is not null)
            {
                var at = $"{childPath}.$include";
                var (namingFile, namingPath) = Sources.Resolve(at, MainFile);
                child.Remove("$include");
                if (include is not JsonValue v || !v.TryGetValue<string>(out var file))
                {
                    Problems.At(at, $"'$include' is {JsonScope.Describe(include)}; it must be a file name.", "Write \"$include\": \"file.json\".");
                    Problems.Hide(childPath);
                    break;
                }

                if (file == Rejected)
                {
                    Problems.Hide(childPath);
                    break;
                }

                if (nextChain.Contains(file, PathComparer))
                {
                    var cycle = string.Join(" → ", nextChain.SkipWhile(p => !PathComparer.Equals(p, file)).Append(file).Select(Display));
                    Problems.At(at, $"The includes form a cycle: {cycle}.", "Remove the $include that leads back to a file already being included.");
                    Problems.Hide(childPath);
                    break;
                }

                if (!File.Exists(file))
                {
                    Problems.At(at, NotAFile(file, "The file") + ".", "Name an existing file, relative to the folder of the file that names it.");
                    Problems.Hide(childPath);
                    break;
                }

                if (ParseFile(file, $"{namingPath} of {namingFile}") is not { } included)
                {
                    Problems.Hide(childPath);
                    break;
                }

                Sources.Set(childPath, Display(file), "$");
                Record(included, childPath, Display(file), "$", overwrite: false);
                child = (JsonObject)JsonMerge.Merge(included, child)!;
                node[key] = child;
                nextChain = [.. nextChain, file];
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

    /// <summary>Makes the relative paths of one parsed file absolute, keeping them inside its tree.</summary>
    private sealed class PathReferences(string file, string treeRoot, ProblemSink problems, IDictionary<string, string>? trees)
    {
        public void Resolve(JsonObject node, string folder, string jsonPath)
        {
            foreach (var key in node.Select(p => p.Key).ToList())
            {
                var value = node[key];
                var at = $"{jsonPath}.{key}";
                if (PathKeys.Contains(key))
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        if (Reference(s, folder, at) is { } full)
                        {
                            node[key] = full;
                        }
                        else if (key is "base" or "$include")
                        {
                            node[key] = Rejected;
                        }
                        else
                        {
                            node.Remove(key);
                        }
                    }
                    else if (value is JsonArray array)
                    {
                        for (var i = array.Count - 1; i >= 0; i--)
                        {
                            if (array[i] is JsonValue e && e.TryGetValue<string>(out var es))
                            {
                                if (Reference(es, folder, $"{at}[{i}]") is { } full)
                                {
                                    array[i] = full;
                                }
                                else
                                {
                                    array.RemoveAt(i);
                                }
                            }
                        }
                    }
                }
                else if (value is JsonObject child)
                {
                    Resolve(child, folder, at);
                }
                else if (value is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is JsonObject element)
                        {
                            Resolve(element, folder, $"{at}[{i}]");
                        }
                    }
                }
            }
        }

        /// <summary>The full path of <paramref name="text"/>, or null (and a problem) when it is empty or leaves the tree.</summary>
        private string? Reference(string text, string folder, string at)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(new InputProblem(file, at, "The file name is empty.", "Name a file, relative to this file's folder, or remove the key."));
                return null;
            }

            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(folder, text));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problems.Add(new InputProblem(file, at, $"'{text}' is not a usable path: {e.Message}", "Name a file, relative to this file's folder."));
                return null;
            }

            if (Path.IsPathRooted(text))
            {
                trees?.TryAdd(full, TreeRoot(full));
                return full;
            }

            var inside = full.StartsWith(Path.TrimEndingDirectorySeparator(treeRoot) + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            if (!inside)
            {
                problems.Add(new InputProblem(file, at, $"'{text}' leads out of the scenario's folder tree ({(Display(treeRoot) == "." ? treeRoot : Display(treeRoot))}).",
                    "Keep the scenario's files under that folder (e.g. ../corridors/x.json from data/scenarios/), or name the file by its absolute path."));
                return null;
            }

            trees?.TryAdd(full, treeRoot);
            return full;
        }
    }
}
