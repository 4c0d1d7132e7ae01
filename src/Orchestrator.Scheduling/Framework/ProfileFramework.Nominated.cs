using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Filtering that keeps room for nominated pods, and the handle PostFilter plugins use to run what-ifs.</summary>
internal sealed partial class ProfileFramework : IFrameworkHandle
{
    /// <summary>
    /// kube-scheduler's RunFilterPluginsWithNominatedPods: the pod must fit with the nominated pods of equal or higher
    /// priority added to the node (so it cannot take room preemption freed for them) and, when any were added, without
    /// them too (so it does not rely on, say, affinity to a pod that may never arrive).
    /// </summary>
    public Status RunFiltersWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node, IFilterPlugin[]? active)
    {
        if (!state.Snapshot.HasNominatedPods)
        {
            return RunFilters(state, pod, node, active);
        }

        var status = AddNominatedPods(state, pod, node, out var stateWith, out var nodeWith);
        if (!status.IsSuccess)
        {
            return status;
        }

        if (nodeWith is not null)
        {
            status = RunFilters(stateWith!, pod, nodeWith, active);
            if (!status.IsSuccess)
            {
                return status;
            }
        }

        return RunFilters(state, pod, node, active);
    }

    public Status RunFilters(CycleState state, PodInfo pod, NodeInfo node) => RunFiltersWithNominatedPods(state, pod, node, null);

    public Status AddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) => RunExtensions(state, pod, added, node, add: true);

    public Status RemovePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) => RunExtensions(state, pod, removed, node, add: false);

    private Status AddNominatedPods(CycleState state, PodInfo pod, NodeInfo node, out CycleState? stateWith, out NodeInfo? nodeWith)
    {
        (stateWith, nodeWith) = (null, null);
        foreach (var nominated in state.Snapshot.NominatedPodsOn(node.Name))
        {
            if (nominated.Priority < pod.Priority || nominated.IsSamePod(pod))
            {
                continue;
            }

            stateWith ??= state.Clone();
            nodeWith = (nodeWith ?? node).WithPod(nominated);
            var status = AddPod(stateWith, pod, nominated, nodeWith);
            if (!status.IsSuccess)
            {
                return status;
            }
        }

        return Status.Success;
    }

    private Status RunExtensions(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, bool add)
    {
        foreach (var plugin in PreFilterExtensions)
        {
            // A plugin that skipped its Filter has no state to keep.
            if (state.IsFilterSkipped(plugin.Name))
            {
                continue;
            }

            var status = add ? plugin.AddPod(state, pod, changed, node) : plugin.RemovePod(state, pod, changed, node);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }
}
