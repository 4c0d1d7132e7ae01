using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>What a PostFilter plugin achieved: a node nominated for the pod once its victims are gone, and a message for the FitError.</summary>
/// <remarks>NominatedNodeName null leaves the pod's nomination as it is; empty clears it, as kube-scheduler's ModeOverride does.</remarks>
public sealed record PostFilterResult(string? NominatedNodeName, Status Status)
{
    public static PostFilterResult NotHelpful { get; } = new(null, Status.Unschedulable());

    /// <summary>Pods to evict gracefully so the pod fits on the nominated node, most important first.</summary>
    public ImmutableArray<PodInfo> Victims { get; init; } = [];
}
