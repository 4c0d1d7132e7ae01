namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>process.capabilities</c> sets the agent fills (never inheritable or ambient).</summary>
public sealed record OciCapabilities
{
    public IReadOnlyList<string> Bounding { get; init; } = [];

    public IReadOnlyList<string> Effective { get; init; } = [];

    public IReadOnlyList<string> Permitted { get; init; } = [];
}
