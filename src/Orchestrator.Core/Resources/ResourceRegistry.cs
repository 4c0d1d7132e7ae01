using k8s.Models;

namespace Orchestrator.Core.Resources;

/// <summary>The resources this server serves, looked up by group/version and plural or kind.</summary>
public sealed class ResourceRegistry
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDescriptor> _byPlural = [];
    private readonly Dictionary<(string Group, string Version, string Kind), ResourceDescriptor> _byKind = [];

    public ResourceRegistry(IEnumerable<ResourceDescriptor> resources)
    {
        All = [.. resources];
        foreach (var r in All)
        {
            _byPlural.Add((r.Group, r.Version, r.Plural), r);
            _byKind.Add((r.Group, r.Version, r.Kind), r);
        }
    }

    public IReadOnlyList<ResourceDescriptor> All { get; }

    /// <summary>Group/version pairs in the order discovery lists them (core first).</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions =>
        All.Select(r => (r.Group, r.Version)).Distinct();

    public ResourceDescriptor? Find(string group, string version, string plural) =>
        _byPlural.GetValueOrDefault((group, version, plural));

    public ResourceDescriptor? FindKind(string group, string version, string kind) =>
        _byKind.GetValueOrDefault((group, version, kind));

    public static ResourceRegistry BuiltIn { get; } = new(BuiltInResources());

    private static IEnumerable<ResourceDescriptor> BuiltInResources()
    {
        string[] getUpdatePatch = ["get", "patch", "update"];
        SubresourceDescriptor Status(string group, string version, string kind) => new("status", group, version, kind, getUpdatePatch);

        yield return new("", "v1", "Namespace", "namespaces", false, typeof(V1Namespace), typeof(V1NamespaceList))
        {
            ShortNames = ["ns"],
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            Subresources = [Status("", "v1", "Namespace"), new("finalize", "", "v1", "Namespace", ["update"])],
        };
        yield return new("", "v1", "Pod", "pods", true, typeof(V1Pod), typeof(V1PodList))
        {
            ShortNames = ["po"],
            Categories = ["all"],
            Subresources =
            [
                Status("", "v1", "Pod"),
                new("binding", "", "v1", "Binding", ["create"]),
                new("eviction", "policy", "v1", "Eviction", ["create"]),
                new("log", "", "v1", "Pod", ["get"]),
            ],
        };
        yield return new("", "v1", "Binding", "bindings", true, typeof(V1Binding), typeof(V1Binding))
        {
            Verbs = ["create"],
            HasSpec = false,
        };
        yield return new("", "v1", "Node", "nodes", false, typeof(V1Node), typeof(V1NodeList))
        {
            ShortNames = ["no"],
            Subresources = [Status("", "v1", "Node")],
        };
        yield return new("", "v1", "Event", "events", true, typeof(Corev1Event), typeof(Corev1EventList))
        {
            ShortNames = ["ev"],
            HasSpec = false,
        };
        yield return new("", "v1", "Service", "services", true, typeof(V1Service), typeof(V1ServiceList))
        {
            ShortNames = ["svc"],
            Categories = ["all"],
            Subresources = [Status("", "v1", "Service")],
        };
        yield return new("", "v1", "Endpoints", "endpoints", true, typeof(V1Endpoints), typeof(V1EndpointsList))
        {
            ShortNames = ["ep"],
            HasSpec = false,
        };
        yield return new("", "v1", "ConfigMap", "configmaps", true, typeof(V1ConfigMap), typeof(V1ConfigMapList))
        {
            ShortNames = ["cm"],
            HasSpec = false,
        };
        yield return new("", "v1", "Secret", "secrets", true, typeof(V1Secret), typeof(V1SecretList))
        {
            HasSpec = false,
        };
        yield return new("apps", "v1", "Deployment", "deployments", true, typeof(V1Deployment), typeof(V1DeploymentList))
        {
            ShortNames = ["deploy"],
            Categories = ["all"],
            Subresources = [Status("apps", "v1", "Deployment"), new("scale", "autoscaling", "v1", "Scale", getUpdatePatch)],
        };
        yield return new("apps", "v1", "ReplicaSet", "replicasets", true, typeof(V1ReplicaSet), typeof(V1ReplicaSetList))
        {
            ShortNames = ["rs"],
            Categories = ["all"],
            Subresources = [Status("apps", "v1", "ReplicaSet"), new("scale", "autoscaling", "v1", "Scale", getUpdatePatch)],
        };
        yield return new("coordination.k8s.io", "v1", "Lease", "leases", true, typeof(V1Lease), typeof(V1LeaseList));
        yield return new("events.k8s.io", "v1", "Event", "events", true, typeof(Eventsv1Event), typeof(Eventsv1EventList))
        {
            ShortNames = ["ev"],
            HasSpec = false,
        };
        yield return new("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, typeof(V1PriorityClass), typeof(V1PriorityClassList))
        {
            ShortNames = ["pc"],
            HasSpec = false,
        };
        yield return new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, typeof(V1PodDisruptionBudget), typeof(V1PodDisruptionBudgetList))
        {
            ShortNames = ["pdb"],
            Subresources = [Status("policy", "v1", "PodDisruptionBudget")],
        };
    }
}
