using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// A controller's client: reads typed objects from the silo's cache (read-your-writes: a write returns after the
/// cache holds it) and writes through the API server's <see cref="ObjectWriter"/>, so what a controller creates is
/// defaulted, validated, named (generateName), stamped and field-managed exactly like a kubectl request.
/// </summary>
public sealed class InProcessClient(ObjectWriter writer, ResourceRegistry registry)
{
    public ResourceRegistry Registry => registry;

    public ObjectCache Cache => writer.Store.Cache;

    public ResourceDescriptor Resource(string group, string plural) =>
        registry.Find(group, "v1", plural) ?? throw new ArgumentException($"no resource {group}/{plural}", nameof(plural));

    public T? Get<T>(ResourceDescriptor resource, string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        writer.Store.Get(resource, ns, name) is { } stored ? Decode<T>(stored) : null;

    public IReadOnlyList<T> List<T>(ResourceDescriptor resource, string? ns, Func<StoredObject, bool>? filter = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        [.. Cache.List(resource.StorageKey, ns, filter ?? (_ => true)).Items.Select(Decode<T>)];

    /// <summary>
    /// Like <see cref="List{T}"/> without managedFields (<see cref="ObjectMetadata.Lean{T}"/>): for reading many objects
    /// in a sync. Never write one of these back; <see cref="Get{T}"/> the object whole first. And never change one:
    /// like the objects of an informer's cache, each is decoded once per revision and shared by every sync that reads
    /// it (a ReplicaSet of 1,000 pods decoded all of them on every sync, a fifth of a scale-up's allocation).
    /// </summary>
    public IReadOnlyList<T> ListForReading<T>(ResourceDescriptor resource, string? ns, Func<StoredObject, bool>? filter = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        [.. Cache.List(resource.StorageKey, ns, filter ?? (_ => true)).Items.Select(Read<T>)];

    // Keyed by the stored revision itself: a new revision is a new StoredObject, and an entry goes when its revision
    // leaves the cache, so nothing here is ever stale or needs evicting.
    private readonly ConditionalWeakTable<StoredObject, object> _read = [];

    private T Read<T>(StoredObject stored)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (_read.TryGetValue(stored, out var seen) && seen is T decoded)
        {
            return decoded;
        }
        var lean = ObjectMetadata.Lean<T>(stored);
        _read.AddOrUpdate(stored, lean);
        return lean;
    }

    /// <summary>Creates <paramref name="obj"/> as <paramref name="fieldManager"/>; returns the name it got (generateName).</summary>
    public async Task<string> CreateAsync<T>(ResourceDescriptor resource, T obj, string fieldManager)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var json = Encode(resource, obj);
        var ns = resource.Namespaced ? obj.Metadata.NamespaceProperty : null;
        // Only its metadata is read back: no caller needs more than the name, and a pod decoded whole costs more than its write.
        return ObjectMetadata.Read(await writer.CreateAsync(resource, ns, json, Options(fieldManager))).Name;
    }

    /// <summary>Replaces the object (or its <paramref name="subresource"/>) if it still has the resourceVersion it was read at.</summary>
    public async Task<T> UpdateAsync<T>(ResourceDescriptor resource, T obj, string fieldManager, string? subresource = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var ns = resource.Namespaced ? obj.Metadata.NamespaceProperty : null;
        var name = obj.Metadata.Name;
        var current = writer.Store.Get(resource, ns, name) ?? throw ApiException.NotFound(resource.Group, resource.Plural, name);
        var expected = long.TryParse(obj.Metadata.ResourceVersion, out var rv) ? rv : current.Revision;
        if (expected != current.Revision)
        {
            throw ApiException.Conflict(resource.Group, resource.Plural, name, "the object has been modified; please apply your changes to the latest version and try again");
        }
        var json = Encode(resource, obj);
        return Decode<T>(await writer.UpdateAsync(resource, ns, name, current, json, subresource, Options(fieldManager), expected));
    }

    /// <summary>Edits an object of any kind as JSON and replaces it if it is still at the revision it was read at.</summary>
    public async Task UpdateRawAsync(ResourceDescriptor resource, StoredObject current, Action<JsonObject> change, string fieldManager)
    {
        var obj = JsonNode.Parse(current.Json)!.AsObject();
        change(obj);
        var ns = resource.Namespaced ? current.Key.Namespace : null;
        await writer.UpdateAsync(resource, ns, current.Key.Name, current, obj, null, Options(fieldManager), current.Revision);
    }

    /// <summary>
    /// Deletes with a propagation policy, only if the object still has <paramref name="uid"/>; false when it was already
    /// gone. A grace period of 0 force-deletes a pod without waiting for its kubelet.
    /// </summary>
    public async Task<bool> DeleteAsync(ResourceDescriptor resource, string? ns, string name, string? propagationPolicy, string? uid = null, long? gracePeriodSeconds = null)
    {
        var current = writer.Store.Get(resource, ns, name);
        if (current is null || (uid is not null && current.Summary.Uid != uid))
        {
            return false;
        }
        await writer.DeleteAsync(resource, ns, name, current, new DeleteRequest(propagationPolicy, gracePeriodSeconds, uid, null, false));
        return true;
    }

    public static T Decode<T>(StoredObject stored) => Decode<T>(stored.Json);

    private static T Decode<T>(byte[] json) => KubernetesJson.Deserialize<T>(Encoding.UTF8.GetString(json));

    private static JsonObject Encode<T>(ResourceDescriptor resource, T obj)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        json["apiVersion"] = resource.GroupVersion;
        json["kind"] = resource.Kind;
        return json;
    }

    private static WriteOptions Options(string fieldManager) => new(fieldManager, "Ignore", DryRun: false);
}
