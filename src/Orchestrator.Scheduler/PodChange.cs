using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Queue;

namespace Orchestrator.Scheduler;

/// <summary>What a pod event means to the scheduler: a pod to queue or drop, and the cluster event it amounts to.</summary>
/// <param name="Pending">A pod waiting for this scheduler (queue it, or update it in the queue).</param>
/// <param name="Dequeue">The key of a pod that no longer waits (bound elsewhere, deleted, terminating).</param>
/// <param name="Event">How the cluster changed for pods already waiting, or None.</param>
internal sealed record PodChange(PodInfo? Pending, string? Dequeue, ClusterEvent Event)
{
    public static PodChange Nothing { get; } = new(null, null, ClusterEvent.None);
}
