namespace Orchestrator.Agent.Runtime;

/// <summary>A container's status and the host pid of its first process (0 when there is none).</summary>
public sealed record ContainerState(string Id, ContainerStatus Status, int Pid)
{
    public static ContainerStatus ParseStatus(string status) => status switch
    {
        "creating" => ContainerStatus.Creating,
        "created" => ContainerStatus.Created,
        "running" => ContainerStatus.Running,
        "paused" => ContainerStatus.Paused,
        "stopped" => ContainerStatus.Stopped,
        _ => ContainerStatus.Unknown,
    };
}
