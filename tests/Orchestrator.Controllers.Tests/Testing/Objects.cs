using k8s.Models;

namespace Orchestrator.Controllers.Tests.Testing;

/// <summary>Small builders for the objects the controllers' cores read.</summary>
public static class Objects
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static V1ReplicaSet ReplicaSet(string name, int replicas, string uid = "rs-uid", int minReadySeconds = 0, long generation = 1) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ReplicaSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = uid, Generation = generation, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1" }] },
            },
        },
    };

    /// <summary>A pod labelled app=web, owned by <paramref name="owner"/> (null: an orphan), created <paramref name="age"/> ago.</summary>
    public static V1Pod Pod(string name, string? owner = "rs-uid", TimeSpan? age = null, string? node = "n1", string phase = "Running", TimeSpan? readyFor = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Uid = name + "-uid",
            CreationTimestamp = (Now - (age ?? TimeSpan.FromMinutes(10))).UtcDateTime,
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            OwnerReferences = owner is null ? null : [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web", Uid = owner, Controller = true }],
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "web", Image = "nginx:1" }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = readyFor is { } ready
                ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = (Now - ready).UtcDateTime }]
                : [new V1PodCondition { Type = "Ready", Status = "False" }],
        },
    };
}
