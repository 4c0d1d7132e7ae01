namespace Orchestrator.Storage;

/// <summary>One page of a list, read at <see cref="Revision"/>; <see cref="ContinueAfter"/> is the last sort key when more remain.</summary>
public sealed record ListResult(IReadOnlyList<StoredObject> Items, long Revision, string? ContinueAfter, long? RemainingItemCount);
