namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>linux.resources.memory</c>: the hard limit in bytes.</summary>
public sealed record OciMemory
{
    public long? Limit { get; init; }
}
