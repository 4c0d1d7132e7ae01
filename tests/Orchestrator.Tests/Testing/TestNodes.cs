using System.Text.Json.Nodes;

namespace Orchestrator.Tests.Testing;

/// <summary>Registers nodes the way an agent would (create, then report capacity through /status), without an agent.</summary>
public static class TestNodes
{
    public static async Task RegisterAsync(RawApi api, string name, string cpu, string memory = "8Gi", int pods = 110,
        string? taint = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadataLabels = new JsonObject { ["kubernetes.io/hostname"] = name };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            metadataLabels[key] = value;
        }
        var node = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = metadataLabels },
        };
        if (taint is not null)
        {
            // "key=value:Effect"
            var (pair, effect) = (taint.Split(':')[0], taint.Split(':')[1]);
            node["spec"] = new JsonObject { ["taints"] = new JsonArray(new JsonObject { ["key"] = pair.Split('=')[0], ["value"] = pair.Split('=')[1], ["effect"] = effect }) };
        }
        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/nodes", node.ToJsonString());
        Assert.True(created.Code == 201, created.Body);
        var resources = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var status = new JsonObject { ["status"] = new JsonObject { ["capacity"] = resources.DeepClone(), ["allocatable"] = resources } };
        var patched = await api.SendAsync(HttpMethod.Patch, $"/api/v1/nodes/{name}/status", status.ToJsonString(), contentType: "application/merge-patch+json");
        Assert.True(patched.Code == 200, patched.Body);
    }
}
