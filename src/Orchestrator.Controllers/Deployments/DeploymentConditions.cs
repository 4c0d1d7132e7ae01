using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>Deployment conditions and reasons, with deploymentutil's rules for when their times move.</summary>
public static class DeploymentConditions
{
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string Paused = "DeploymentPaused";
    public const string Resumed = "DeploymentResumed";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    public static V1DeploymentCondition? Get(V1DeploymentStatus status, string type) =>
        status.Conditions?.FirstOrDefault(c => c.Type == type);

    public static V1DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastUpdateTime = now.UtcDateTime,
        LastTransitionTime = now.UtcDateTime,
    };

    /// <summary>SetDeploymentCondition: nothing moves if status and reason are unchanged; the transition time survives a same-status change.</summary>
    public static void Set(V1DeploymentStatus status, V1DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return;
        }
        if (current is not null && current.Status == condition.Status)
        {
            condition.LastTransitionTime = current.LastTransitionTime;
        }
        Remove(status, condition.Type);
        status.Conditions = [.. status.Conditions ?? [], condition];
    }

    public static void Remove(V1DeploymentStatus status, string type)
    {
        var kept = status.Conditions?.Where(c => c.Type != type).ToList();
        status.Conditions = kept is { Count: > 0 } ? kept : null;
    }
}
