using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.NodeUnschedulable;

/// <summary>Filters out cordoned nodes unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.</summary>
public sealed class NodeUnschedulablePlugin : IFilterPlugin, IRowFilter
{
    public const string PluginName = "NodeUnschedulable";
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";

    private static readonly Taint CordonTaint = new(WellKnownLabels.UnschedulableTaint, "", TaintEffect.NoSchedule);

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (!node.Unschedulable || pod.Tolerations.Any(t => t.Tolerates(CordonTaint)))
        {
            return Status.Success;
        }

        // Preempting pods cannot uncordon a node, so this is unresolvable.
        return Status.Unresolvable(ErrReasonUnschedulable);
    }

    bool IRowFilter.TryConstrain(PodInfo pod, ref NodePrecheck precheck)
    {
        if (!pod.Tolerations.Any(t => t.Tolerates(CordonTaint)))
        {
            precheck.Rejected |= NodeFlags.Unschedulable;
        }

        return true;
    }
}
