namespace Orchestrator.Agent.Runtime;

/// <summary>How a container's first process ended: its exit code (128 + signal when killed) and whether the OOM killer did it.</summary>
public sealed record ContainerExit(int ExitCode, bool OomKilled);
