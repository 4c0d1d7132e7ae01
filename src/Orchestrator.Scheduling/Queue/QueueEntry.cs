using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Queue;

/// <summary>The queue's mutable record of one pod. Fields the sets sort by change only while it is in no set.</summary>
internal sealed class QueueEntry(string key, PodInfo pod, DateTimeOffset firstQueued)
{
    public string Key { get; } = key;

    public PodInfo Pod { get; set; } = pod;

    public QueueName Queue { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset FirstQueued { get; } = firstQueued;

    /// <summary>When the last failure happened; the unschedulable stay is measured from it.</summary>
    public DateTimeOffset LastFailure { get; set; }

    public DateTimeOffset? BackoffExpires { get; set; }

    public ImmutableArray<string> UnschedulablePlugins { get; set; } = [];

    /// <summary>The events that can undo the last rejection.</summary>
    public ClusterEvent Interest { get; set; } = ClusterEvent.Any;

    /// <summary>Events seen since the pod was popped, so a failure can tell whether the world already changed under it.</summary>
    public ClusterEvent EventsWhileInFlight { get; set; }

    public bool UpdatedWhileInFlight { get; set; }

    public QueuedPodInfo ToInfo() => new(Key, Pod, Queue, Attempts, FirstQueued, BackoffExpires, UnschedulablePlugins);
}
