namespace Orchestrator.Agent.Pods;

/// <summary>What a pod worker knows of its pod at an instant; the pod's status is built from this and the clock.</summary>
/// <param name="StartTime">When the agent first took the pod on.</param>
/// <param name="VolumesReady">Every volume is in place, so containers can be started.</param>
/// <param name="InitContainers">One per init container of the spec, in order.</param>
/// <param name="Containers">One per container of the spec, in order.</param>
/// <param name="Terminal">Nothing will run again: every container has finished for good, or the pod is being deleted.</param>
public sealed record PodSnapshot(
    DateTime? StartTime,
    bool VolumesReady,
    IReadOnlyList<ContainerSnapshot> InitContainers,
    IReadOnlyList<ContainerSnapshot> Containers,
    bool Terminal);
