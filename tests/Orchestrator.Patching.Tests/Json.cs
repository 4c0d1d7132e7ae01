using System.Text.Json.Nodes;

namespace Orchestrator.Patching.Tests;

/// <summary>Test JSON written with single quotes, so that cases read without a wall of escapes.</summary>
internal static class Json
{
    public static JsonNode Parse(string singleQuoted) =>
        JsonNode.Parse(singleQuoted.Replace('\'', '"')) ?? throw new ArgumentException("the JSON is null", nameof(singleQuoted));

    public static void Equal(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(Parse(expected), actual),
            $"expected {Parse(expected).ToJsonString()}\n but got {actual?.ToJsonString() ?? "null"}");

    /// <summary>Like <see cref="Equal"/> (which already compares list order), but the order of object members matters too.</summary>
    public static void EqualInOrder(string expected, JsonNode? actual) =>
        Assert.Equal(Parse(expected).ToJsonString(), actual?.ToJsonString());
}
