namespace Orchestrator.Agent.Runtime;

/// <summary>Runs a command inside a running container, as exec probes and <c>kubectl exec</c> need; the runtimes that can, implement it.</summary>
public interface IContainerExec
{
    /// <summary>Runs <paramref name="command"/> with the container's environment, working folder and user; a command still running after <paramref name="timeout"/> is killed and reported as timed out.</summary>
    Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default);
}
