namespace Orchestrator.Scheduling.Model;

/// <summary>The controller owning a pod; pods with the same owner are spread by default.</summary>
public sealed record OwnerReference(string Kind, string Uid);
