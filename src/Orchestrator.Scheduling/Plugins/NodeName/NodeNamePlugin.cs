using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.NodeName;

/// <summary>A pod that names its node (spec.nodeName) fits only that node.</summary>
public sealed class NodeNamePlugin : IFilterPlugin, IRowFilter
{
    public const string PluginName = "NodeName";
    public const string ErrReason = "node(s) didn't match the requested node name";

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        pod.NodeName.Length == 0 || pod.NodeName == node.Name ? Status.Success : Status.Unresolvable(ErrReason);

    // A pod that names its node is compared by name, which the row does not hold.
    bool IRowFilter.TryConstrain(PodInfo pod, ref NodePrecheck precheck) => pod.NodeName.Length == 0;
}
