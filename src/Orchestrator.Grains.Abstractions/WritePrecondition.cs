namespace Orchestrator.Grains;

/// <summary>What the current object must be for a write to go ahead (Kubernetes' Preconditions plus the read revision).</summary>
/// <param name="Revision">The resourceVersion the writer read, or 0 for an unconditional write.</param>
/// <param name="Uid">The uid the object must still have, or null.</param>
[GenerateSerializer, Immutable]
public sealed record WritePrecondition([property: Id(0)] long Revision, [property: Id(1)] string? Uid = null)
{
    public static readonly WritePrecondition None = new(0);
}
