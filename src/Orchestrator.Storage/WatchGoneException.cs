namespace Orchestrator.Storage;

/// <summary>A watch asked to resume from a revision older than the cache's window (Kubernetes answers 410 Gone).</summary>
public sealed class WatchGoneException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;

    public long Oldest { get; } = oldest;
}
