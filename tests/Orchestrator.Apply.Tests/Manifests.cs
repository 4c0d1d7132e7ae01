using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Apply.Tests;

/// <summary>Objects and helpers shared by the server-side apply tests.</summary>
internal static class Manifests
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    public static readonly DateTimeOffset T2 = T0.AddMinutes(2);

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Deployment(int replicas = 2, string image = "nginx:1.27", string labels = """{"app":"web"}""") => Json("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","labels":LABELS},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"IMAGE","ports":[{"containerPort":80}]}]}}}}
        """.Replace("LABELS", labels).Replace("REPLICAS", replicas.ToString(CultureInfo.InvariantCulture)).Replace("IMAGE", image));

    public static JsonArray ManagedFields(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    public static JsonObject Entry(JsonObject obj, string manager) =>
        ManagedFields(obj).Select(e => e!.AsObject()).Single(e => (string?)e["manager"] == manager);

    public static string FieldsV1(JsonObject obj, string manager) => Entry(obj, manager)["fieldsV1"]!.ToJsonString();

    /// <summary>Writes FieldsV1 with single quotes for readability; turned back into JSON here.</summary>
    public static string FieldsJson(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.ToJsonString();
}
