namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>A point of the RequestedToCapacityRatio curve: utilization 0..100 maps to score 0..10 (scaled ×10 to 0..100).</summary>
public sealed record UtilizationShapePoint(int Utilization, int Score);
