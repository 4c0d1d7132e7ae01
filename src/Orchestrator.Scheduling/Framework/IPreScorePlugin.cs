using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Runs once over the feasible nodes before Score; may Skip the plugin's own Score.</summary>
public interface IPreScorePlugin : IPlugin
{
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes);
}
