namespace Orchestrator.Scheduling.Model;

/// <summary>spec.preemptionPolicy: whether a pod may evict lower-priority pods to make room for itself.</summary>
public enum PreemptionPolicy
{
    PreemptLowerPriority,

    /// <summary>The pod still queues ahead of lower-priority pods, but never evicts any.</summary>
    Never,
}
