namespace Orchestrator.Storage;

/// <summary>A committed change. For deletions <see cref="Object"/> is the last state, carrying the deleting revision.</summary>
public sealed record ChangeEvent(WatchEventType Type, long Revision, StoredObject Object, StoredObject? Previous);
