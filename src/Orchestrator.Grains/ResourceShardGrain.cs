using Orleans.Concurrency;
using System.Text.Json.Nodes;
using Orchestrator.Grains.Objects;
using Orchestrator.Storage;

namespace Orchestrator.Grains;

/// <summary>
/// Orders the writes of one resource in one namespace. Reentrant on purpose: a turn checks preconditions and
/// appends to the log (both synchronous, so they are atomic for the shard); waiting for the batch to become
/// durable happens outside the turn, so concurrent writers share one group commit instead of queueing.
/// Writes in flight are remembered in <see cref="_inFlight"/> so the next turn sees them before they commit.
/// </summary>
[Reentrant]
public sealed class ResourceShardGrain(ObjectLog log) : Grain, IResourceShardGrain
{
    private readonly Dictionary<string, PendingWrite> _inFlight = new(StringComparer.Ordinal);
    private string _resource = "";
    private string _namespace = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_resource, _namespace) = ShardKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<WriteOutcome> CreateAsync(string name, Immutable<PreparedObject> obj)
    {
        if (Current(name) is not null)
        {
            return Task.FromResult(WriteOutcome.Failed(WriteStatus.AlreadyExists, "already exists"));
        }
        return WriteAsync(name, obj.Value, delete: false);
    }

    public Task<WriteOutcome> UpdateAsync(string name, Immutable<PreparedObject> obj, WritePrecondition precondition)
    {
        if (Check(name, precondition) is { } failure)
        {
            return Task.FromResult(failure);
        }
        return WriteAsync(name, obj.Value, delete: false);
    }

    public Task<WriteOutcome[]> UpdateManyAsync(Immutable<ShardUpdate[]> updates)
    {
        // Each check and append runs before the first await, so the batch is ordered and checked like single updates.
        var writes = new Task<WriteOutcome>[updates.Value.Length];
        for (var i = 0; i < writes.Length; i++)
        {
            var update = updates.Value[i];
            writes[i] = UpdateAsync(update.Name, new(update.Object), update.Precondition);
        }
        return Task.WhenAll(writes);
    }

    public Task<WriteOutcome> DeleteAsync(string name, WritePrecondition precondition)
    {
        if (Check(name, precondition) is { } failure)
        {
            return Task.FromResult(failure);
        }
        // A deletion is reported with the object's last state, stamped with the deleting revision.
        var last = JsonNode.Parse(Current(name)!.Json)!.AsObject();
        return WriteAsync(name, ObjectPreparation.Prepare(_resource, last), delete: true);
    }

    private WriteOutcome? Check(string name, WritePrecondition precondition)
    {
        var current = Current(name);
        if (current is null)
        {
            return WriteOutcome.Failed(WriteStatus.NotFound, "not found");
        }
        if (precondition.Uid is { } uid && uid != current.Summary.Uid)
        {
            return WriteOutcome.Failed(WriteStatus.Conflict,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Summary.Uid}");
        }
        if (precondition.Revision != 0 && precondition.Revision != current.Revision)
        {
            return WriteOutcome.Failed(WriteStatus.Conflict,
                "the object has been modified; please apply your changes to the latest version and try again");
        }
        return null;
    }

    private StoredObject? Current(string name) =>
        _inFlight.TryGetValue(name, out var pending)
            ? pending.Deleted ? null : pending.Object
            : log.Cache.Get(new ObjectKey(_resource, _namespace, name));

    private async Task<WriteOutcome> WriteAsync(string name, PreparedObject obj, bool delete)
    {
        var key = new ObjectKey(_resource, _namespace, name);
        var summary = new ObjectSummary(obj.Uid, obj.Labels, obj.Fields);
        var pending = log.Append(key, delete, revision => (obj.Stamp(revision), summary));
        _inFlight[name] = pending;
        try
        {
            var stored = await pending.Committed;
            return new WriteOutcome(WriteStatus.Ok, stored.Revision, stored.Json, null);
        }
        finally
        {
            if (_inFlight.TryGetValue(name, out var latest) && ReferenceEquals(latest, pending))
            {
                _inFlight.Remove(name);
            }
        }
    }
}
