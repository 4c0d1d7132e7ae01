namespace Orchestrator.Scheduling.Model;

/// <summary>Kubernetes' names for the built-in resources; anything else is an extended resource.</summary>
public static class ResourceNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";
}
