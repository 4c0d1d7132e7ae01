using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using static Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption.PreemptionCase;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class NominatedPodsTests
{
    // n1 is empty (4,000m) but "nominated" (3,000m, priority 10) waits for it while its victims terminate.
    private static readonly PodInfo Nominated = Pod("nominated", 3000, 10).NominatedTo("n1");

    private const string NoRoom =
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..";

    public static TheoryData<string, PodInfo, string?, string?> Cases => new()
    {
        // 3,000m reserved + 2,000m > 4,000m; and nominated pods are not victims, so preemption finds none.
        { "a lower-priority pod cannot take the room", Pod("p", 2000, 5), null, NoRoom },
        { "nor can one of equal priority", Pod("p", 2000, 10), null, NoRoom },

        // Priority 20 > 10: the nomination is ignored, as it would be preempted in turn.
        { "a higher-priority pod can", Pod("p", 2000, 20), "n1", null },

        // 3,000m + 1,000m = 4,000m: what the nomination does not need is free for anyone.
        { "a lower-priority pod fits beside it", Pod("p", 1000, 5), "n1", null },

        // The nominated pod itself is not counted twice: it gets its node.
        { "the nominated pod takes its node", Nominated, "n1", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nominated_pods_keep_their_room_from_pods_of_lower_or_equal_priority(string name, PodInfo pod, string? node, string? message)
    {
        var snapshot = Snapshot.Of([NodeBuilder.Named("n1")]).WithNominatedPods([Nominated]);

        var result = new Scheduler(new Random(1)).Schedule(pod, snapshot);

        Assert.True(node == result.SelectedNode, name);
        Assert.Equal(message, result.FitError?.Message);
    }

    [Fact]
    public void A_nominated_pods_anti_affinity_keeps_matching_pods_off_its_node()
    {
        // No placed pod has anti-affinity, so only the nominated one's terms can reject web on n1.
        var guard = Pod("guard", 100, 10).AntiAffinity(("app", "web")).NominatedTo("n1");
        var snapshot = Snapshot.Of([NodeBuilder.Named("n1"), NodeBuilder.Named("n2")]).WithNominatedPods([guard]);

        var result = new Scheduler(new Random(1)).Schedule(Pod("web", 100, 0).Label("app", "web"), snapshot);

        Assert.Equal("n2", result.SelectedNode);
    }

    [Fact]
    public void Without_nominations_the_snapshot_says_so_and_filtering_takes_the_plain_path()
    {
        var snapshot = Snapshot.Of([NodeBuilder.Named("n1")]);

        Assert.False(snapshot.HasNominatedPods);
        Assert.True(snapshot.WithNominatedPods([Nominated]).HasNominatedPods);
    }
}
