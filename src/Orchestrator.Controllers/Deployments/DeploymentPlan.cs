using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>What one Deployment sync must write, in order: claims, the new ReplicaSet, scaled or re-annotated ones, the Deployment, old ones to delete.</summary>
/// <param name="Adopt">Orphan ReplicaSets the selector matches.</param>
/// <param name="Release">Owned ReplicaSets whose labels no longer match.</param>
/// <param name="Create">The new ReplicaSet, if the template has none yet.</param>
/// <param name="Update">ReplicaSets whose replicas or annotations changed.</param>
/// <param name="Annotations">The Deployment's annotations when its revision changed, else null.</param>
/// <param name="Status">The Deployment's status when it changed, else null.</param>
/// <param name="Delete">Old ReplicaSets beyond revisionHistoryLimit.</param>
/// <param name="Events">ScalingReplicaSet and other events about the Deployment: (type, reason, message).</param>
/// <param name="RecheckAt">When the progress deadline would pass, so a stuck rollout is reported then.</param>
public sealed record DeploymentPlan(
    IReadOnlyList<V1ReplicaSet> Adopt,
    IReadOnlyList<V1ReplicaSet> Release,
    V1ReplicaSet? Create,
    IReadOnlyList<V1ReplicaSet> Update,
    IDictionary<string, string>? Annotations,
    V1DeploymentStatus? Status,
    IReadOnlyList<V1ReplicaSet> Delete,
    IReadOnlyList<(string Type, string Reason, string Message)> Events,
    DateTimeOffset? RecheckAt);
