using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Keeps a PreFilter's precomputed state true when preemption removes pods or nominated pods are added in a what-if.</summary>
/// <remarks>The node passed is the node after the change. The state is a clone (IStateData) owned by that what-if.</remarks>
public interface IPreFilterExtensions : IPreFilterPlugin
{
    Status AddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    Status RemovePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);
}
