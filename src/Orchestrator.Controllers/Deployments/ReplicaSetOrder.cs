using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>The orders deploymentutil sorts ReplicaSets in.</summary>
public static class ReplicaSetOrder
{
    public static IEnumerable<V1ReplicaSet> ByCreation(IEnumerable<V1ReplicaSet> sets) =>
        sets.OrderBy(Created).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Largest first; among equals the newest first (scaling up favours the new).</summary>
    public static IEnumerable<V1ReplicaSet> BySizeNewer(IEnumerable<V1ReplicaSet> sets) =>
        sets.OrderByDescending(Replicas).ThenByDescending(Created).ThenByDescending(rs => rs.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Largest first; among equals the oldest first (scaling down takes from the old).</summary>
    public static IEnumerable<V1ReplicaSet> BySizeOlder(IEnumerable<V1ReplicaSet> sets) =>
        sets.OrderByDescending(Replicas).ThenBy(Created).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    public static IEnumerable<V1ReplicaSet> ByRevision(IEnumerable<V1ReplicaSet> sets) =>
        sets.OrderBy(rs => DeploymentAnnotations.RevisionOf(rs.Metadata)).ThenBy(Created);

    public static int Replicas(V1ReplicaSet rs) => rs.Spec.Replicas ?? 0;

    // A ReplicaSet not yet created (this sync's new one) is the newest of all.
    private static DateTime Created(V1ReplicaSet rs) => rs.Metadata.CreationTimestamp ?? DateTime.MaxValue;
}
