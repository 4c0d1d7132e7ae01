namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>linux.resources.pids</c>: how many tasks the container may have.</summary>
public sealed record OciPids
{
    public long Limit { get; init; }
}
