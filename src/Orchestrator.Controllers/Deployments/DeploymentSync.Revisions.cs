using k8s.Models;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Deployments;

public sealed partial class DeploymentSync
{
    /// <summary>
    /// getAllReplicaSetsAndSyncRevision: the new ReplicaSet (the oldest whose template equals the Deployment's,
    /// pod-template-hash aside) raised to the next revision, created when asked and missing; and the old ones.
    /// </summary>
    private (V1ReplicaSet? New, List<V1ReplicaSet> Old) AllReplicaSets(bool create)
    {
        var newRs = ReplicaSetOrder.ByCreation(_owned).FirstOrDefault(rs => PodTemplateHash.EqualIgnoreHash(rs.Spec.Template, _d.Spec.Template));
        var old = _owned.Where(rs => rs != newRs).ToList();
        var newRevision = old.Select(rs => DeploymentAnnotations.RevisionOf(rs.Metadata)).DefaultIfEmpty(0).Max() + 1;
        if (newRs is not null)
        {
            var changed = newRs != _created && DeploymentAnnotations.SetNewReplicaSet(_d, newRs, newRevision);
            if ((newRs.Spec.MinReadySeconds ?? 0) != (_d.Spec.MinReadySeconds ?? 0))
            {
                newRs.Spec.MinReadySeconds = _d.Spec.MinReadySeconds;
                changed = true;
            }
            if (changed)
            {
                _dirty.Add(newRs.Metadata.Name);
            }
            SetDeploymentRevision(DeploymentAnnotations.RevisionOf(newRs.Metadata));
            if (DeploymentConditions.Get(_status, DeploymentConditions.Progressing) is null && _d.Spec.ProgressDeadlineSeconds is not null)
            {
                DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.FoundNewReplicaSet, $"Found new replica set \"{newRs.Metadata.Name}\"", _now));
            }
            return (newRs, old);
        }
        if (!create)
        {
            return (null, old);
        }
        return (CreateNew(old, newRevision), old);
    }

    private V1ReplicaSet CreateNew(List<V1ReplicaSet> old, long revision)
    {
        var hash = PodTemplateHash.Compute(_d.Spec.Template, _status.CollisionCount);
        var template = Copy(_d.Spec.Template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = WithHash(template.Metadata.Labels, hash);
        var selector = Copy(_d.Spec.Selector);
        selector.MatchLabels = WithHash(selector.MatchLabels, hash);
        var rs = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = $"{_d.Metadata.Name}-{hash}",
                NamespaceProperty = _d.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                OwnerReferences = [OwnerReferences.For(_d, "apps/v1", "Deployment")],
            },
            Spec = new V1ReplicaSetSpec { Replicas = 0, MinReadySeconds = _d.Spec.MinReadySeconds, Selector = selector, Template = template },
        };
        DeploymentAnnotations.SetNewReplicaSet(_d, rs, revision);
        DeploymentAnnotations.SetReplicas(rs.Metadata, Replicas, Replicas + RollingParameters.MaxSurge(_d));
        rs.Spec.Replicas = NewReplicaSetReplicas(old, rs);
        _created = rs;
        _owned.Add(rs);
        if (rs.Spec.Replicas > 0)
        {
            Event("ScalingReplicaSet", $"Scaled up replica set {rs.Metadata.Name} from 0 to {rs.Spec.Replicas}");
        }
        SetDeploymentRevision(revision);
        DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
            DeploymentConditions.NewReplicaSetCreated, $"Created new replica set \"{rs.Metadata.Name}\"", _now));
        return rs;
    }

    /// <summary>NewRSNewReplicas: Recreate takes every replica at once; RollingUpdate adds up to maxSurge above the desired total.</summary>
    private int NewReplicaSetReplicas(IEnumerable<V1ReplicaSet> old, V1ReplicaSet newRs)
    {
        if (!RollingParameters.IsRolling(_d))
        {
            return Replicas;
        }
        var current = old.Sum(ReplicaSetOrder.Replicas) + ReplicaSetOrder.Replicas(newRs);
        var maxTotal = Replicas + RollingParameters.MaxSurge(_d);
        if (current >= maxTotal)
        {
            return ReplicaSetOrder.Replicas(newRs);
        }
        var up = Math.Min(maxTotal - current, Replicas - ReplicaSetOrder.Replicas(newRs));
        return ReplicaSetOrder.Replicas(newRs) + up;
    }

    private void SetDeploymentRevision(long revision)
    {
        _d.Metadata.Annotations ??= new Dictionary<string, string>();
        var text = Text(revision);
        if (!_d.Metadata.Annotations.TryGetValue(DeploymentAnnotations.Revision, out var current) || current != text)
        {
            _d.Metadata.Annotations[DeploymentAnnotations.Revision] = text;
            _annotationsChanged = true;
        }
    }

    private static Dictionary<string, string> WithHash(IDictionary<string, string>? labels, string hash) =>
        new(labels ?? new Dictionary<string, string>()) { [PodTemplateHash.Label] = hash };
}
