namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>linux.resources</c>: device rules and the cgroup limits.</summary>
public sealed record OciResources
{
    public IReadOnlyList<OciDeviceRule>? Devices { get; init; }

    public OciMemory? Memory { get; init; }

    public OciCpu? Cpu { get; init; }

    public OciPids? Pids { get; init; }
}
