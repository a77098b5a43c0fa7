using System.Text.Json.Nodes;
using CsCheck;
using TransitPairs.IO.Scenarios;

namespace TransitPairs.IO.Tests.Scenarios;

/// <summary>Merge-patch laws (RFC 7386) on random scenario-like trees.</summary>
public sealed class JsonMergePropertyTests
{
    private static readonly string[] Keys = ["demand", "scale", "policy", "fleet", "season", "a", "b"];

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf<JsonNode?>(
        Gen.Int[-5, 5].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOf("winter", "summer", "x").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int[0, 3].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())));

    private static Gen<JsonObject> Tree(int depth, bool nulls) =>
        Gen.Select(Gen.OneOf(Keys).Array[0, 4], depth == 0 ? Leaf.Array[4] : Gen.OneOf(Leaf, Tree(depth - 1, nulls).Select(o => (JsonNode?)o)).Array[4], Gen.Bool.Array[4])
            .Select((keys, values, isNull) =>
            {
                var o = new JsonObject();
                for (var i = 0; i < keys.Length; i++)
                {
                    o[keys[i]] = nulls && isNull[i] ? null : values[i]?.DeepClone();
                }

                return o;
            });

    [Fact]
    public void Merge_EmptyPatch_ChangesNothing() =>
        Tree(2, nulls: false).Sample(t => JsonNode.DeepEquals(JsonMerge.Merge(t, new JsonObject()), t), iter: 300);

    [Fact]
    public void Merge_SamePatchTwice_IsTheSameAsOnce() =>
        Gen.Select(Tree(2, nulls: false), Tree(2, nulls: true)).Sample(
            (target, patch) => JsonNode.DeepEquals(JsonMerge.Merge(JsonMerge.Merge(target, patch), patch), JsonMerge.Merge(target, patch)),
            iter: 300);

    [Fact]
    public void Merge_NeverChangesItsInputs() =>
        Gen.Select(Tree(2, nulls: false), Tree(2, nulls: true)).Sample((target, patch) =>
        {
            var (t0, p0) = (target.ToJsonString(), patch.ToJsonString());
            _ = JsonMerge.Merge(target, patch);
            return target.ToJsonString() == t0 && patch.ToJsonString() == p0;
        }, iter: 300);

    [Fact]
    public void Merge_PatchValuesWin_AndNullsRemove() =>
        Gen.Select(Tree(1, nulls: false), Tree(1, nulls: true)).Sample((target, patch) =>
        {
            var merged = JsonMerge.Merge(target, patch)!.AsObject();
            return patch.All(p => p.Value is null
                ? !merged.ContainsKey(p.Key)
                : p.Value is JsonObject || JsonNode.DeepEquals(merged[p.Key], p.Value));
        }, iter: 300);
}
