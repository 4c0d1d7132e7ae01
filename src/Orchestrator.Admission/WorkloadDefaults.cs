using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>apps/v1 SetDefaults_Deployment and SetDefaults_ReplicaSet, plus their pod templates.</summary>
internal static class WorkloadDefaults
{
    public static void ApplyDeployment(JsonObject obj)
    {
        var spec = Json.Ensure(obj, "spec");
        Json.Default(spec, "replicas", 1);
        var strategy = Json.Ensure(spec, "strategy");
        Json.Default(strategy, "type", "RollingUpdate");
        if (Json.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Json.Ensure(strategy, "rollingUpdate");
            Json.Default(rolling, "maxUnavailable", "25%");
            Json.Default(rolling, "maxSurge", "25%");
        }
        Json.Default(spec, "revisionHistoryLimit", 10);
        Json.Default(spec, "progressDeadlineSeconds", 600);
        ApplyTemplate(spec);
    }

    public static void ApplyReplicaSet(JsonObject obj)
    {
        var spec = Json.Ensure(obj, "spec");
        Json.Default(spec, "replicas", 1);
        ApplyTemplate(spec);
    }

    private static void ApplyTemplate(JsonObject spec)
    {
        if (Json.Obj(spec, "template") is { } template)
        {
            PodDefaults.ApplySpec(Json.Ensure(template, "spec"));
        }
    }
}
