using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Runs when no node fits (preemption's extension point). Only the interface exists yet: no preemption plugin is built.</summary>
public interface IPostFilterPlugin : IPlugin
{
    PostFilterResult PostFilter(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses);
}
