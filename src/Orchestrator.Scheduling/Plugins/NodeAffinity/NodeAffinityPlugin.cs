using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.NodeAffinity;

/// <summary>Filters by nodeSelector and required node affinity; scores the summed weights of matching preferred terms.</summary>
public sealed class NodeAffinityPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeAffinity";
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

    public string Name => PluginName;

    /// <summary>Whether the node satisfies the pod's nodeSelector and required terms; also used by PodTopologySpread.</summary>
    public static bool Matches(PodInfo pod, NodeInfo node)
    {
        foreach (var (key, value) in pod.NodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        if (pod.RequiredNodeAffinity.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var term in pod.RequiredNodeAffinity)
        {
            if (term.Matches(node.Labels))
            {
                return true;
            }
        }

        return false;
    }

    public Status PreFilter(CycleState state, PodInfo pod) =>
        pod.NodeSelector.IsEmpty && pod.RequiredNodeAffinity.IsDefaultOrEmpty ? Status.Skip : Status.Success;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        Matches(pod, node) ? Status.Success : Status.Unresolvable(ErrReasonPod);

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes) =>
        pod.PreferredNodeAffinity.IsDefaultOrEmpty ? Status.Skip : Status.Success;

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        long sum = 0;
        foreach (var preferred in pod.PreferredNodeAffinity)
        {
            if (preferred.Weight != 0 && preferred.Preference.Matches(node.Labels))
            {
                sum += preferred.Weight;
            }
        }

        return sum;
    }

    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) =>
        NodeScores.DefaultNormalize(scores, reverse: false);
}
