using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

public sealed partial class DeploymentSync
{
    /// <summary>sync: a paused Deployment or a scaling event only resizes (proportionally during a rollout), then reports.</summary>
    private void ScaleOnly()
    {
        var (newRs, old) = AllReplicaSets(create: false);
        ScaleProportionally(newRs, old);
        if (_d.Spec.Paused == true)
        {
            Cleanup(old);
        }
        SyncStatus(newRs);
    }

    private void ScaleProportionally(V1ReplicaSet? newRs, List<V1ReplicaSet> old)
    {
        if (ActiveOrLatest(newRs, old) is { } only)
        {
            ScaleAndRecord(only, Replicas);
            return;
        }
        if (newRs is not null && DeploymentAnnotations.IntOf(newRs.Metadata, DeploymentAnnotations.DesiredReplicas) == Replicas
            && ReplicaSetOrder.Replicas(newRs) == Replicas && (newRs.Status?.AvailableReplicas ?? 0) == Replicas)
        {
            foreach (var rs in Active(old).ToList())
            {
                ScaleAndRecord(rs, 0);
            }
            return;
        }
        if (!RollingParameters.IsRolling(_d))
        {
            return;
        }
        var active = Active(Both(newRs, old)).ToList();
        var allowed = Replicas > 0 ? Replicas + RollingParameters.MaxSurge(_d) : 0;
        var toAdd = allowed - active.Sum(ReplicaSetOrder.Replicas);
        var ordered = (toAdd > 0 ? ReplicaSetOrder.BySizeNewer(active) : ReplicaSetOrder.BySizeOlder(active)).ToList();
        var sizes = ordered.ToDictionary(rs => rs.Metadata.Name, ReplicaSetOrder.Replicas, StringComparer.Ordinal);
        var added = 0;
        foreach (var rs in ordered.Where(_ => toAdd != 0))
        {
            var proportion = Proportion(rs, toAdd, added);
            sizes[rs.Metadata.Name] += proportion;
            added += proportion;
        }
        for (var i = 0; i < ordered.Count; i++)
        {
            var name = ordered[i].Metadata.Name;
            if (i == 0 && toAdd != 0)
            {
                sizes[name] = Math.Max(0, sizes[name] + toAdd - added);
            }
            Scale(ordered[i], sizes[name]);
        }
    }

    /// <summary>FindActiveOrLatest: the one ReplicaSet with pods, or the newest when none has any; null when several have pods.</summary>
    private static V1ReplicaSet? ActiveOrLatest(V1ReplicaSet? newRs, List<V1ReplicaSet> old)
    {
        var active = Active(Both(newRs, old)).ToList();
        return active.Count switch
        {
            0 => newRs ?? ReplicaSetOrder.ByCreation(old).LastOrDefault(),
            1 => active[0],
            _ => null,
        };
    }

    /// <summary>getProportion: this ReplicaSet's share of the replicas to add or remove, never past what is left.</summary>
    private int Proportion(V1ReplicaSet rs, int toAdd, int added)
    {
        if (ReplicaSetOrder.Replicas(rs) == 0 || toAdd == 0 || toAdd == added)
        {
            return 0;
        }
        var fraction = Fraction(rs);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    private int Fraction(V1ReplicaSet rs)
    {
        if (Replicas == 0)
        {
            return -ReplicaSetOrder.Replicas(rs);
        }
        var deploymentReplicas = Replicas + RollingParameters.MaxSurge(_d);
        var annotated = DeploymentAnnotations.IntOf(rs.Metadata, DeploymentAnnotations.MaxReplicas) ?? _original.Replicas ?? 0;
        if (annotated == 0)
        {
            return 0;
        }
        var size = (double)ReplicaSetOrder.Replicas(rs) * deploymentReplicas / annotated;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - ReplicaSetOrder.Replicas(rs);
    }

    /// <summary>cleanupDeployment: old ReplicaSets without pods beyond revisionHistoryLimit go, lowest revision first.</summary>
    private void Cleanup(List<V1ReplicaSet> old)
    {
        if (_d.Spec.RevisionHistoryLimit is not { } limit)
        {
            return;
        }
        var cleanable = ReplicaSetOrder.ByRevision(old.Where(rs => rs.Metadata.DeletionTimestamp is null)).ToList();
        var diff = cleanable.Count - limit;
        foreach (var rs in cleanable.Take(Math.Max(0, diff)))
        {
            if ((rs.Status?.Replicas ?? 0) != 0 || ReplicaSetOrder.Replicas(rs) != 0 || rs.Metadata.Generation > (rs.Status?.ObservedGeneration ?? 0))
            {
                continue;
            }
            _delete.Add(rs);
        }
    }
}
