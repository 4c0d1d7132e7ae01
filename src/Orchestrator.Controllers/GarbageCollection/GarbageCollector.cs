using k8s.Models;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.GarbageCollection;

/// <summary>
/// kube's garbage collector: dependents whose owners are all gone are deleted (Background propagation);
/// an owner deleted in the foreground keeps its <c>foregroundDeletion</c> finalizer until its blocking dependents
/// are gone; an owner deleted with Orphan has its dependents' references removed, then its <c>orphan</c> finalizer.
/// </summary>
public sealed class GarbageCollector(InProcessClient client) : IController
{
    public const string ControllerName = "garbage-collector-controller";

    private const string DependentPrefix = "dependent:";
    private const string OwnerPrefix = "owner:";

    private readonly OwnerGraph _graph = new();
    private readonly Dictionary<string, ResourceDescriptor> _byStorageKey = client.Registry.All
        .Where(r => r.Verbs.Contains("delete") && r.Verbs.Contains("watch") && r.Plural != "events")
        .GroupBy(r => r.StorageKey).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [.. _byStorageKey.Keys];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        var uid = change.Object.Summary.Uid;
        if (change.Type == WatchEventType.Deleted)
        {
            var (owners, dependents) = _graph.Remove(uid);
            return [.. dependents.Select(d => DependentPrefix + d), .. owners.Select(o => OwnerPrefix + o)];
        }
        // Without owners or a deletion there is nothing in the metadata to read: the usual pod change (a binding, a status).
        var metadata = ObjectMetadata.MayHaveOwners(change.Object) || ObjectMetadata.MayBeDeleting(change.Object) ? ObjectMetadata.Read(change.Object) : null;
        var ownerUids = (metadata?.OwnerReferences ?? []).Select(r => r.Uid).ToArray();
        var before = _graph.Set(uid, change.Object.Key, ownerUids);
        var keys = new List<string>();
        var finalizers = metadata?.Finalizers ?? [];
        if (metadata?.DeletionTimestamp is not null && (finalizers.Contains(CollectionDecisions.OrphanFinalizer) || finalizers.Contains(CollectionDecisions.ForegroundFinalizer)))
        {
            keys.Add(OwnerPrefix + uid);
        }
        // As kube's processGraphChanges: an owner this graph has never seen may not exist, so the dependent is checked;
        // one it knows needs nothing (checking each of a 1,000-replica ReplicaSet's new pods cost 1,000 syncs). An owner
        // that lost this dependent may have been waiting for it (foreground deletion), so it looks again.
        if (ownerUids.Any(o => !_graph.Contains(o)))
        {
            keys.Add(DependentPrefix + uid);
        }
        keys.AddRange(before.Except(ownerUids).Select(o => OwnerPrefix + o));
        return keys;
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (key.StartsWith(DependentPrefix, StringComparison.Ordinal))
        {
            await AttemptToDeleteAsync(key[DependentPrefix.Length..]);
            return null;
        }
        return await ProcessOwnerAsync(key[OwnerPrefix.Length..]);
    }

    private async Task AttemptToDeleteAsync(string uid)
    {
        if (Load(uid) is not var (resource, stored, metadata))
        {
            return;
        }
        var owners = (metadata.OwnerReferences ?? []).Select(r => (r, Resolve(r, stored.Key.Namespace))).ToList();
        var decision = CollectionDecisions.ForDependent(metadata, owners, _graph.DependentsOf(uid).Length > 0);
        if (decision.Delete)
        {
            await client.DeleteAsync(resource, Namespace(resource, stored), stored.Key.Name, decision.PropagationPolicy, uid);
        }
        else if (decision.OwnerReferences is { } references)
        {
            await client.UpdateRawAsync(resource, stored, obj => ObjectJson.SetOwnerReferences(obj, references), ControllerName);
        }
    }

    private async Task<TimeSpan?> ProcessOwnerAsync(string uid)
    {
        if (Load(uid) is not var (resource, stored, metadata) || metadata.DeletionTimestamp is null)
        {
            return null;
        }
        var finalizers = metadata.Finalizers ?? [];
        var dependents = _graph.DependentsOf(uid).Select(Load).OfType<(ResourceDescriptor, StoredObject, V1ObjectMeta)>().ToList();
        if (finalizers.Contains(CollectionDecisions.OrphanFinalizer))
        {
            foreach (var (dependentResource, dependent, dependentMetadata) in dependents)
            {
                var references = CollectionDecisions.WithoutOwner(dependentMetadata, uid);
                await client.UpdateRawAsync(dependentResource, dependent, obj => ObjectJson.SetOwnerReferences(obj, references), ControllerName);
            }
            await RemoveFinalizerAsync(resource, uid, CollectionDecisions.OrphanFinalizer);
            return null;
        }
        if (!finalizers.Contains(CollectionDecisions.ForegroundFinalizer))
        {
            return null;
        }
        var blocking = dependents.Where(d => CollectionDecisions.Blocks(d.Item3, uid)).ToList();
        if (blocking.Count == 0)
        {
            await RemoveFinalizerAsync(resource, uid, CollectionDecisions.ForegroundFinalizer);
            return null;
        }
        foreach (var (_, dependent, _) in blocking)
        {
            await AttemptToDeleteAsync(dependent.Summary.Uid);
        }
        // Their deletions requeue this owner; the retry is a safety net for a graceful pod that takes its time.
        return TimeSpan.FromSeconds(5);
    }

    private async Task RemoveFinalizerAsync(ResourceDescriptor resource, string uid, string finalizer)
    {
        if (Load(uid) is var (_, stored, _))
        {
            await client.UpdateRawAsync(resource, stored, obj => ObjectJson.RemoveFinalizer(obj, finalizer), ControllerName);
        }
    }

    private (ResourceDescriptor, StoredObject, V1ObjectMeta)? Load(string uid)
    {
        if (_graph.KeyOf(uid) is not { } key || !_byStorageKey.TryGetValue(key.Resource, out var resource)
            || client.Cache.Get(key) is not { } stored || stored.Summary.Uid != uid)
        {
            return null;
        }
        return (resource, stored, ObjectMetadata.Read(stored));
    }

    private OwnerState Resolve(V1OwnerReference reference, string ns)
    {
        var slash = reference.ApiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var (group, version) = slash < 0 ? ("", reference.ApiVersion ?? "") : (reference.ApiVersion![..slash], reference.ApiVersion[(slash + 1)..]);
        if (client.Registry.FindKind(group, version, reference.Kind) is not { } resource)
        {
            return OwnerState.Unknown;
        }
        var owner = client.Cache.Get(new ObjectKey(resource.StorageKey, resource.Namespaced ? ns : "", reference.Name));
        if (owner is null || owner.Summary.Uid != reference.Uid)
        {
            return OwnerState.Dangling;
        }
        var metadata = ObjectMetadata.Read(owner);
        return metadata.DeletionTimestamp is not null && metadata.Finalizers?.Contains(CollectionDecisions.ForegroundFinalizer) == true
            ? OwnerState.WaitingForDependents
            : OwnerState.Solid;
    }

    private static string? Namespace(ResourceDescriptor resource, StoredObject stored) => resource.Namespaced ? stored.Key.Namespace : null;
}
