using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.InterPodAffinity;

/// <summary>Required pod anti-affinity on kubernetes.io/hostname, both ways: the pod's own terms and those of pods already on the node.</summary>
public sealed class InterPodAffinityPlugin : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "InterPodAffinity";
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

    public string Name => PluginName;

    // Nominated pods count too: filtering adds them to their nodes, so their terms must be checked.
    public Status PreFilter(CycleState state, PodInfo pod) =>
        pod.RequiredAntiAffinity.IsDefaultOrEmpty
        && state.Snapshot.PodsWithRequiredAntiAffinity == 0
        && state.Snapshot.Nominated.WithRequiredAntiAffinity == 0
            ? Status.Skip
            : Status.Success;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        // With hostname topology the domain is the node, so only its own pods matter.
        if (node.HasPodsWithRequiredAntiAffinity)
        {
            foreach (var existing in node.Pods)
            {
                if (existing.Namespace == pod.Namespace && AnyTermSelects(existing, pod))
                {
                    return Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
                }
            }
        }

        if (!pod.RequiredAntiAffinity.IsDefaultOrEmpty)
        {
            foreach (var existing in node.Pods)
            {
                if (existing.Namespace == pod.Namespace && AnyTermSelects(pod, existing))
                {
                    return Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch);
                }
            }
        }

        return Status.Success;
    }

    private static bool AnyTermSelects(PodInfo owner, PodInfo target)
    {
        foreach (var term in owner.RequiredAntiAffinity)
        {
            if (term.LabelSelector.Matches(target.Labels))
            {
                return true;
            }
        }

        return false;
    }
}
