namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>root</c>: the container's root folder on the host.</summary>
public sealed record OciRoot
{
    public required string Path { get; init; }

    public bool Readonly { get; init; }
}
