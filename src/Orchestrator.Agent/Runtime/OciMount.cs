namespace Orchestrator.Agent.Runtime;

/// <summary>One OCI <c>mounts</c> entry: a filesystem or a bind mount of a host folder.</summary>
public sealed record OciMount
{
    public required string Destination { get; init; }

    public required string Type { get; init; }

    public required string Source { get; init; }

    public IReadOnlyList<string>? Options { get; init; }
}
