namespace Orchestrator.Storage;

/// <summary>A watcher did not keep up with the change rate and was closed; the client re-lists and watches again.</summary>
public sealed class WatcherTooSlowException() : Exception("the watch fell too far behind and was closed; list again and resume watching");
