namespace Orchestrator.Storage;

/// <summary>The durable store could not take a write; the write was not acknowledged.</summary>
public sealed class StorageException(string message, Exception inner) : Exception(message, inner);
