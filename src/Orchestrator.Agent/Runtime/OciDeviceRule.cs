namespace Orchestrator.Agent.Runtime;

/// <summary>One OCI <c>linux.resources.devices</c> rule; the runtime adds its own allow rules (null, zero, tty...).</summary>
public sealed record OciDeviceRule
{
    public bool Allow { get; init; }

    public string Access { get; init; } = "rwm";
}
