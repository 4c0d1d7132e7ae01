namespace Orchestrator.Grains;

/// <summary>How a binding ended: bound (with the pod's new resourceVersion) or why not, in words for an event or a Status.</summary>
[GenerateSerializer, Immutable]
public sealed record BindOutcome(
    [property: Id(0)] BindStatus Status,
    [property: Id(1)] long Revision,
    [property: Id(2)] string? Message)
{
    public static BindOutcome Refused(BindStatus status, string message) => new(status, 0, message);
}
