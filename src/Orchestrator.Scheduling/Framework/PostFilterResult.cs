namespace Orchestrator.Scheduling.Framework;

/// <summary>What a PostFilter plugin achieved: a node nominated for the pod once victims are gone, and a message for the FitError.</summary>
public sealed record PostFilterResult(string? NominatedNodeName, Status Status)
{
    public static PostFilterResult NotHelpful { get; } = new(null, Status.Unschedulable());
}
