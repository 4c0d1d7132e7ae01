namespace Orchestrator.Storage;

/// <summary>One committed object: its key, the revision that last wrote it, its JSON (resourceVersion included) and summary.</summary>
public sealed class StoredObject(ObjectKey key, long revision, byte[] json, ObjectSummary summary)
{
    public ObjectKey Key { get; } = key;

    public long Revision { get; } = revision;

    public byte[] Json { get; } = json;

    public ObjectSummary Summary { get; } = summary;
}
