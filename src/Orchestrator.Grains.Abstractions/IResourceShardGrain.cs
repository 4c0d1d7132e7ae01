using Orleans.Concurrency;

namespace Orchestrator.Grains;

/// <summary>
/// Owns the writes to the objects of one resource in one namespace (key <c>group/plural|namespace</c>):
/// it orders them, checks existence and resourceVersion preconditions and acknowledges only durable writes.
/// Shards keep the whole-cluster write path free of a single hot grain.
/// </summary>
public interface IResourceShardGrain : IGrainWithStringKey
{
    /// <summary>Stores a new object under <paramref name="name"/>.</summary>
    Task<WriteOutcome> CreateAsync(string name, Immutable<PreparedObject> obj);

    /// <summary>Replaces an existing object if <paramref name="precondition"/> still holds.</summary>
    Task<WriteOutcome> UpdateAsync(string name, Immutable<PreparedObject> obj, WritePrecondition precondition);

    /// <summary>Replaces several existing objects, each if its own precondition holds; the outcomes are in the same order.</summary>
    Task<WriteOutcome[]> UpdateManyAsync(Immutable<ShardUpdate[]> updates);

    /// <summary>Removes an object if <paramref name="precondition"/> still holds; the outcome carries its last state.</summary>
    Task<WriteOutcome> DeleteAsync(string name, WritePrecondition precondition);
}
