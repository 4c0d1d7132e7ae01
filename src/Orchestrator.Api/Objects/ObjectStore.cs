using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;
using Orchestrator.Grains;
using Orchestrator.Grains.Objects;
using Orchestrator.Storage;
using Orleans.Concurrency;

namespace Orchestrator.Api.Objects;

/// <summary>
/// The server's own client of the state: reads from the silo's cache, writes through the shard grains.
/// Handlers and built-in controllers both go through it, so every write takes the same durable path.
/// </summary>
public sealed class ObjectStore(IGrainFactory grains, ObjectLog log)
{
    public ObjectCache Cache => log.Cache;

    public StoredObject? Get(ResourceDescriptor resource, string? ns, string name) =>
        log.Cache.Get(new ObjectKey(resource.StorageKey, ns ?? "", name));

    public Task<WriteOutcome> CreateAsync(ResourceDescriptor resource, string? ns, string name, JsonObject obj) =>
        Shard(resource, ns).CreateAsync(name, new Immutable<PreparedObject>(ObjectPreparation.Prepare(resource.StorageKey, obj)));

    public Task<WriteOutcome> UpdateAsync(ResourceDescriptor resource, string? ns, string name, JsonObject obj, WritePrecondition precondition) =>
        Shard(resource, ns).UpdateAsync(name, new Immutable<PreparedObject>(ObjectPreparation.Prepare(resource.StorageKey, obj)), precondition);

    public Task<WriteOutcome> DeleteAsync(ResourceDescriptor resource, string? ns, string name, WritePrecondition precondition) =>
        Shard(resource, ns).DeleteAsync(name, precondition);

    private IResourceShardGrain Shard(ResourceDescriptor resource, string? ns) =>
        grains.GetGrain<IResourceShardGrain>(ShardKey.Of(resource.StorageKey, ns ?? ""));
}
