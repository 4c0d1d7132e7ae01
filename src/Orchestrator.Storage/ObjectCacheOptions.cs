namespace Orchestrator.Storage;

/// <summary>Sizes of the watch cache, and which selectable field of which resource gets an index.</summary>
/// <param name="WindowSize">How many recent changes a watch can resume from; older resourceVersions get 410 Gone.</param>
/// <param name="WatcherBuffer">Events buffered for one watcher before it is cut off as too slow.</param>
/// <param name="IndexedFields">Resource -> summary field kept in an index (pods by spec.nodeName), so "the pods on
/// node X" costs the pods on X rather than every pod in the cluster.</param>
public sealed record ObjectCacheOptions(int WindowSize = 50_000, int WatcherBuffer = 10_000, IReadOnlyDictionary<string, string>? IndexedFields = null);
