using k8s.Models;

namespace Orchestrator.Controllers.ReplicaSets;

/// <summary>
/// controller.ActivePods' order: the pods a scale-down deletes first sort first. Unscheduled before scheduled,
/// Pending before Unknown before Running, not ready before ready, ready for less time first, more container
/// restarts first, then the newest first.
/// </summary>
public sealed class PodDeletionOrder : IComparer<V1Pod>
{
    public static PodDeletionOrder Instance { get; } = new();

    public int Compare(V1Pod? x, V1Pod? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var scheduled = Scheduled(x).CompareTo(Scheduled(y));
        if (scheduled != 0)
        {
            return scheduled;
        }
        var phase = PhaseRank(x).CompareTo(PhaseRank(y));
        if (phase != 0)
        {
            return phase;
        }
        var ready = Ready(x).CompareTo(Ready(y));
        if (ready != 0)
        {
            return ready;
        }
        // Ready for less time sorts first: the later transition goes first.
        var readySince = ReadySince(y).CompareTo(ReadySince(x));
        if (Ready(x) && readySince != 0)
        {
            return readySince;
        }
        var restarts = Restarts(y).CompareTo(Restarts(x));
        if (restarts != 0)
        {
            return restarts;
        }
        // The newest goes first; a missing timestamp counts as newest of all.
        return Created(y).CompareTo(Created(x));
    }

    private static bool Scheduled(V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    private static int PhaseRank(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" or null or "" => 0,
        "Unknown" => 1,
        _ => 2,
    };

    private static bool Ready(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTime ReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime ?? DateTime.MaxValue;

    private static int Restarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Max(c => (int?)c.RestartCount) ?? 0;

    private static DateTime Created(V1Pod pod) => pod.Metadata.CreationTimestamp ?? DateTime.MaxValue;
}
