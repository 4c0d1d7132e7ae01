using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Queue;

/// <summary>A snapshot of one queued pod: where it is, how often it was tried and why it was last rejected.</summary>
/// <param name="Key">namespace/name, as SchedulingQueue.KeyOf files it.</param>
/// <param name="Pod">The latest version the queue was given.</param>
/// <param name="Queue">Where the pod was when the snapshot was taken.</param>
/// <param name="Attempts">Scheduling attempts so far; a popped pod counts the attempt it is being popped for.</param>
/// <param name="FirstQueued">When the queue first saw this pod; orders pods of equal priority.</param>
/// <param name="BackoffExpires">When the last failure's backoff ends; null until the pod has failed once.</param>
/// <param name="UnschedulablePlugins">The plugins that rejected it last time, sorted; empty if it never failed or failed for no plugin.</param>
public sealed record QueuedPodInfo(
    string Key,
    PodInfo Pod,
    QueueName Queue,
    int Attempts,
    DateTimeOffset FirstQueued,
    DateTimeOffset? BackoffExpires,
    ImmutableArray<string> UnschedulablePlugins);
