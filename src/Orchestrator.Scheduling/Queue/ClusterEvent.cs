namespace Orchestrator.Scheduling.Queue;

/// <summary>Cluster changes that can make a parked pod schedulable; flags, so one node update can carry several.</summary>
[Flags]
public enum ClusterEvent
{
    None = 0,
    NodeAdded = 1 << 0,

    /// <summary>spec.unschedulable went from true to false.</summary>
    NodeUncordoned = 1 << 1,
    NodeLabelsChanged = 1 << 2,
    NodeTaintsChanged = 1 << 3,
    NodeAllocatableChanged = 1 << 4,

    /// <summary>A pod was bound to a node; matters to spread and affinity.</summary>
    AssignedPodAdded = 1 << 5,

    /// <summary>A bound pod went away, freeing resources and changing spread and affinity counts.</summary>
    AssignedPodDeleted = 1 << 6,

    /// <summary>Every bit, including ones added later: an event the edge cannot classify moves every parked pod,
    /// and a plugin missing from the table is woken by every event.</summary>
    Any = ~0,
}
