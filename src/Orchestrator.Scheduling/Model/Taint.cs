namespace Orchestrator.Scheduling.Model;

/// <summary>A node taint: key, optional value and effect.</summary>
public sealed record Taint(string Key, string Value, TaintEffect Effect);
