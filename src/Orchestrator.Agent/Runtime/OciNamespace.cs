namespace Orchestrator.Agent.Runtime;

/// <summary>One OCI <c>linux.namespaces</c> entry; without a path the runtime makes a new namespace.</summary>
public sealed record OciNamespace
{
    public required string Type { get; init; }

    public string? Path { get; init; }
}
