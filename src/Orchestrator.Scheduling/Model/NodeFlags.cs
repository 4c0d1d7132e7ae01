namespace Orchestrator.Scheduling.Model;

/// <summary>What a NodeRow says about a node beyond numbers: each flag sends the node down the plugins' full path.</summary>
[Flags]
internal enum NodeFlags
{
    None = 0,

    /// <summary>Cordoned (spec.unschedulable).</summary>
    Unschedulable = 1,

    /// <summary>Any taint at all.</summary>
    Taints = 2,

    /// <summary>A NoSchedule or NoExecute taint, which the TaintToleration filter must check against the pod.</summary>
    NoScheduleTaints = 4,
}
