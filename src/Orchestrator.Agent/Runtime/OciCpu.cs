namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>linux.resources.cpu</c>: CFS shares (the request) and quota per period (the limit).</summary>
public sealed record OciCpu
{
    public ulong? Shares { get; init; }

    public long? Quota { get; init; }

    public ulong? Period { get; init; }
}
