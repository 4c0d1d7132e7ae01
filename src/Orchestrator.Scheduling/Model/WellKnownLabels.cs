namespace Orchestrator.Scheduling.Model;

/// <summary>Labels and taint keys the scheduler gives meaning to.</summary>
public static class WellKnownLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";
}
