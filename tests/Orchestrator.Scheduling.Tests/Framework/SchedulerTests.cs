using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class SchedulerTests
{
    private static Snapshot Identical(int count) => Snapshot.Of(Enumerable.Range(0, count).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}")));

    private static List<string> Place(int seed, int pods)
    {
        var scheduler = new Scheduler(new Random(seed));
        var snapshot = Identical(50);
        var placements = new List<string>();
        for (var i = 0; i < pods; i++)
        {
            var pod = PodBuilder.Named($"p{i}").Requests(100, 100).OwnedBy($"rs-{i % 3}").Build();
            var node = scheduler.Schedule(pod, snapshot).SelectedNode!;
            snapshot = snapshot.WithPod(pod, node);
            placements.Add(node);
        }

        return placements;
    }

    [Fact]
    public void The_same_seed_places_the_same_pods_on_the_same_nodes()
    {
        Assert.Equal(Place(seed: 42, pods: 30), Place(seed: 42, pods: 30));
    }

    [Fact]
    public void Ties_are_broken_by_the_seeded_random_not_by_node_order()
    {
        var firstChoices = Enumerable.Range(0, 20).Select(seed => Place(seed, pods: 1)[0]).Distinct().ToList();

        Assert.True(firstChoices.Count > 1, "every seed picked the same node among 50 equal ones");
    }

    [Fact]
    public void Every_decision_keeps_each_plugins_score_for_each_node()
    {
        var snapshot = Snapshot.Of([NodeBuilder.Named("full").Running(PodBuilder.Named("existing").Requests(2000, 4000)), NodeBuilder.Named("empty")]);

        var result = new Scheduler(new Random(7)).Schedule(PodBuilder.Named("p").Requests(1000, 1000), snapshot);

        // TaintToleration: no taints, reversed -> 100 x 3; NodeAffinity and PodTopologySpread skip -> 0;
        // NodeResourcesFit (MostAllocated): full 62, empty 17 (worked out in NodeResourcesFitPluginTests).
        // full = 300 + 62 = 362, empty = 300 + 17 = 317
        Assert.Equal("full", result.SelectedNode);
        Assert.Equal(2, result.FeasibleNodes);
        Assert.Equal(362, result.Scores!.Total("full"));
        Assert.Equal(17, result.Scores.Score("empty", "NodeResourcesFit"));
        Assert.Equal(
            "full = 362: TaintToleration 100×3 + NodeAffinity 0×2 + NodeResourcesFit 62×1 + PodTopologySpread 0×2",
            result.Scores.Explain("full"));
    }

    [Fact]
    public void A_single_feasible_node_is_chosen_without_scoring()
    {
        var snapshot = Snapshot.Of([NodeBuilder.Named("n1"), NodeBuilder.Named("n2").Cordoned()]);

        var result = new Scheduler(new Random(1)).Schedule(PodBuilder.Named("p"), snapshot);

        Assert.Equal("n1", result.SelectedNode);
        Assert.Null(result.Scores);
        Assert.Equal(2, result.EvaluatedNodes);
    }

    [Fact]
    public void Large_clusters_are_sampled_round_robin_like_kube_scheduler()
    {
        var scheduler = new Scheduler(new Random(1));
        var snapshot = Identical(5000);

        var first = scheduler.Schedule(PodBuilder.Named("p1"), snapshot);
        var second = scheduler.Schedule(PodBuilder.Named("p2"), snapshot);

        // 10% of 5,000 nodes; the second cycle starts where the first stopped.
        Assert.Equal(500, first.EvaluatedNodes);
        Assert.Equal(500, first.Scores!.Nodes.Length);
        Assert.Equal("n500", second.Scores!.Nodes[0]);
    }

    [Fact]
    public void A_pod_for_another_scheduler_is_not_scheduled()
    {
        var result = new Scheduler(new Random(1)).Schedule(PodBuilder.Named("p").SchedulerName("gpu-scheduler"), Identical(2));

        Assert.Equal(StatusCode.Error, result.Error!.Code);
        Assert.Equal("no profile serves schedulerName gpu-scheduler", result.Error.Message);
    }

    [Fact]
    public void An_empty_cluster_is_an_error_not_a_fit_error()
    {
        var result = new Scheduler(new Random(1)).Schedule(PodBuilder.Named("p"), Snapshot.Of([]));

        Assert.Equal("no nodes available to schedule pods", result.Error!.Message);
    }

    [Fact]
    public void A_profile_can_turn_plugins_off_and_change_weights()
    {
        var profile = Profile.Default.Without("TaintToleration").WithWeight("NodeResourcesFit", 5);
        var snapshot = Snapshot.Of([NodeBuilder.Named("tainted").Taint("k", "v", TaintEffect.NoSchedule), NodeBuilder.Named("n2")]);

        var result = new Scheduler([profile], new Random(1)).Schedule(PodBuilder.Named("p").Requests(1000, 1000), snapshot);

        // Both fit without TaintToleration; each scores NodeResourcesFit 17 x 5 = 85.
        Assert.Equal(2, result.FeasibleNodes);
        Assert.Equal(85, result.Scores!.Total("tainted"));
    }

    [Fact]
    public void A_failing_reserve_unreserves_every_reserve_plugin_and_reports_the_error()
    {
        var log = new List<string>();
        var registry = PluginRegistry.Empty
            .With(new("First", _ => new RecordingReserve("First", log, succeed: true)))
            .With(new("Second", _ => new RecordingReserve("Second", log, succeed: false)));

        var result = new Scheduler([new Profile { Registry = registry }], new Random(1)).Schedule(PodBuilder.Named("p"), Identical(1));

        Assert.False(result.IsScheduled);
        Assert.Equal("Second", result.Error!.Plugin);
        Assert.Equal(["reserve First", "reserve Second", "unreserve Second", "unreserve First"], log);
    }

    [Fact]
    public void A_PreFilter_rejection_becomes_the_fit_error_message()
    {
        var registry = PluginRegistry.Empty.With(new("Gate", _ => new RejectingPreFilter()));

        var result = new Scheduler([new Profile { Registry = registry }], new Random(1)).Schedule(PodBuilder.Named("p"), Identical(3));

        Assert.Equal("0/3 nodes are available: gate is closed.", result.FitError!.Message);
        Assert.Equal(3, result.FitError.NodeStatuses.Count);
    }

    [Fact]
    public void A_score_outside_zero_to_a_hundred_is_an_error()
    {
        var registry = PluginRegistry.Empty.With(new("Wild", _ => new WildScore()));

        var result = new Scheduler([new Profile { Registry = registry }], new Random(1)).Schedule(PodBuilder.Named("p"), Identical(2));

        Assert.Equal(StatusCode.Error, result.Error!.Code);
        Assert.StartsWith("plugin Wild returned score 101", result.Error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingReserve(string name, List<string> log, bool succeed) : IReservePlugin
    {
        public string Name => name;

        public Status Reserve(CycleState state, PodInfo pod, string nodeName)
        {
            log.Add($"reserve {name}");
            return succeed ? Status.Success : Status.Error("no room in the ledger");
        }

        public void Unreserve(CycleState state, PodInfo pod, string nodeName) => log.Add($"unreserve {name}");
    }

    private sealed class RejectingPreFilter : IPreFilterPlugin
    {
        public string Name => "Gate";

        public Status PreFilter(CycleState state, PodInfo pod) => Status.Unresolvable("gate is closed");
    }

    private sealed class WildScore : IScorePlugin
    {
        public string Name => "Wild";

        public long Score(CycleState state, PodInfo pod, NodeInfo node) => 101;
    }
}
