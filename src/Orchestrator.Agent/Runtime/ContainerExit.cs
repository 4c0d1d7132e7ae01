namespace Orchestrator.Agent.Runtime;

/// <summary>How a container's first process ended: its exit code (128 + signal when killed) and whether the OOM killer did it.</summary>
public sealed record ContainerExit(int ExitCode, bool OomKilled)
{
    /// <summary>The process ended while another process was its parent (an agent restarted), so its exit code is not known.</summary>
    public bool Lost { get; init; }
}
