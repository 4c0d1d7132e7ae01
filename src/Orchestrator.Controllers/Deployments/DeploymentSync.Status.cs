using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

public sealed partial class DeploymentSync
{
    /// <summary>syncDeploymentStatus: counts and Available, Progressing left as it is.</summary>
    private void SyncStatus(V1ReplicaSet? newRs) => Adopt(CalculateStatus(newRs));

    /// <summary>syncRolloutStatus: counts, Available, and Progressing moved on (progressing, complete or past its deadline).</summary>
    private void SyncRolloutStatus(V1ReplicaSet? newRs)
    {
        var next = CalculateStatus(newRs);
        var deadline = _d.Spec.ProgressDeadlineSeconds;
        if (deadline is null)
        {
            DeploymentConditions.Remove(next, DeploymentConditions.Progressing);
        }
        var current = DeploymentConditions.Get(next, DeploymentConditions.Progressing);
        var complete = next.Replicas == next.UpdatedReplicas && current?.Reason == DeploymentConditions.NewReplicaSetAvailable;
        var subject = newRs is null ? $"Deployment \"{_d.Metadata.Name}\"" : $"ReplicaSet \"{newRs.Metadata.Name}\"";
        if (deadline is not null && !complete)
        {
            if (IsComplete(next))
            {
                DeploymentConditions.Set(next, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.NewReplicaSetAvailable, $"{subject} has successfully progressed.", _now));
            }
            else if (IsProgressing(next))
            {
                var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdated, $"{subject} is progressing.", _now);
                if (current?.Status == "True")
                {
                    condition.LastTransitionTime = current.LastTransitionTime;
                }
                DeploymentConditions.Remove(next, DeploymentConditions.Progressing);
                DeploymentConditions.Set(next, condition);
            }
            else if (IsTimedOut(next))
            {
                DeploymentConditions.Set(next, DeploymentConditions.New(DeploymentConditions.Progressing, "False",
                    DeploymentConditions.ProgressDeadlineExceeded, $"{subject} has timed out progressing.", _now));
            }
        }
        if (ReplicaFailure(newRs) is { } failure)
        {
            DeploymentConditions.Set(next, failure);
        }
        else
        {
            DeploymentConditions.Remove(next, DeploymentConditions.ReplicaFailure);
        }
        Adopt(next);
        RequeueIfStuck(next);
    }

    /// <summary>getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else an old one's.</summary>
    private V1DeploymentCondition? ReplicaFailure(V1ReplicaSet? newRs)
    {
        var sets = newRs is null ? _owned : _owned.Where(rs => rs != newRs).Prepend(newRs);
        var condition = sets.SelectMany(rs => rs.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == DeploymentConditions.ReplicaFailure);
        return condition is null ? null : new V1DeploymentCondition
        {
            Type = DeploymentConditions.ReplicaFailure,
            Status = condition.Status,
            Reason = condition.Reason,
            Message = condition.Message,
            LastUpdateTime = condition.LastTransitionTime,
            LastTransitionTime = condition.LastTransitionTime,
        };
    }

    /// <summary>calculateStatus: the counts the ReplicaSets report, and Available against replicas - maxUnavailable.</summary>
    private V1DeploymentStatus CalculateStatus(V1ReplicaSet? newRs)
    {
        var available = _owned.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
        var total = _owned.Sum(rs => rs.Status?.Replicas ?? 0);
        var next = new V1DeploymentStatus
        {
            ObservedGeneration = _d.Metadata.Generation,
            Replicas = total,
            UpdatedReplicas = newRs?.Status?.Replicas ?? 0,
            ReadyReplicas = _owned.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, total - available),
            CollisionCount = _status.CollisionCount,
            Conditions = _status.Conditions is null ? null : [.. _status.Conditions.Select(Copy)],
        };
        var minimum = available >= Replicas - RollingParameters.MaxUnavailable(_d);
        DeploymentConditions.Set(next, minimum
            ? DeploymentConditions.New(DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", _now)
            : DeploymentConditions.New(DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", _now));
        return next;
    }

    private bool IsComplete(V1DeploymentStatus s) =>
        s.UpdatedReplicas == Replicas && s.Replicas == Replicas && s.AvailableReplicas == Replicas && s.ObservedGeneration >= _d.Metadata.Generation;

    private bool IsProgressing(V1DeploymentStatus s)
    {
        var oldOld = (_original.Replicas ?? 0) - (_original.UpdatedReplicas ?? 0);
        var newOld = (s.Replicas ?? 0) - (s.UpdatedReplicas ?? 0);
        return s.UpdatedReplicas > (_original.UpdatedReplicas ?? 0) || newOld < oldOld
            || s.ReadyReplicas > (_original.ReadyReplicas ?? 0) || s.AvailableReplicas > (_original.AvailableReplicas ?? 0);
    }

    private bool IsTimedOut(V1DeploymentStatus s)
    {
        var condition = DeploymentConditions.Get(s, DeploymentConditions.Progressing);
        if (_d.Spec.ProgressDeadlineSeconds is not { } deadline || condition is null || condition.Reason == DeploymentConditions.NewReplicaSetAvailable)
        {
            return false;
        }
        if (condition.Reason == DeploymentConditions.ProgressDeadlineExceeded)
        {
            return true;
        }
        return condition.LastUpdateTime is { } updated && Utc(updated).AddSeconds(deadline) < _now;
    }

    /// <summary>requeueStuckDeployment: look again when the deadline would pass.</summary>
    private void RequeueIfStuck(V1DeploymentStatus s)
    {
        var condition = DeploymentConditions.Get(s, DeploymentConditions.Progressing);
        if (_d.Spec.ProgressDeadlineSeconds is not { } deadline || condition?.LastUpdateTime is not { } updated
            || condition.Reason is DeploymentConditions.ProgressDeadlineExceeded or DeploymentConditions.NewReplicaSetAvailable || IsComplete(s))
        {
            return;
        }
        _recheckAt = Utc(updated).AddSeconds(deadline).AddSeconds(1);
    }

    private void Adopt(V1DeploymentStatus next)
    {
        _status.ObservedGeneration = next.ObservedGeneration;
        _status.Replicas = next.Replicas;
        _status.UpdatedReplicas = next.UpdatedReplicas;
        _status.ReadyReplicas = next.ReadyReplicas;
        _status.AvailableReplicas = next.AvailableReplicas;
        _status.UnavailableReplicas = next.UnavailableReplicas;
        _status.Conditions = next.Conditions;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
