using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class NodeRowTests
{
    private const long Mi = NodeBuilder.Mi;

    public static TheoryData<string, NodeInfo, long, long, int, int> Rows => new()
    {
        // name, node, free cpu, free memory, free pods, flags (NodeFlags is internal, so an int here)
        { "empty", NodeBuilder.Named("n"), 4000, 10_000 * Mi, 110, (int)(NodeFlags.None) },

        // Two pods: 1000m + 500m of 4000m, 2000Mi + 0 of 10,000Mi; the best-effort pod frees nothing but a pod slot.
        { "two pods", NodeBuilder.Named("n").Running(PodBuilder.Named("a").Requests(1000, 2000), PodBuilder.Named("b").Requests(500, 0)), 2500, 8000 * Mi, 108, (int)(NodeFlags.None) },

        // Overcommitted (a static pod, say): free goes negative rather than clamping, so no request fits.
        { "overcommitted", NodeBuilder.Named("n").Capacity(1000, 100, pods: 1).Running(PodBuilder.Named("a").Requests(1500, 200), PodBuilder.Named("b")), -500, -100 * Mi, -1, (int)(NodeFlags.None) },
        { "cordoned", NodeBuilder.Named("n").Cordoned(), 4000, 10_000 * Mi, 110, (int)(NodeFlags.Unschedulable) },
        { "prefer-no-schedule", NodeBuilder.Named("n").Taint("spot", "", TaintEffect.PreferNoSchedule), 4000, 10_000 * Mi, 110, (int)(NodeFlags.Taints) },
        { "no-schedule", NodeBuilder.Named("n").Taint("gpu", "", TaintEffect.NoSchedule), 4000, 10_000 * Mi, 110, (int)(NodeFlags.Taints | NodeFlags.NoScheduleTaints) },
        { "no-execute and cordoned", NodeBuilder.Named("n").Cordoned().Taint("x", "", TaintEffect.NoExecute), 4000, 10_000 * Mi, 110, (int)(NodeFlags.Unschedulable | NodeFlags.Taints | NodeFlags.NoScheduleTaints) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_holds_what_is_free_and_what_sends_the_node_to_the_filters(string name, NodeInfo node, long cpu, long memory, int pods, int flags)
    {
        var row = NodeRow.Of(node);

        Assert.True(cpu == row.FreeMilliCpu, name);
        Assert.Equal(memory, row.FreeMemory);
        Assert.Equal(pods, row.FreePods);
        Assert.Equal((NodeFlags)flags, row.Flags);
        Assert.Equal(node.Allocatable.MilliCpu, row.AllocatableMilliCpu);
        Assert.Equal(node.Allocatable.Memory, row.AllocatableMemory);
    }

    [Fact]
    public void Scoring_counts_pods_that_request_nothing_at_the_defaults()
    {
        // 100m and 200Mi for the best-effort pod (kube-scheduler's non-zero defaults), as NodeInfo.NonZeroRequested says.
        var row = NodeRow.Of(NodeBuilder.Named("n").Running(PodBuilder.Named("a").Requests(1000, 2000), PodBuilder.Named("b")));

        Assert.Equal(1100, row.NonZeroRequestedMilliCpu);
        Assert.Equal(2200 * Mi, row.NonZeroRequestedMemory);
    }

    [Fact]
    public void A_node_whose_taints_were_left_default_has_an_untainted_row()
    {
        var node = (NodeInfo)NodeBuilder.Named("n") with { Taints = default };

        Assert.Equal(NodeFlags.None, NodeRow.Of(node).Flags);
    }
}
