using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.ReplicaSets;

/// <summary>
/// kube's ReplicaSet controller: keeps <c>spec.replicas</c> pods matching the selector, adopting orphans and
/// releasing pods that stopped matching, and reports the pods' readiness in the status. Pods are created through
/// the API server's admission path, with a controller reference that blocks the owner's foreground deletion.
/// </summary>
public sealed class ReplicaSetController(InProcessClient client, EventRecorder events, TimeProvider clock) : IController
{
    public const string ControllerName = "replicaset-controller";

    private readonly ResourceDescriptor _replicaSets = client.Resource("apps", "replicasets");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [_replicaSets.StorageKey, _pods.StorageKey];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        if (change.Object.Key.Resource == _replicaSets.StorageKey)
        {
            return [change.Object.Key.SortKey];
        }
        return PodKeys(change);
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkKeys.Split(key);
        var rs = client.Get<V1ReplicaSet>(_replicaSets, ns, name);
        if (rs is null)
        {
            return null;
        }
        var uid = Encoding.UTF8.GetBytes(rs.Metadata.Uid);
        // Read lean: a sync reads every pod of the ReplicaSet, and a 1,000-pod scale-up syncs it again and again.
        var pods = client.ListForReading<V1Pod>(_pods, ns, p => LabelSelectors.Matches(rs.Spec.Selector, Labels(p)) || p.Json.AsSpan().IndexOf(uid) >= 0);
        var now = clock.GetUtcNow();
        var plan = ReplicaSetSync.Plan(rs, pods, now);
        foreach (var pod in plan.Adopt.Select(Whole).OfType<V1Pod>())
        {
            pod.Metadata.OwnerReferences = [.. pod.Metadata.OwnerReferences ?? [], OwnerReferences.For(rs, "apps/v1", "ReplicaSet")];
            await client.UpdateAsync(_pods, pod, ControllerName);
        }
        foreach (var pod in plan.Release.Select(Whole).OfType<V1Pod>())
        {
            var kept = pod.Metadata.OwnerReferences!.Where(r => r.Uid != rs.Metadata.Uid).ToList();
            pod.Metadata.OwnerReferences = kept.Count == 0 ? null : kept;
            await client.UpdateAsync(_pods, pod, ControllerName);
        }
        var failure = await CreateAsync(rs, plan.Create);
        await Task.WhenAll(plan.Delete.Select(pod => DeleteAsync(rs, pod)));
        var status = ReplicaSetSync.WithReplicaFailure(plan.Status, failure?.Message, now);
        if (KubernetesJson.Serialize(status) != KubernetesJson.Serialize(rs.Status ?? new V1ReplicaSetStatus()))
        {
            rs.Status = status;
            await client.UpdateAsync(_replicaSets, rs, ControllerName, "status");
        }
        if (failure is not null)
        {
            throw failure;
        }
        return plan.RecheckAt is { } at ? at - now : null;
    }

    /// <summary>The pod whole, to write it back; null once it is another pod (or none) by that name.</summary>
    private V1Pod? Whole(V1Pod read) =>
        client.Get<V1Pod>(_pods, read.Metadata.NamespaceProperty, read.Metadata.Name) is { } pod && pod.Metadata.Uid == read.Metadata.Uid ? pod : null;

    private async Task<Exception?> CreateAsync(V1ReplicaSet rs, int count)
    {
        foreach (var batch in ReplicaSetSync.SlowStartBatches(count))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => CreateOneAsync(rs)));
            if (results.FirstOrDefault(e => e is not null) is { } error)
            {
                await events.RecordAsync(rs, ControllerName, "Warning", "FailedCreate", $"Error creating: {error.Message}");
                return error;
            }
        }
        return null;
    }

    private async Task<Exception?> CreateOneAsync(V1ReplicaSet rs)
    {
        try
        {
            var created = await client.CreateAsync(_pods, PodTemplates.PodFor(rs.Spec.Template, rs, rs.Metadata.Name + "-", "ReplicaSet"), ControllerName);
            await events.RecordAsync(rs, ControllerName, "Normal", "SuccessfulCreate", $"Created pod: {created}");
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    private async Task DeleteAsync(V1ReplicaSet rs, V1Pod pod)
    {
        if (await client.DeleteAsync(_pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, null, pod.Metadata.Uid))
        {
            await events.RecordAsync(rs, ControllerName, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
        }
    }

    /// <summary>The owning ReplicaSet, before and after; for orphans every ReplicaSet of the namespace that selects them.</summary>
    private IEnumerable<string> PodKeys(ChangeEvent change)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in new[] { change.Object, change.Previous })
        {
            if (stored is null)
            {
                continue;
            }
            // An ownerless pod (most, outside workloads) is matched by its labels, which the summary holds already.
            var metadata = ObjectMetadata.MayHaveOwners(stored) ? ObjectMetadata.Read(stored) : null;
            if (metadata is not null && OwnerReferences.ControllerOf(metadata) is { } owner)
            {
                if (owner.Kind == "ReplicaSet")
                {
                    keys.Add(stored.Key.Namespace + "/" + owner.Name);
                }
                continue;
            }
            var labels = metadata is not null ? metadata.Labels : Labels(stored);
            foreach (var rs in client.List<V1ReplicaSet>(_replicaSets, stored.Key.Namespace))
            {
                if (LabelSelectors.Matches(rs.Spec.Selector, labels))
                {
                    keys.Add(stored.Key.Namespace + "/" + rs.Metadata.Name);
                }
            }
        }
        return keys;
    }

    private static IDictionary<string, string>? Labels(StoredObject stored) =>
        stored.Summary.Labels is { } labels ? new Dictionary<string, string>(labels) : null;
}
