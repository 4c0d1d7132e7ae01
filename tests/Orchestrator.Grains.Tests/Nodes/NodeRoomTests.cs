using Orchestrator.Grains.Nodes;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Grains.Tests.Nodes;

public sealed class NodeRoomTests
{
    private static readonly Resources OneCpu = new() { MilliCpu = 1_000, Memory = 8L << 30, Pods = 110 };

    [Fact]
    public void A_batch_that_would_overcommit_the_node_has_only_the_pods_that_do_not_fit_refused()
    {
        // 1 cpu with 300m held: a (300m) and b (300m) fit, leaving 100m; c (300m) does not; d (100m) still does.
        var room = new NodeRoom(new NodeInfo { Name = "n1", Allocatable = OneCpu, Pods = [Pod("held", 300)] });

        var verdicts = new[] { Pod("a", 300), Pod("b", 300), Pod("c", 300), Pod("d", 100) }.Select(p => room.Take(p).IsSuccess);

        Assert.Equal([true, true, false, true], verdicts);
    }

    [Fact]
    public void A_refused_pod_is_told_which_resource_ran_out()
    {
        var room = new NodeRoom(new NodeInfo { Name = "n1", Allocatable = OneCpu, Pods = [Pod("held", 800)] });

        var verdict = room.Take(Pod("big", 300));

        Assert.False(verdict.IsSuccess);
        Assert.Contains("Insufficient cpu", verdict.Reasons);
    }

    [Fact]
    public void The_pods_of_one_batch_count_against_the_node_count_limit_too()
    {
        var room = new NodeRoom(new NodeInfo { Name = "n1", Allocatable = OneCpu with { Pods = 2 } });

        var verdicts = new[] { Pod("a", 10), Pod("b", 10), Pod("c", 10) }.Select(p => room.Take(p).IsSuccess);

        Assert.Equal([true, true, false], verdicts);
    }

    [Fact]
    public void A_node_that_reports_no_allocatable_or_does_not_exist_takes_every_pod_as_Kubernetes_does()
    {
        var unreported = new NodeRoom(new NodeInfo { Name = "n1" });
        var missing = new NodeRoom(null);

        Assert.All(Enumerable.Range(0, 200), i => Assert.True(unreported.Take(Pod($"p{i}", 2_000)).IsSuccess));
        Assert.True(missing.Take(Pod("p", 64_000)).IsSuccess);
        Assert.False(missing.Bounded);
    }

    private static PodInfo Pod(string name, long milliCpu) =>
        new() { Name = name, Uid = name, Requests = new Resources { MilliCpu = milliCpu, Memory = 64L << 20 } };
}
