namespace Orchestrator.Storage;

/// <summary>A write handed to the log: committed in revision order with others in one batch.</summary>
public sealed class PendingWrite(StoredObject obj, bool deleted)
{
    public StoredObject Object { get; } = obj;

    public bool Deleted { get; } = deleted;

    /// <summary>Completes when the write is durable and visible in the cache; faults if the batch failed.</summary>
    public Task<StoredObject> Committed => Done.Task;

    internal TaskCompletionSource<StoredObject> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
