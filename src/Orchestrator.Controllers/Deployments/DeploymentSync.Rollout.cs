using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

public sealed partial class DeploymentSync
{
    /// <summary>rolloutRolling: surge the new ReplicaSet, else take down old pods within maxUnavailable, else clean up.</summary>
    private void RolloutRolling()
    {
        var (newRs, old) = AllReplicaSets(create: true);
        if (ReconcileNew(newRs!) || ReconcileOld(old, newRs!))
        {
            SyncRolloutStatus(newRs);
            return;
        }
        if (IsComplete(CalculateStatus(newRs)))
        {
            Cleanup(old);
        }
        SyncRolloutStatus(newRs);
    }

    /// <summary>rolloutRecreate: every old pod gone before the new ReplicaSet gets any.</summary>
    private void RolloutRecreate()
    {
        var (newRs, old) = AllReplicaSets(create: false);
        var scaledDown = false;
        foreach (var rs in Active(old).ToList())
        {
            scaledDown |= ScaleAndRecord(rs, 0);
        }
        if (scaledDown || OldPodsRunning(old))
        {
            SyncRolloutStatus(newRs);
            return;
        }
        newRs ??= AllReplicaSets(create: true).New!;
        ScaleAndRecord(newRs, Replicas);
        if (IsComplete(CalculateStatus(newRs)))
        {
            Cleanup(old);
        }
        SyncRolloutStatus(newRs);
    }

    private bool OldPodsRunning(List<V1ReplicaSet> old)
    {
        if (old.Sum(rs => rs.Status?.Replicas ?? 0) > 0)
        {
            return true;
        }
        var owners = old.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        return _pods.Any(p => owners.Contains(Runtime.OwnerReferences.ControllerOf(p.Metadata)!.Uid) && p.Status?.Phase is not ("Failed" or "Succeeded"));
    }

    private bool ReconcileNew(V1ReplicaSet newRs)
    {
        var current = ReplicaSetOrder.Replicas(newRs);
        if (current == Replicas)
        {
            return false;
        }
        if (current > Replicas)
        {
            return ScaleAndRecord(newRs, Replicas);
        }
        return ScaleAndRecord(newRs, NewReplicaSetReplicas(_owned.Where(rs => rs != newRs), newRs));
    }

    /// <summary>reconcileOldReplicaSets: first unhealthy old replicas, then healthy ones while availability stays above the floor.</summary>
    private bool ReconcileOld(List<V1ReplicaSet> old, V1ReplicaSet newRs)
    {
        if (old.Sum(ReplicaSetOrder.Replicas) == 0)
        {
            return false;
        }
        var all = _owned.Sum(ReplicaSetOrder.Replicas);
        var minAvailable = Replicas - RollingParameters.MaxUnavailable(_d);
        var newUnavailable = ReplicaSetOrder.Replicas(newRs) - (newRs.Status?.AvailableReplicas ?? 0);
        var maxScaledDown = all - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }
        var cleaned = 0;
        foreach (var rs in ReplicaSetOrder.ByCreation(old).ToList())
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }
            var unhealthy = ReplicaSetOrder.Replicas(rs) - (rs.Status?.AvailableReplicas ?? 0);
            if (ReplicaSetOrder.Replicas(rs) == 0 || unhealthy <= 0)
            {
                continue;
            }
            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            ScaleAndRecord(rs, ReplicaSetOrder.Replicas(rs) - down);
            cleaned += down;
        }
        return cleaned + ScaleDownOldForRollingUpdate(old) > 0;
    }

    private int ScaleDownOldForRollingUpdate(List<V1ReplicaSet> old)
    {
        var minAvailable = Replicas - RollingParameters.MaxUnavailable(_d);
        // A ReplicaSet just cut down still reports the pods it is deleting as available until its controller catches
        // up; counting more than its size would let a second sync take the same pods again and drop below the floor.
        var available = _owned.Sum(rs => Math.Min(rs.Status?.AvailableReplicas ?? 0, ReplicaSetOrder.Replicas(rs)));
        if (available <= minAvailable)
        {
            return 0;
        }
        var total = available - minAvailable;
        var done = 0;
        foreach (var rs in ReplicaSetOrder.ByCreation(old).ToList())
        {
            if (done >= total)
            {
                break;
            }
            if (ReplicaSetOrder.Replicas(rs) == 0)
            {
                continue;
            }
            var down = Math.Min(ReplicaSetOrder.Replicas(rs), total - done);
            ScaleAndRecord(rs, ReplicaSetOrder.Replicas(rs) - down);
            done += down;
        }
        return done;
    }

    /// <summary>scaleReplicaSetAndRecordEvent: nothing when the size is already right.</summary>
    private bool ScaleAndRecord(V1ReplicaSet rs, int size) => ReplicaSetOrder.Replicas(rs) != size && Scale(rs, size);

    /// <summary>scaleReplicaSet: the size and the desired/max annotations, with a ScalingReplicaSet event when the size moved.</summary>
    private bool Scale(V1ReplicaSet rs, int size)
    {
        var from = ReplicaSetOrder.Replicas(rs);
        var annotated = DeploymentAnnotations.SetReplicas(rs.Metadata, Replicas, Replicas + RollingParameters.MaxSurge(_d));
        if (from == size && !annotated)
        {
            return false;
        }
        rs.Spec.Replicas = size;
        _dirty.Add(rs.Metadata.Name);
        if (from != size && rs != _created)
        {
            Event("ScalingReplicaSet", $"Scaled {(size > from ? "up" : "down")} replica set {rs.Metadata.Name} from {from} to {size}");
        }
        return true;
    }
}
