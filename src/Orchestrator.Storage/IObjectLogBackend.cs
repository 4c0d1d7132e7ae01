namespace Orchestrator.Storage;

/// <summary>The durable medium under the log. Commit returns only when the batch survives a crash.</summary>
public interface IObjectLogBackend : IDisposable
{
    /// <summary>The highest revision ever committed, deletions included (0 for a new store).</summary>
    long LoadRevision();

    /// <summary>Every stored object with the revision that last wrote it.</summary>
    IEnumerable<(ObjectKey Key, long Revision, byte[] Json)> LoadAll();

    /// <summary>Writes the batch and <paramref name="revision"/> atomically and durably.</summary>
    void Commit(IReadOnlyList<PendingWrite> batch, long revision);
}
