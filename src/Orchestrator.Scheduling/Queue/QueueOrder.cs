namespace Orchestrator.Scheduling.Queue;

/// <summary>The orders the queue's sets keep; each ends with the key so no two entries ever compare equal.</summary>
internal static class QueueOrder
{
    // kube's PrioritySort, except that equal priorities go by when the pod was first queued rather than last
    // failed, and the key breaks remaining ties so two pods queued in the same instant still pop in one order.
    public static Comparer<QueueEntry> Active { get; } = Comparer<QueueEntry>.Create((a, b) =>
    {
        var byPriority = b.Pod.Priority.CompareTo(a.Pod.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byTime = a.FirstQueued.CompareTo(b.FirstQueued);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Key, b.Key);
    });

    public static Comparer<QueueEntry> Backoff { get; } = Comparer<QueueEntry>.Create((a, b) =>
    {
        var byExpiry = a.BackoffExpires.GetValueOrDefault().CompareTo(b.BackoffExpires.GetValueOrDefault());
        return byExpiry != 0 ? byExpiry : string.CompareOrdinal(a.Key, b.Key);
    });

    /// <summary>By failure time, so the next pod due for the max-stay flush is the minimum.</summary>
    public static Comparer<QueueEntry> Unschedulable { get; } = Comparer<QueueEntry>.Create((a, b) =>
    {
        var byFailure = a.LastFailure.CompareTo(b.LastFailure);
        return byFailure != 0 ? byFailure : string.CompareOrdinal(a.Key, b.Key);
    });
}
