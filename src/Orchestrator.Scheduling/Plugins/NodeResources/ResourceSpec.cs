namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>A resource that counts toward the score, and how much.</summary>
public sealed record ResourceSpec(string Name, long Weight = 1);
