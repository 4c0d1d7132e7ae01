using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Deployments;

/// <summary>
/// The Deployment controller's pure core (kube's syncDeployment): from a Deployment, the ReplicaSets and pods of its
/// namespace and the time, the ReplicaSet to create, the ones to scale (RollingUpdate within maxSurge and
/// maxUnavailable, or Recreate), revisions, history cleanup and the status with its Progressing and Available
/// conditions. One instance per sync; it works on copies and never touches its inputs.
/// </summary>
public sealed partial class DeploymentSync
{
    private readonly V1Deployment _d;
    private readonly V1DeploymentStatus _original;
    private readonly V1DeploymentStatus _status;
    private readonly List<V1ReplicaSet> _owned = [];
    private readonly List<V1ReplicaSet> _adopt = [];
    private readonly List<V1ReplicaSet> _release = [];
    private readonly List<V1Pod> _pods;
    private readonly DateTimeOffset _now;
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly List<V1ReplicaSet> _delete = [];
    private readonly List<(string, string, string)> _events = [];
    private V1ReplicaSet? _created;
    private bool _annotationsChanged;
    private DateTimeOffset? _recheckAt;

    private DeploymentSync(V1Deployment d, IEnumerable<V1ReplicaSet> replicaSets, IEnumerable<V1Pod> pods, DateTimeOffset now)
    {
        _d = Copy(d);
        _original = Copy(d.Status ?? new V1DeploymentStatus());
        _status = Copy(_original);
        _now = now;
        Claim(replicaSets.Select(Copy));
        var owners = _owned.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        _pods = [.. pods.Where(p => OwnerReferences.ControllerOf(p.Metadata) is { } c && owners.Contains(c.Uid))];
    }

    private int Replicas => RollingParameters.Replicas(_d);

    public static DeploymentPlan Plan(V1Deployment d, IEnumerable<V1ReplicaSet> replicaSets, IEnumerable<V1Pod> pods, DateTimeOffset now)
    {
        var sync = new DeploymentSync(d, replicaSets, pods, now);
        sync.Run();
        return sync.Result();
    }

    private void Run()
    {
        if (LabelSelectors.IsEmpty(_d.Spec.Selector))
        {
            _events.Add(("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required."));
            _status.ObservedGeneration = _d.Metadata.Generation;
            return;
        }
        if (_d.Metadata.DeletionTimestamp is not null)
        {
            var (newRs, _) = AllReplicaSets(create: false);
            SyncStatus(newRs);
            return;
        }
        CheckPausedConditions();
        if (_d.Spec.Paused == true || IsScalingEvent())
        {
            ScaleOnly();
            return;
        }
        if (_d.Spec.Strategy?.Type == "Recreate")
        {
            RolloutRecreate();
            return;
        }
        RolloutRolling();
    }

    private DeploymentPlan Result()
    {
        var status = KubernetesJson.Serialize(_status) == KubernetesJson.Serialize(_original) ? null : _status;
        var updates = _owned.Where(rs => rs != _created && _dirty.Contains(rs.Metadata.Name)).ToList();
        return new DeploymentPlan(_adopt, _release, _created, updates, _annotationsChanged ? _d.Metadata.Annotations : null,
            status, _delete, _events, _recheckAt);
    }

    /// <summary>getReplicaSetsForDeployment: owned ReplicaSets that still match, orphans that match (adopted), owned ones that stopped matching (released).</summary>
    private void Claim(IEnumerable<V1ReplicaSet> replicaSets)
    {
        foreach (var rs in replicaSets)
        {
            var matches = LabelSelectors.Matches(_d.Spec.Selector, rs.Metadata.Labels);
            var controller = OwnerReferences.ControllerOf(rs.Metadata);
            if (controller?.Uid == _d.Metadata.Uid)
            {
                (matches ? _owned : _release).Add(rs);
            }
            else if (controller is null && matches && _d.Metadata.DeletionTimestamp is null && rs.Metadata.DeletionTimestamp is null)
            {
                _adopt.Add(rs);
                _owned.Add(rs);
            }
        }
    }

    private void CheckPausedConditions()
    {
        if (_d.Spec.ProgressDeadlineSeconds is null)
        {
            return;
        }
        var progressing = DeploymentConditions.Get(_status, DeploymentConditions.Progressing);
        var pausedBefore = progressing?.Reason == DeploymentConditions.Paused;
        if (_d.Spec.Paused == true && !pausedBefore)
        {
            DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.Paused, "Deployment is paused", _now));
        }
        else if (_d.Spec.Paused != true && pausedBefore)
        {
            DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown", DeploymentConditions.Resumed, "Deployment is resumed", _now));
        }
    }

    private bool IsScalingEvent()
    {
        var (newRs, old) = AllReplicaSets(create: false);
        return Active(Both(newRs, old)).Any(rs => DeploymentAnnotations.IntOf(rs.Metadata, DeploymentAnnotations.DesiredReplicas) is { } desired && desired != Replicas);
    }

    private void Event(string reason, string message) => _events.Add(("Normal", reason, message));

    private static IEnumerable<V1ReplicaSet> Active(IEnumerable<V1ReplicaSet> sets) => sets.Where(rs => ReplicaSetOrder.Replicas(rs) > 0);

    private static IEnumerable<V1ReplicaSet> Both(V1ReplicaSet? newRs, IEnumerable<V1ReplicaSet> old) =>
        newRs is null ? old : old.Prepend(newRs);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static T Copy<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
