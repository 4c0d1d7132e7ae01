namespace Orchestrator.Storage;

/// <summary>Sizes of the watch cache.</summary>
/// <param name="WindowSize">How many recent changes a watch can resume from; older resourceVersions get 410 Gone.</param>
/// <param name="WatcherBuffer">Events buffered for one watcher before it is cut off as too slow.</param>
public sealed record ObjectCacheOptions(int WindowSize = 50_000, int WatcherBuffer = 10_000);
