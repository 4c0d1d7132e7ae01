using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class PackingAndSpreadingTests
{
    // "busy" already runs 2 cpu and 4,000Mi of an unrelated workload; the other two are empty.
    private static Snapshot Cluster() => Snapshot.Of(
    [
        NodeBuilder.Named("busy").Running(PodBuilder.Named("batch").Requests(2000, 4000)),
        NodeBuilder.Named("idle-1"),
        NodeBuilder.Named("idle-2"),
    ]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Most_allocated_packs_unrelated_pods_onto_the_fuller_node(int seed)
    {
        var scheduler = new Scheduler(new Random(seed));
        var snapshot = Cluster();

        for (var i = 0; i < 3; i++)
        {
            var pod = PodBuilder.Named($"solo-{i}").Requests(500, 500).Build();
            var result = scheduler.Schedule(pod, snapshot);

            Assert.Equal("busy", result.SelectedNode);
            snapshot = snapshot.WithPod(pod, result.SelectedNode!);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Owner_spreading_still_puts_three_replicas_on_three_nodes(int seed)
    {
        var scheduler = new Scheduler(new Random(seed));
        var snapshot = Cluster();
        var placed = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            var pod = PodBuilder.Named($"web-{i}").Requests(500, 500).OwnedBy("rs-web").Build();
            var result = scheduler.Schedule(pod, snapshot);
            placed.Add(result.SelectedNode!);
            snapshot = snapshot.WithPod(pod, result.SelectedNode!);
        }

        // The first replica packs onto "busy" (spread is 100 everywhere, packing breaks the tie). For the second,
        // busy's spread score drops to 0 against 100 elsewhere: 2 x 100 outweighs any 1 x packing difference.
        Assert.Equal("busy", placed[0]);
        Assert.Equal(3, placed.Distinct().Count());
    }
}
