using k8s;
using k8s.Models;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Disruption;

/// <summary>
/// kube's disruption controller: keeps every PodDisruptionBudget's status (healthy, desired and expected pods,
/// disruptions allowed, the DisruptionAllowed condition) current as its pods and their controllers change, so the
/// eviction subresource, <c>kubectl drain</c> and <c>kubectl get pdb</c> read a true budget.
/// </summary>
public sealed class DisruptionController(InProcessClient client, EventRecorder events, TimeProvider clock) : IController
{
    public const string ControllerName = "disruption-controller";

    private readonly ResourceDescriptor _budgets = client.Resource("policy", "poddisruptionbudgets");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");
    private readonly ResourceDescriptor _replicaSets = client.Resource("apps", "replicasets");
    private readonly ResourceDescriptor _deployments = client.Resource("apps", "deployments");

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [_budgets.StorageKey, _pods.StorageKey, _replicaSets.StorageKey, _deployments.StorageKey];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        var resource = change.Object.Key.Resource;
        var ns = change.Object.Key.Namespace;
        if (resource == _budgets.StorageKey)
        {
            return [WorkKeys.Of(ns, change.Object.Key.Name)];
        }
        var budgets = client.Cache.List(_budgets.StorageKey, ns, _ => true).Items;
        if (budgets.Count == 0)
        {
            return [];
        }
        if (resource != _pods.StorageKey)
        {
            // A controller's scale changed: every budget of its namespace may count differently.
            return budgets.Select(b => WorkKeys.Of(ns, b.Key.Name));
        }
        return budgets.Where(b => Selects(b, change.Object) || (change.Previous is { } before && Selects(b, before))).Select(b => WorkKeys.Of(ns, b.Key.Name));
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkKeys.Split(key);
        if (client.Get<V1PodDisruptionBudget>(_budgets, ns, name) is not { } pdb)
        {
            return null;
        }
        var selector = pdb.Spec?.Selector;
        var pods = client.ListForReading<V1Pod>(_pods, ns, p => LabelSelectors.Matches(selector, Labels(p)));
        var now = clock.GetUtcNow();
        var result = DisruptionSync.Compute(pdb, pods, ScaleOf, now);
        if (result.Error is { } error)
        {
            await events.RecordAsync(pdb, ControllerName, "Warning", "CalculateExpectedPodCountFailed", $"Failed to calculate the number of expected pods: {error}");
        }
        if (KubernetesJson.Serialize(result.Status) != KubernetesJson.Serialize(pdb.Status ?? new V1PodDisruptionBudgetStatus()))
        {
            pdb.Status = result.Status;
            await client.UpdateAsync(_budgets, pdb, ControllerName, "status");
        }
        return result.RecheckAt is { } at ? at - now + TimeSpan.FromMilliseconds(100) : null;
    }

    /// <summary>The replicas the pod's controller wants: a Deployment's through its ReplicaSet, or a ReplicaSet's own (the only scalable kinds served).</summary>
    private (string Uid, int Replicas)? ScaleOf(string ns, V1OwnerReference owner)
    {
        switch (owner.Kind)
        {
            case "ReplicaSet":
                if (client.Get<V1ReplicaSet>(_replicaSets, ns, owner.Name) is not { } rs || rs.Metadata.Uid != owner.Uid)
                {
                    return null;
                }
                if (OwnerReferences.ControllerOf(rs.Metadata) is { Kind: "Deployment" } d
                    && client.Get<V1Deployment>(_deployments, ns, d.Name) is { } deployment && deployment.Metadata.Uid == d.Uid)
                {
                    return (deployment.Metadata.Uid, deployment.Spec.Replicas ?? 1);
                }
                return (rs.Metadata.Uid, rs.Spec.Replicas ?? 1);
            default:
                return null;
        }
    }

    private static bool Selects(StoredObject budget, StoredObject pod) =>
        LabelSelectors.Matches(InProcessClient.Decode<V1PodDisruptionBudget>(budget).Spec?.Selector, Labels(pod));

    private static IDictionary<string, string>? Labels(StoredObject stored) =>
        stored.Summary.Labels is { } labels ? new Dictionary<string, string>(labels) : null;
}
