namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI runtime-spec container statuses.</summary>
public enum ContainerStatus
{
    Unknown,
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}
