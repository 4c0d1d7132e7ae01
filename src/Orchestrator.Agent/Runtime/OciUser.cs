namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>process.user</c>: numeric ids, since a plain rootfs may have no /etc/passwd.</summary>
public sealed record OciUser
{
    public uint Uid { get; init; }

    public uint Gid { get; init; }
}
