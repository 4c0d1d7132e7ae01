using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>kube-scheduler's MoreImportantPod as an ordering: higher priority first, then the pod that has run longer.</summary>
internal sealed class PodImportance : IComparer<PodInfo>
{
    public static PodImportance MostImportantFirst { get; } = new();

    /// <summary>A pod that has not started counts as starting last, the deterministic stand-in for kube-scheduler's "now".</summary>
    public static DateTimeOffset StartOf(PodInfo pod) => pod.StartTime ?? DateTimeOffset.MaxValue;

    public int Compare(PodInfo? x, PodInfo? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byPriority = y.Priority.CompareTo(x.Priority);
        return byPriority != 0 ? byPriority : StartOf(x).CompareTo(StartOf(y));
    }
}
