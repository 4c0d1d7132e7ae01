namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>Why pod GC force-deletes a pod, as kube's pod GC metrics label it.</summary>
public enum PodGcReason
{
    /// <summary>More terminated pods than the threshold: the oldest go.</summary>
    Terminated,

    /// <summary>Terminating on a node that is not Ready and carries <c>node.kubernetes.io/out-of-service</c>.</summary>
    TerminatingOutOfService,

    /// <summary>Bound to a node that has not existed for the quarantine period.</summary>
    Orphaned,

    /// <summary>Terminating without ever having been bound, so no kubelet will confirm it.</summary>
    TerminatingUnscheduled,
}
