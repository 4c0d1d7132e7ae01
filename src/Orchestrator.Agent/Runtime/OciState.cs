namespace Orchestrator.Agent.Runtime;

/// <summary>What <c>runc state</c> / <c>crun state</c> print, as the OCI runtime spec defines the state.</summary>
public sealed record OciState
{
    public string? OciVersion { get; init; }

    public required string Id { get; init; }

    public required string Status { get; init; }

    public int Pid { get; init; }

    public string? Bundle { get; init; }
}
