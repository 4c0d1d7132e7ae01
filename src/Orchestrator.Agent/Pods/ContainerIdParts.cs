namespace Orchestrator.Agent.Pods;

/// <summary>What a container id made by <see cref="ContainerNames"/> says: the pod, which container, and which attempt.</summary>
public sealed record ContainerIdParts(string PodUid, bool Init, int Index, int RestartCount);
