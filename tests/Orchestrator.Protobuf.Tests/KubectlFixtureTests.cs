using System.Text.Json.Nodes;

namespace Orchestrator.Protobuf.Tests;

/// <summary>
/// Fixtures/*.pb are request bodies a real kubectl v1.32 POSTed for `kubectl create ...`; Fixtures/*.json is what
/// the same command printed with --dry-run=client -o json, i.e. the JSON encoding of the same object.
/// </summary>
public class KubectlFixtureTests
{
    [Theory]
    [InlineData("configmap")]
    [InlineData("secret")]
    [InlineData("deployment")]
    [InlineData("namespace")]
    [InlineData("service")]
    [InlineData("poddisruptionbudget")]
    [InlineData("priorityclass")]
    public void A_body_kubectl_sent_decodes_to_the_json_kubectl_prints_for_the_same_object(string name)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".pb"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")));
        WithoutNullCreationTimestamps(expected);

        JsonAssert.Equal(expected, KubernetesProtobuf.Decode(body));
    }

    // kubectl v1.32 prints "creationTimestamp": null; the newer apimachinery the table comes from marks it omitzero.
    private static void WithoutNullCreationTimestamps(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj.TryGetPropertyValue("creationTimestamp", out var value) && value is null)
            {
                obj.Remove("creationTimestamp");
            }
            foreach (var (_, child) in obj)
            {
                WithoutNullCreationTimestamps(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                WithoutNullCreationTimestamps(child);
            }
        }
    }
}
