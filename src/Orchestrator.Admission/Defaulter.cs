using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.Admission;

/// <summary>Kubernetes' defaulting for the served kinds (pkg/apis/*/v1/defaults.go plus create-time strategy and admission defaults), mutating wire JSON.</summary>
public static class Defaulter
{
    public static void Apply(ResourceDescriptor resource, JsonObject obj) => Apply(resource, obj, AdmissionOptions.Default);

    public static void Apply(ResourceDescriptor resource, JsonObject obj, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        switch (resource.Group, resource.Kind)
        {
            case ("", "Pod"):
                PodDefaults.ApplyPod(obj, options);
                break;
            case ("apps", "Deployment"):
                WorkloadDefaults.ApplyDeployment(obj);
                break;
            case ("apps", "ReplicaSet"):
                WorkloadDefaults.ApplyReplicaSet(obj);
                break;
            case ("", "Service"):
                ServiceDefaults.Apply(obj);
                break;
            case ("", "Secret"):
                SimpleDefaults.ApplySecret(obj);
                break;
            case ("", "Namespace"):
                SimpleDefaults.ApplyNamespace(obj);
                break;
            case ("", "Node"):
                SimpleDefaults.ApplyNode(obj);
                break;
            case ("", "Endpoints"):
                SimpleDefaults.ApplyEndpoints(obj);
                break;
            case ("scheduling.k8s.io", "PriorityClass"):
                Json.Default(obj, "preemptionPolicy", "PreemptLowerPriority");
                break;
        }
    }
}
