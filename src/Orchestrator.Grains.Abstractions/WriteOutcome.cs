namespace Orchestrator.Grains;

/// <summary>The result of a write: the stored JSON (with its new resourceVersion) on success, else why not.</summary>
[GenerateSerializer, Immutable]
public sealed record WriteOutcome(
    [property: Id(0)] WriteStatus Status,
    [property: Id(1)] long Revision,
    [property: Id(2)] byte[]? Json,
    [property: Id(3)] string? Message)
{
    public static WriteOutcome Failed(WriteStatus status, string message) => new(status, 0, null, message);
}
