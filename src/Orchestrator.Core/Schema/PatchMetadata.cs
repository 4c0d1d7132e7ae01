using k8s.Models;

namespace Orchestrator.Core.Schema;

/// <summary>
/// The strategic-merge metadata of the built-in kinds, as Kubernetes declares it in its Go struct tags
/// (<c>patchStrategy:"merge" patchMergeKey:"name"</c>). KubernetesClient's models do not carry these tags,
/// so the table is kept here; both the patcher and the OpenAPI documents read it, so kubectl and the server agree.
/// Fields not listed are atomic: a list in a patch replaces the whole list, a map is merged key by key.
/// </summary>
public static class PatchMetadata
{
    private static readonly ListStrategy ByName = new(true, "name");
    private static readonly ListStrategy ByType = new(true, "type");
    private static readonly ListStrategy ByIp = new(true, "ip");
    private static readonly ListStrategy PrimitiveSet = new(true, null);

    private static readonly Dictionary<(Type, string), ListStrategy> Table = new()
    {
        [(typeof(V1ObjectMeta), "finalizers")] = PrimitiveSet,
        [(typeof(V1ObjectMeta), "ownerReferences")] = new(true, "uid"),

        [(typeof(V1PodSpec), "containers")] = ByName,
        [(typeof(V1PodSpec), "initContainers")] = ByName,
        [(typeof(V1PodSpec), "ephemeralContainers")] = ByName,
        [(typeof(V1PodSpec), "volumes")] = new(true, "name", RetainKeys: true),
        [(typeof(V1PodSpec), "imagePullSecrets")] = ByName,
        [(typeof(V1PodSpec), "hostAliases")] = ByIp,
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new(true, "topologyKey"),
        [(typeof(V1PodSpec), "resourceClaims")] = new(true, "name", RetainKeys: true),
        [(typeof(V1PodSpec), "schedulingGates")] = ByName,

        [(typeof(V1Container), "ports")] = new(true, "containerPort"),
        [(typeof(V1Container), "env")] = ByName,
        [(typeof(V1Container), "volumeMounts")] = new(true, "mountPath"),
        [(typeof(V1Container), "volumeDevices")] = new(true, "devicePath"),
        [(typeof(V1EphemeralContainer), "ports")] = new(true, "containerPort"),
        [(typeof(V1EphemeralContainer), "env")] = ByName,
        [(typeof(V1EphemeralContainer), "volumeMounts")] = new(true, "mountPath"),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = new(true, "devicePath"),

        [(typeof(V1PodStatus), "conditions")] = ByType,
        [(typeof(V1PodStatus), "podIPs")] = ByIp,
        [(typeof(V1PodStatus), "hostIPs")] = ByIp,

        [(typeof(V1NodeSpec), "podCIDRs")] = PrimitiveSet,
        [(typeof(V1NodeStatus), "conditions")] = ByType,
        [(typeof(V1NodeStatus), "addresses")] = ByType,

        [(typeof(V1NamespaceStatus), "conditions")] = ByType,
        [(typeof(V1ServiceSpec), "ports")] = new(true, "port"),
        [(typeof(V1ServiceStatus), "conditions")] = ByType,

        [(typeof(V1DeploymentSpec), "strategy")] = new(false, null, RetainKeys: true),
        [(typeof(V1DeploymentStatus), "conditions")] = ByType,
        [(typeof(V1ReplicaSetStatus), "conditions")] = ByType,
        [(typeof(V1PodDisruptionBudgetStatus), "conditions")] = ByType,
    };

    /// <summary>The strategy for <paramref name="jsonProperty"/> of <paramref name="modelType"/>, or null when the field is atomic.</summary>
    public static ListStrategy? For(Type modelType, string jsonProperty) =>
        Table.GetValueOrDefault((modelType, jsonProperty));
}
