namespace Orchestrator.Agent.Runtime;

/// <summary>Runs containers on this node, with the OCI lifecycle: create, start, state, kill, wait, delete.</summary>
public interface IContainerRuntime
{
    /// <summary>The runtime's name, such as runc, crun or process.</summary>
    string Name { get; }

    /// <summary>Prepares the container; its process exists but has not run the user's program yet.</summary>
    Task CreateAsync(ContainerRequest request, CancellationToken cancellationToken = default);

    Task StartAsync(string id, CancellationToken cancellationToken = default);

    Task<ContainerState> StateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to the container's first process; does nothing once it has exited.</summary>
    Task KillAsync(string id, ContainerSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Completes when the container's first process has exited, with its exit code and whether it was OOM-killed.</summary>
    Task<ContainerExit> WaitAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Counters of the container's cgroup, readable until the container is deleted.</summary>
    Task<ContainerStats> StatsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Kills the container if it still runs and removes it; deleting an unknown container is not an error.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);
}
