using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>What a PostFilter plugin may ask of its profile: run the filters on a what-if node and keep PreFilter state in step.</summary>
public interface IFrameworkHandle
{
    /// <summary>The profile's filters as the cycle ran them, with nominated pods of equal or higher priority counted on the node.</summary>
    Status RunFilters(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Tells every PreFilter extension the added pod now runs on the node.</summary>
    Status AddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    /// <summary>Tells every PreFilter extension the removed pod no longer runs on the node.</summary>
    Status RemovePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);
}
