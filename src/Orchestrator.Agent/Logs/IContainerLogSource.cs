namespace Orchestrator.Agent.Logs;

/// <summary>Where a container attempt's log is on this node, for the agent's log endpoint; the pod workers answer it.</summary>
public interface IContainerLogSource
{
    /// <summary>The current attempt of the container, or with <paramref name="previous"/> the one before it.</summary>
    ContainerLogLookup Find(string ns, string pod, string uid, string container, bool previous);
}
