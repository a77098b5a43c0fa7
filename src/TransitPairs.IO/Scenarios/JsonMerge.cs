using System.Text.Json;
using System.Text.Json.Nodes;

namespace TransitPairs.IO.Scenarios;

/// <summary>
/// Merging of scenario JSON, after RFC 7386 (JSON Merge Patch): objects merge key by key, a
/// <c>null</c> removes a key, anything else (numbers, strings, arrays) replaces. A what-if
/// scenario is its base merged with its own keys.
/// </summary>
public static class JsonMerge
{
    /// <summary>A new tree: <paramref name="target"/> with <paramref name="patch"/> merged over it. Neither input changes.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Merge(result.TryGetPropertyValue(key, out var existing) ? existing : null, value);
                result[key] = merged;
            }
        }

        return result;
    }

    /// <summary>
    /// Applies dotted-key overrides such as <c>demand.scale=1.3</c>, <c>season=winter</c> or
    /// <c>fleet.siping-depot.e12-422=10</c> to <paramref name="root"/> in place. A value that
    /// parses as JSON (a number, <c>true</c>, <c>null</c>, <c>"text"</c>, an object) is used as
    /// such; anything else is a string. Missing objects along the path are created.
    /// </summary>
    /// <returns>The keys that could not be applied (a path through a value that is not an object), with the reason.</returns>
    public static IReadOnlyList<(string Key, string Problem)> ApplyOverrides(JsonObject root, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(overrides);
        var failures = new List<(string, string)>();
        foreach (var (key, text) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var parts = key.Split('.');
            if (parts.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add((key, "The key has an empty part."));
                continue;
            }

            var node = root;
            var ok = true;
            for (var i = 0; i < parts.Length - 1 && ok; i++)
            {
                if (!node.TryGetPropertyValue(parts[i], out var child) || child is null)
                {
                    child = new JsonObject();
                    node[parts[i]] = child;
                }

                if (child is JsonObject childObject)
                {
                    node = childObject;
                }
                else
                {
                    failures.Add((key, $"'{string.Join('.', parts.Take(i + 1))}' is a value, not an object."));
                    ok = false;
                }
            }

            if (ok)
            {
                var value = ParseValue(text);
                if (value is null)
                {
                    node.Remove(parts[^1]);
                }
                else
                {
                    node[parts[^1]] = value;
                }
            }
        }

        return failures;
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
