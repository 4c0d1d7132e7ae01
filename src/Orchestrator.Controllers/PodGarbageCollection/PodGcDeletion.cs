namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>One pod to mark Failed and force-delete (grace period 0), and why.</summary>
public sealed record PodGcDeletion(PodGcPod Pod, PodGcReason Reason);
