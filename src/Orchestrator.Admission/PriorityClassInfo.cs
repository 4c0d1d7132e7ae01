namespace Orchestrator.Admission;

/// <summary>What pod admission needs from a PriorityClass: its name, value and preemption policy.</summary>
public sealed record PriorityClassInfo(string Name, int Value, string? PreemptionPolicy);
