namespace Orchestrator.Scheduling.Model;

/// <summary>A weighted (1..100) node affinity preference.</summary>
public sealed record PreferredSchedulingTerm(int Weight, NodeSelectorTerm Preference);
