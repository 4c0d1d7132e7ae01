namespace Orchestrator.Grains;

/// <summary>
/// A pod to bind: where it is, which incarnation (uid; empty accepts any) and who asks (for the pod's managedFields-free
/// audit trail). A binder that has translated the pod may say at which revision and what it requests: when the stored pod
/// is still at that revision the node grain uses those requests instead of deserializing the pod again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BindRequest(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string PodName,
    [property: Id(2)] string PodUid,
    [property: Id(3)] string Binder,
    [property: Id(4)] long Revision = 0,
    [property: Id(5)] PodRequests? Requests = null);
