using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>One cycle's outcome: the chosen node with every score behind it, or the FitError, or an internal error.</summary>
public sealed record ScheduleResult
{
    public string? SelectedNode { get; init; }

    /// <summary>Nodes run through Filter; with sampling this can be fewer than the cluster.</summary>
    public int EvaluatedNodes { get; init; }

    public int FeasibleNodes { get; init; }

    /// <summary>Null when only one node was feasible: like kube-scheduler, scoring is skipped then.</summary>
    public ScoreTable? Scores { get; init; }

    public FitError? FitError { get; init; }

    /// <summary>Set when a plugin failed (StatusCode.Error) or a Reserve plugin refused.</summary>
    public Status? Error { get; init; }

    /// <summary>With a FitError, what to write to status.nominatedNodeName: a node preemption made room on, "" to clear it, null to leave it.</summary>
    public string? NominatedNodeName { get; init; }

    /// <summary>Pods to evict gracefully so the pod fits on NominatedNodeName once they are gone, most important first.</summary>
    public ImmutableArray<PodInfo> Victims { get; init; } = [];

    public bool IsScheduled => SelectedNode is not null;

    /// <summary>The cycle's state, kept so the binder can Unreserve with what Reserve wrote.</summary>
    internal CycleState? State { get; init; }
}
