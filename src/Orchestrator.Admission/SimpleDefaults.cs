using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>Defaults for the kinds with only a field or two: Secret, Namespace, Node and Endpoints.</summary>
internal static class SimpleDefaults
{
    public static void ApplySecret(JsonObject secret)
    {
        Json.Default(secret, "type", "Opaque");
        // Conversion folds stringData into data (stringData wins), so it is never stored.
        if (Json.Obj(secret, "stringData") is { } stringData)
        {
            var data = Json.Ensure(secret, "data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Json.AsString(value) ?? ""));
            }
            secret.Remove("stringData");
        }
    }

    public static void ApplyNamespace(JsonObject ns)
    {
        Json.Default(Json.Ensure(ns, "status"), "phase", "Active");
        var spec = Json.Ensure(ns, "spec");
        if (spec["finalizers"] is not JsonArray)
        {
            spec["finalizers"] = new JsonArray("kubernetes");
        }
    }

    public static void ApplyNode(JsonObject node)
    {
        // SetDefaults_NodeStatus: allocatable starts as capacity.
        if (Json.Obj(node, "status") is { } status && Json.Obj(status, "capacity") is { } capacity && status["allocatable"] is null)
        {
            status["allocatable"] = capacity.DeepClone();
        }
    }

    public static void ApplyEndpoints(JsonObject endpoints)
    {
        foreach (var subset in Json.Objects(Json.Arr(endpoints, "subsets")))
        {
            foreach (var port in Json.Objects(Json.Arr(subset, "ports")))
            {
                Json.Default(port, "protocol", "TCP");
            }
        }
    }
}
