using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>SetDefaults_Service, plus the IP-family fields the Service registry fills on create.</summary>
internal static class ServiceDefaults
{
    public static void Apply(JsonObject svc)
    {
        var spec = Json.Ensure(svc, "spec");
        Json.Default(spec, "type", "ClusterIP");
        Json.Default(spec, "sessionAffinity", "None");
        var type = Json.Str(spec, "type");
        if (Json.Str(spec, "sessionAffinity") == "ClientIP" && spec["sessionAffinityConfig"] is null)
        {
            spec["sessionAffinityConfig"] = new JsonObject { ["clientIP"] = new JsonObject { ["timeoutSeconds"] = 10800 } };
        }
        foreach (var port in Json.Objects(Json.Arr(spec, "ports")))
        {
            Json.Default(port, "protocol", "TCP");
            // An unset or zero targetPort means "the same as port".
            if (Json.IsUnset(port, "targetPort") || Json.Long(port, "targetPort") == 0)
            {
                port["targetPort"] = port["port"]?.DeepClone();
            }
        }
        if (type is "NodePort" or "LoadBalancer")
        {
            Json.Default(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type == "LoadBalancer")
        {
            Json.Default(spec, "allocateLoadBalancerNodePorts", true);
        }
        if (type != "ExternalName")
        {
            Json.Default(spec, "internalTrafficPolicy", "Cluster");
            Json.Default(spec, "ipFamilyPolicy", "SingleStack");
            if (spec["ipFamilies"] is not JsonArray { Count: > 0 })
            {
                spec["ipFamilies"] = new JsonArray("IPv4");
            }
        }
    }
}
