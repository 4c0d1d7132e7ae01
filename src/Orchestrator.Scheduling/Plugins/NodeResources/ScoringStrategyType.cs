namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>How NodeResourcesFit turns utilization into a score.</summary>
public enum ScoringStrategyType
{
    /// <summary>Fuller nodes score higher: pack densely. Our default (kube-scheduler defaults to LeastAllocated).</summary>
    MostAllocated,

    LeastAllocated,

    RequestedToCapacityRatio,
}
