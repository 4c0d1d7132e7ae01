namespace Orchestrator.Agent.Runtime;

/// <summary>One OCI <c>process.rlimits</c> entry, such as RLIMIT_NOFILE.</summary>
public sealed record OciRlimit
{
    public required string Type { get; init; }

    public ulong Hard { get; init; }

    public ulong Soft { get; init; }
}
