namespace Orchestrator.Scheduling.Framework;

/// <summary>Outcome of a plugin call, with kube-scheduler's meanings.</summary>
public enum StatusCode
{
    Success,

    /// <summary>An internal failure; the cycle stops and the pod is retried, no node is blamed.</summary>
    Error,

    /// <summary>The node does not fit now; preemption might make it fit.</summary>
    Unschedulable,

    /// <summary>The node cannot fit whatever is preempted, so PostFilter should not try it.</summary>
    UnschedulableAndUnresolvable,

    /// <summary>From PreFilter or PreScore: this plugin has nothing to check for the pod, so its Filter or Score is skipped.</summary>
    Skip,
}
