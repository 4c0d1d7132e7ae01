namespace Orchestrator.Grains;

/// <summary>A pod to bind: where it is, which incarnation (uid; empty accepts any) and who asks (for the pod's managedFields-free audit trail).</summary>
[GenerateSerializer, Immutable]
public sealed record BindRequest(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string PodName,
    [property: Id(2)] string PodUid,
    [property: Id(3)] string Binder);
