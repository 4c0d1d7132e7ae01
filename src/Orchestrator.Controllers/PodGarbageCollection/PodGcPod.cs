namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>
/// What pod GC needs of one pod: where it is bound, its phase, whether it is terminating, its age, and whether the
/// kubelet evicted it (status.reason Evicted; such pods go first when over the threshold).
/// </summary>
public sealed record PodGcPod(string Namespace, string Name, string Uid, string? Node, string? Phase, bool Terminating, DateTimeOffset Created, bool Evicted = false)
{
    /// <summary>Succeeded or Failed: kube counts every phase other than Pending, Running and Unknown; no phase yet is Pending.</summary>
    public bool Terminated => Phase is not (null or "" or "Pending" or "Running" or "Unknown");
}
