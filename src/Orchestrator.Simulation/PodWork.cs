using k8s.Models;

namespace Orchestrator.Simulation;

/// <summary>One write a simulated kubelet owes a pod: report it Running at an address, or remove it once it is being deleted.</summary>
internal sealed record PodWork(bool Delete, SimulatedNode Node, V1Pod Pod, string Key, string? Address)
{
    /// <summary>Identifies the work so a burst of events for one pod makes one write, not many.</summary>
    public string Id => $"{(Delete ? "delete" : "start")}/{Key}/{Pod.Metadata?.Uid}";

    public string Namespace => Pod.Metadata.NamespaceProperty;

    public string Name => Pod.Metadata.Name;
}
