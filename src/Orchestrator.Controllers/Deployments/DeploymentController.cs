using System.Text;
using k8s.Models;
using Orchestrator.Api.Http;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Deployments;

/// <summary>
/// kube's Deployment controller: runs <see cref="DeploymentSync"/> for a Deployment and writes its plan (claims, the
/// new ReplicaSet, scaled ReplicaSets, the revision annotation, the status, history cleanup, ScalingReplicaSet events).
/// </summary>
public sealed class DeploymentController(InProcessClient client, EventRecorder events, TimeProvider clock) : IController
{
    public const string ControllerName = "deployment-controller";

    private readonly ResourceDescriptor _deployments = client.Resource("apps", "deployments");
    private readonly ResourceDescriptor _replicaSets = client.Resource("apps", "replicasets");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [_deployments.StorageKey, _replicaSets.StorageKey, _pods.StorageKey];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        var resource = change.Object.Key.Resource;
        if (resource == _deployments.StorageKey)
        {
            return [change.Object.Key.SortKey];
        }
        if (resource == _replicaSets.StorageKey)
        {
            return ReplicaSetKeys(change);
        }
        // Recreate waits for the old pods to be gone: only their deletion matters here.
        if (change.Type == WatchEventType.Deleted && OwnerReferences.ControllerOf(ObjectMetadata.Read(change.Object)) is { Kind: "ReplicaSet" } owner
            && client.Get<V1ReplicaSet>(_replicaSets, change.Object.Key.Namespace, owner.Name) is { } rs
            && OwnerReferences.ControllerOf(rs.Metadata) is { Kind: "Deployment" } deployment)
        {
            return [change.Object.Key.Namespace + "/" + deployment.Name];
        }
        return [];
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkKeys.Split(key);
        var d = client.Get<V1Deployment>(_deployments, ns, name);
        if (d is null)
        {
            return null;
        }
        var uid = Encoding.UTF8.GetBytes(d.Metadata.Uid);
        var sets = client.List<V1ReplicaSet>(_replicaSets, ns, rs => Selects(d, rs) || rs.Json.AsSpan().IndexOf(uid) >= 0);
        IReadOnlyList<V1Pod> pods = d.Spec.Strategy?.Type == "Recreate" ? client.ListForReading<V1Pod>(_pods, ns, p => Selects(d, p)) : [];
        var now = clock.GetUtcNow();
        var plan = DeploymentSync.Plan(d, sets, pods, now);
        foreach (var rs in plan.Adopt)
        {
            rs.Metadata.OwnerReferences = [.. rs.Metadata.OwnerReferences ?? [], OwnerReferences.For(d, "apps/v1", "Deployment")];
            await client.UpdateAsync(_replicaSets, rs, ControllerName);
        }
        foreach (var rs in plan.Release)
        {
            var kept = rs.Metadata.OwnerReferences!.Where(r => r.Uid != d.Metadata.Uid).ToList();
            rs.Metadata.OwnerReferences = kept.Count == 0 ? null : kept;
            await client.UpdateAsync(_replicaSets, rs, ControllerName);
        }
        if (plan.Create is { } created && !await CreateAsync(d, created))
        {
            return TimeSpan.FromMilliseconds(100);
        }
        foreach (var rs in plan.Update)
        {
            await client.UpdateAsync(_replicaSets, rs, ControllerName);
        }
        if (plan.Annotations is { } annotations)
        {
            d.Metadata.Annotations = annotations;
            d = await client.UpdateAsync(_deployments, d, ControllerName);
        }
        if (plan.Status is { } status)
        {
            d.Status = status;
            d = await client.UpdateAsync(_deployments, d, ControllerName, "status");
        }
        foreach (var rs in plan.Delete)
        {
            await client.DeleteAsync(_replicaSets, ns, rs.Metadata.Name, "Background", rs.Metadata.Uid);
        }
        foreach (var (type, reason, message) in plan.Events)
        {
            await events.RecordAsync(d, ControllerName, type, reason, message);
        }
        return plan.RecheckAt is { } at ? at - now : null;
    }

    /// <summary>Creates the new ReplicaSet; a name taken by a different template is a hash collision, counted in the status so the next hash differs.</summary>
    private async Task<bool> CreateAsync(V1Deployment d, V1ReplicaSet rs)
    {
        try
        {
            await client.CreateAsync(_replicaSets, rs, ControllerName);
            return true;
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            var existing = client.Get<V1ReplicaSet>(_replicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name);
            if (existing is not null && OwnerReferences.IsControlledBy(existing.Metadata, d.Metadata.Uid)
                && PodTemplateHash.EqualIgnoreHash(existing.Spec.Template, d.Spec.Template))
            {
                return false;
            }
            d.Status ??= new V1DeploymentStatus();
            d.Status.CollisionCount = (d.Status.CollisionCount ?? 0) + 1;
            await client.UpdateAsync(_deployments, d, ControllerName, "status");
            return false;
        }
    }

    /// <summary>The owning Deployment, before and after; for orphans every Deployment of the namespace that selects them.</summary>
    private IEnumerable<string> ReplicaSetKeys(ChangeEvent change)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in new[] { change.Object, change.Previous })
        {
            if (stored is null)
            {
                continue;
            }
            var metadata = ObjectMetadata.Read(stored);
            if (OwnerReferences.ControllerOf(metadata) is { } owner)
            {
                if (owner.Kind == "Deployment")
                {
                    keys.Add(stored.Key.Namespace + "/" + owner.Name);
                }
                continue;
            }
            foreach (var d in client.List<V1Deployment>(_deployments, stored.Key.Namespace, d => true))
            {
                if (LabelSelectors.Matches(d.Spec.Selector, metadata.Labels))
                {
                    keys.Add(stored.Key.Namespace + "/" + d.Metadata.Name);
                }
            }
        }
        return keys;
    }

    private static bool Selects(V1Deployment d, StoredObject stored) =>
        LabelSelectors.Matches(d.Spec.Selector, stored.Summary.Labels is { } labels ? new Dictionary<string, string>(labels) : null);
}
