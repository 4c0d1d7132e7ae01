using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>The constraints applied to an owned pod that declares none; their LabelSelector is ignored, they select pods of the same owner.</summary>
public sealed record PodTopologySpreadArgs
{
    public static PodTopologySpreadArgs Default { get; } = new();

    /// <summary>
    /// Kubernetes' system defaults are maxSkew 3 (hostname) and 5 (zone), tuned for LeastAllocated, whose resource score
    /// already spreads. Under MostAllocated the resource score pulls replicas together by up to 100 points, so we use
    /// maxSkew 1: a node already holding a replica then normalizes to 0 against 100 for an empty one, which at weight 2
    /// outweighs any packing gain at weight 1. Still ScheduleAnyway: spreading never makes a pod unschedulable.
    /// </summary>
    public ImmutableArray<TopologySpreadConstraint> DefaultConstraints { get; init; } =
    [
        new(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything),
        new(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything),
    ];
}
