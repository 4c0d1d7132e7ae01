namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>The outcome of one pass: what to write for each node, and every zone's state after it.</summary>
public sealed record NodeLifecyclePlan(IReadOnlyList<NodeAction> Actions, IReadOnlyDictionary<string, ZoneState> Zones);
