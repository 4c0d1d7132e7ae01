using Orchestrator.Scheduling.Queue;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class PluginEventsTests
{
    [Theory]
    [InlineData("NodeResourcesFit", ClusterEvent.NodeAdded | ClusterEvent.NodeAllocatableChanged | ClusterEvent.AssignedPodDeleted)]
    [InlineData("NodeUnschedulable", ClusterEvent.NodeAdded | ClusterEvent.NodeUncordoned)]
    [InlineData("TaintToleration", ClusterEvent.NodeAdded | ClusterEvent.NodeTaintsChanged)]
    [InlineData("NodeAffinity", ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged)]
    [InlineData("PodTopologySpread", ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged | ClusterEvent.AssignedPodAdded | ClusterEvent.AssignedPodDeleted)]
    [InlineData("InterPodAffinity", ClusterEvent.NodeAdded | ClusterEvent.NodeLabelsChanged | ClusterEvent.AssignedPodAdded | ClusterEvent.AssignedPodDeleted)]
    [InlineData("NodeName", ClusterEvent.NodeAdded)]
    [InlineData("DefaultPreemption", ClusterEvent.AssignedPodDeleted)]
    public void Each_plugin_is_woken_only_by_the_events_that_can_undo_its_rejection(string plugin, ClusterEvent expected)
    {
        Assert.Equal(expected, PluginEvents.InterestOf([plugin], PluginEvents.Default));
    }

    [Fact]
    public void Several_rejecting_plugins_are_woken_by_the_union_of_their_events()
    {
        Assert.Equal(
            ClusterEvent.NodeAdded | ClusterEvent.NodeUncordoned | ClusterEvent.NodeTaintsChanged,
            PluginEvents.InterestOf(["NodeUnschedulable", "TaintToleration"], PluginEvents.Default));
    }

    [Fact]
    public void A_plugin_missing_from_the_table_or_no_plugin_at_all_is_woken_by_any_event()
    {
        Assert.Equal(ClusterEvent.Any, PluginEvents.InterestOf(["NodeName", "SomeOutOfTreePlugin"], PluginEvents.Default));
        Assert.Equal(ClusterEvent.Any, PluginEvents.InterestOf([], PluginEvents.Default));
    }
}
