using k8s;
using k8s.Models;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.ReplicaSets;

/// <summary>
/// The ReplicaSet controller's pure core (kube's syncReplicaSet): from a ReplicaSet and the pods of its namespace,
/// which pods to adopt, release, create and delete, and the status they justify.
/// </summary>
public static class ReplicaSetSync
{
    /// <summary>kube's burstReplicas: creations or deletions per sync.</summary>
    public const int BurstReplicas = 500;

    public const string ReplicaFailure = "ReplicaFailure";

    public static ReplicaSetPlan Plan(V1ReplicaSet rs, IEnumerable<V1Pod> pods, DateTimeOffset now)
    {
        var uid = rs.Metadata.Uid;
        var deleting = rs.Metadata.DeletionTimestamp is not null;
        var owned = new List<V1Pod>();
        var adopt = new List<V1Pod>();
        var release = new List<V1Pod>();
        foreach (var pod in pods.Where(PodConditions.IsActive))
        {
            var matches = LabelSelectors.Matches(rs.Spec.Selector, pod.Metadata.Labels);
            var controller = OwnerReferences.ControllerOf(pod.Metadata);
            if (controller?.Uid == uid)
            {
                (matches ? owned : release).Add(pod);
            }
            else if (controller is null && matches && !deleting && !LabelSelectors.IsEmpty(rs.Spec.Selector))
            {
                adopt.Add(pod);
                owned.Add(pod);
            }
        }
        var desired = rs.Spec.Replicas ?? 1;
        var diff = owned.Count - desired;
        var create = deleting || diff >= 0 ? 0 : Math.Min(-diff, BurstReplicas);
        IReadOnlyList<V1Pod> delete = deleting || diff <= 0 ? [] : [.. owned.Order(PodDeletionOrder.Instance).Take(Math.Min(diff, BurstReplicas))];
        var minReady = rs.Spec.MinReadySeconds ?? 0;
        var status = new V1ReplicaSetStatus
        {
            Replicas = owned.Count,
            FullyLabeledReplicas = owned.Count(p => FullyLabeled(rs, p)),
            ReadyReplicas = owned.Count(PodConditions.IsReady),
            AvailableReplicas = owned.Count(p => PodConditions.IsAvailable(p, minReady, now)),
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = rs.Status?.Conditions,
        };
        var recheck = owned.Select(p => PodConditions.AvailableAt(p, minReady)).Where(t => t > now).Min();
        return new ReplicaSetPlan(adopt, release, create, delete, status, recheck);
    }

    /// <summary>Slow start: batches of 1, 2, 4... so a template that cannot be admitted fails once, not 500 times.</summary>
    public static IEnumerable<int> SlowStartBatches(int count, int initial = 1)
    {
        var batch = Math.Min(count, initial);
        for (var remaining = count; remaining > 0; remaining -= batch, batch = Math.Min(2 * batch, remaining))
        {
            yield return batch;
        }
    }

    /// <summary>
    /// The ReplicaFailure condition: set (reason FailedCreate) when creating pods failed and it is not set yet,
    /// removed once a sync succeeds, as kube's calculateStatus does.
    /// </summary>
    public static V1ReplicaSetStatus WithReplicaFailure(V1ReplicaSetStatus original, string? createError, DateTimeOffset now)
    {
        var status = KubernetesJson.Deserialize<V1ReplicaSetStatus>(KubernetesJson.Serialize(original));
        var others = (status.Conditions ?? []).Where(c => c.Type != ReplicaFailure).ToList();
        var current = status.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailure);
        if (createError is not null)
        {
            others.Add(current ?? new V1ReplicaSetCondition
            {
                Type = ReplicaFailure,
                Status = "True",
                Reason = "FailedCreate",
                Message = createError,
                LastTransitionTime = now.UtcDateTime,
            });
        }
        status.Conditions = others.Count == 0 ? null : others;
        return status;
    }

    private static bool FullyLabeled(V1ReplicaSet rs, V1Pod pod)
    {
        var wanted = rs.Spec.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
        return wanted.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }
}
