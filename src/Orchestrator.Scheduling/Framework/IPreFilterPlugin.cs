using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Runs once per cycle before Filter: precomputes state, may reject the pod outright or Skip its own Filter.</summary>
public interface IPreFilterPlugin : IPlugin
{
    Status PreFilter(CycleState state, PodInfo pod);
}
