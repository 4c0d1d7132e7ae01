using k8s.Models;

namespace Orchestrator.Controllers.Runtime;

/// <summary>podutil's readiness and availability as controllers count them.</summary>
public static class PodConditions
{
    /// <summary>Not being deleted and not finished: a pod a ReplicaSet still counts.</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not ("Succeeded" or "Failed");

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> by <paramref name="now"/>.</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        var ready = ReadyCondition(pod);
        if (ready?.Status != "True")
        {
            return false;
        }
        if (minReadySeconds == 0)
        {
            return true;
        }
        return ready.LastTransitionTime is { } since
            && new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When a ready pod becomes available, or null if it is not ready.</summary>
    public static DateTimeOffset? AvailableAt(V1Pod pod, int minReadySeconds) =>
        ReadyCondition(pod) is { Status: "True", LastTransitionTime: { } since }
            ? new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds)
            : null;

    private static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
