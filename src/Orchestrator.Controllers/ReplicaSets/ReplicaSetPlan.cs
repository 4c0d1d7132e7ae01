using k8s.Models;

namespace Orchestrator.Controllers.ReplicaSets;

/// <summary>What one ReplicaSet sync must do: adopt and release pods, create or delete some, and the status to write.</summary>
/// <param name="Adopt">Orphans the selector matches, to take a controller reference.</param>
/// <param name="Release">Controlled pods whose labels no longer match, to drop it.</param>
/// <param name="Create">Pods to create from the template (at most a burst).</param>
/// <param name="Delete">Pods to delete, in kube's order (unscheduled, then pending, not ready, newest...).</param>
/// <param name="Status">The status the pods justify, before this plan's own writes.</param>
/// <param name="RecheckAt">When a ready pod becomes available (minReadySeconds), so availability is counted then.</param>
public sealed record ReplicaSetPlan(
    IReadOnlyList<V1Pod> Adopt,
    IReadOnlyList<V1Pod> Release,
    int Create,
    IReadOnlyList<V1Pod> Delete,
    V1ReplicaSetStatus Status,
    DateTimeOffset? RecheckAt);
