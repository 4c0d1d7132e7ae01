namespace Orchestrator.Agent.Runtime;

/// <summary>Takes over a container an earlier agent process created and that still runs, so a restarted agent restarts nothing.</summary>
public interface IContainerAdoption
{
    /// <summary>True when the container runs and is now followed (its exit reported as <see cref="ContainerExit.Lost"/> unless OOM-killed); false when it is not running.</summary>
    Task<bool> TryAdoptAsync(string id, CancellationToken cancellationToken = default);
}
