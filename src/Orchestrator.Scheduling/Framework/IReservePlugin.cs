using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Claims resources for the chosen node before binding; Unreserve must undo it when a later step fails.</summary>
public interface IReservePlugin : IPlugin
{
    Status Reserve(CycleState state, PodInfo pod, string nodeName);

    void Unreserve(CycleState state, PodInfo pod, string nodeName);
}
