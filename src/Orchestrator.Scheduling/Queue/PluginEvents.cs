using System.Collections.Immutable;
using Orchestrator.Scheduling.Plugins.InterPodAffinity;
using Orchestrator.Scheduling.Plugins.NodeAffinity;
using Orchestrator.Scheduling.Plugins.NodeName;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Plugins.NodeUnschedulable;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Plugins.TaintToleration;

namespace Orchestrator.Scheduling.Queue;

/// <summary>Which cluster events can undo each plugin's rejection, as kube-scheduler's EventsToRegister declares them.</summary>
public static class PluginEvents
{
    /// <summary>Added by the preemption work; named here as a literal so the queue does not wait on that plugin's type.</summary>
    public const string DefaultPreemption = "DefaultPreemption";

    public static ImmutableDictionary<string, ClusterEvent> Default { get; } = new Dictionary<string, ClusterEvent>
    {
        [NodeResourcesFitPlugin.PluginName] = ClusterEvent.NodeAdded | ClusterEvent.NodeAllocatableChanged | ClusterEvent.AssignedPodDeleted,
        [NodeUnschedulablePlugin.PluginName] = ClusterEvent.NodeAdded | ClusterEvent.NodeUncordoned,
        [TaintTolerationPlugin.PluginName] = ClusterEvent.NodeAdded | ClusterEvent.NodeTaintsChanged,
        [NodeAffinityPlugin.PluginName] = ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged,
        [PodTopologySpreadPlugin.PluginName] =
            ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged | ClusterEvent.AssignedPodAdded | ClusterEvent.AssignedPodDeleted,
        [InterPodAffinityPlugin.PluginName] =
            ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged | ClusterEvent.AssignedPodAdded | ClusterEvent.AssignedPodDeleted,
        [NodeNamePlugin.PluginName] = ClusterEvent.NodeAdded,
        [DefaultPreemption] = ClusterEvent.AssignedPodDeleted,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The events any of the rejecting plugins cares about; no plugins, or one the table does not know, means any event.</summary>
    public static ClusterEvent InterestOf(IEnumerable<string> rejectingPlugins, IReadOnlyDictionary<string, ClusterEvent> table)
    {
        var interest = ClusterEvent.None;
        var any = false;
        foreach (var plugin in rejectingPlugins)
        {
            any = true;
            if (!table.TryGetValue(plugin, out var events))
            {
                return ClusterEvent.Any;
            }

            interest |= events;
        }

        // A pod nobody claimed to reject failed for a reason the queue cannot match to events, so only
        // "wake on anything" avoids parking it until the max-stay flush.
        return any ? interest : ClusterEvent.Any;
    }
}
