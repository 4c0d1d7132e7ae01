using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Runs when no node fits (preemption's extension point); nodeStatuses holds every rejected node's verdict.</summary>
public interface IPostFilterPlugin : IPlugin
{
    PostFilterResult PostFilter(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses, IFrameworkHandle framework);
}
