using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>Where a pod worker reports: the pod's status, events about it, and the final removal of the pod object.</summary>
public interface IPodStatusWriter
{
    /// <summary>Replaces what the pod's status says; a pod that is gone from the API is not an error.</summary>
    Task WriteStatusAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken);

    /// <summary>Records an event about the pod (type Normal or Warning), as <c>kubectl describe pod</c> shows them.</summary>
    Task RecordEventAsync(V1Pod pod, string type, string reason, string message, CancellationToken cancellationToken);

    /// <summary>Deletes the pod object at once (grace 0, only this uid) once its containers are gone, as the kubelet does.</summary>
    Task DeletePodAsync(V1Pod pod, CancellationToken cancellationToken);
}
