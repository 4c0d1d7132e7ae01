using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Protobuf.Tests;

/// <summary>Compares JSON structurally and shows both documents when they differ.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(string expected, JsonNode? actual) => Equal(JsonNode.Parse(expected), actual);

    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"expected:\n{expected?.ToJsonString(Indented)}\nactual:\n{actual?.ToJsonString(Indented)}");
        }
    }
}
