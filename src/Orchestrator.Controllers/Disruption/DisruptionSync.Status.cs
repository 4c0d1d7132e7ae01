using k8s;
using k8s.Models;

namespace Orchestrator.Controllers.Disruption;

public static partial class DisruptionSync
{
    /// <summary>
    /// Evicted pods (named by the eviction subresource) that still exist without a deletion timestamp stay disrupted
    /// until <see cref="DeletionTimeout"/> has passed; the earliest expiry is when to look again.
    /// </summary>
    public static (Dictionary<string, DateTime?> Disrupted, DateTimeOffset? RecheckAt) DisruptedPods(
        IDictionary<string, DateTime?>? previous, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var result = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        DateTimeOffset? recheck = null;
        if (previous is null)
        {
            return (result, null);
        }
        foreach (var pod in pods.Where(p => p.Metadata.DeletionTimestamp is null))
        {
            if (!previous.TryGetValue(pod.Metadata.Name, out var at) || at is null)
            {
                continue;
            }
            var expires = new DateTimeOffset(DateTime.SpecifyKind(at.Value, DateTimeKind.Utc)) + DeletionTimeout;
            if (expires >= now)
            {
                result[pod.Metadata.Name] = at;
                recheck = recheck is { } r && r < expires ? r : expires;
            }
        }
        return (result, recheck);
    }

    /// <summary>What a budget says when it cannot be worked out: no disruption allowed, and why.</summary>
    private static DisruptionResult FailSafe(V1PodDisruptionBudget pdb, DateTimeOffset now, string error)
    {
        var status = KubernetesJson.Deserialize<V1PodDisruptionBudgetStatus>(KubernetesJson.Serialize(pdb.Status ?? new V1PodDisruptionBudgetStatus()));
        status.DisruptionsAllowed = 0;
        status.Conditions = [Condition(pdb.Status, "False", "SyncFailed", error, status.ObservedGeneration, now)];
        return new DisruptionResult(status, null, error);
    }

    /// <summary>The DisruptionAllowed condition; its transition time moves only when its status does.</summary>
    private static V1Condition Condition(V1PodDisruptionBudgetStatus? old, string status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var before = old?.Conditions?.FirstOrDefault(c => c.Type == "DisruptionAllowed");
        var since = before is not null && before.Status == status ? before.LastTransitionTime : now.UtcDateTime;
        return new V1Condition { LastTransitionTime = since, Message = message, Reason = reason, Status = status, Type = "DisruptionAllowed", ObservedGeneration = generation };
    }
}
