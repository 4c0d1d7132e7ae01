using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>NodeResourcesFit's configuration: the scoring strategy, the resources it weighs, and the shape for RequestedToCapacityRatio.</summary>
public sealed record NodeResourcesFitArgs
{
    public static NodeResourcesFitArgs Default { get; } = new();

    public ScoringStrategyType Strategy { get; init; } = ScoringStrategyType.MostAllocated;

    public ImmutableArray<ResourceSpec> Resources { get; init; } = [new(ResourceNames.Cpu), new(ResourceNames.Memory)];

    /// <summary>Used by RequestedToCapacityRatio only; points in increasing utilization.</summary>
    public ImmutableArray<UtilizationShapePoint> Shape { get; init; } = [new(0, 10), new(100, 0)];
}
