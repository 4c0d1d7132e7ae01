using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Grains.Nodes;

/// <summary>
/// The room left on one node while a batch of bindings is checked: each pod that fits is taken into it, so the next
/// pod of the batch is checked against the node with the earlier ones on it, and a pod that does not fit is refused
/// without refusing the rest. A node that does not exist or reports no allocatable has no capacity to protect:
/// Kubernetes binds to it all the same (the pod waits there for a kubelet), and so does this.
/// </summary>
public sealed class NodeRoom(NodeInfo? node)
{
    private static readonly NodeResourcesFitPlugin Fit = new(NodeResourcesFitArgs.Default);
    private static readonly CycleState NoState = new(Snapshot.Of([]));

    private NodeInfo? _node = node is null || node.Allocatable == Resources.None ? null : node;

    /// <summary>Whether the node is checked at all (it exists and reports allocatable).</summary>
    public bool Bounded => _node is not null;

    /// <summary>Takes the pod's requests if they fit; otherwise the reasons they do not (Insufficient cpu, Too many pods).</summary>
    public Status Take(PodInfo pod)
    {
        if (_node is null)
        {
            return Status.Success;
        }
        var fit = Fit.Filter(NoState, pod, _node);
        if (fit.IsSuccess)
        {
            _node = _node.WithPod(pod);
        }
        return fit;
    }
}
