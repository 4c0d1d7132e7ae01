namespace Orchestrator.Grains;

/// <summary>What a pod asks of a node (Kubernetes' resource.PodRequests), as the binder computed it from one revision of the pod.</summary>
[GenerateSerializer, Immutable]
public sealed record PodRequests(
    [property: Id(0)] long MilliCpu,
    [property: Id(1)] long Memory,
    [property: Id(2)] long EphemeralStorage,
    [property: Id(3)] Dictionary<string, long>? Extended);
