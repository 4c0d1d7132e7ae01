using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

/// <summary>The fused scoring path must place every pod where the plugins would, with the same scores and explanations.</summary>
public sealed class FusedScoringTests
{
    public static TheoryData<string> Profiles => ["default", "weights", "skew", "zone-only", "memory-heavy", "no-spread"];

    private static Profile ProfileOf(string kind) => kind switch
    {
        "default" => Profile.Default,
        "weights" => Profile.Default.WithWeight("NodeResourcesFit", 3).WithWeight("PodTopologySpread", 1).WithWeight("TaintToleration", 1),
        "skew" => Profile.Default.WithArgs("PodTopologySpread", new PodTopologySpreadArgs
        {
            DefaultConstraints =
            [
                new(3, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything),
                new(5, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything),
            ],
        }),
        "zone-only" => Profile.Default.WithArgs("PodTopologySpread", new PodTopologySpreadArgs
        {
            DefaultConstraints = [new(2, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything)],
        }),
        "memory-heavy" => Profile.Default.WithArgs("NodeResourcesFit", new NodeResourcesFitArgs
        {
            Resources = [new(ResourceNames.Cpu, 1), new(ResourceNames.Memory, 3)],
        }),
        _ => Profile.Default.WithWeight("PodTopologySpread", 0),
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Fused_and_plugin_scoring_place_every_pod_alike_with_the_same_scores_and_explanations(string kind)
    {
        var profile = ProfileOf(kind);
        Assert.NotNull(new ProfileFramework(profile).Fused);

        // 300 nodes, so kube-scheduler's sampling stops early and the round-robin start moves; nodes of four sizes,
        // three zones and some without a zone label, cordoned nodes the filters reject, full ones the rows reject.
        var nodes = Enumerable.Range(0, 300).Select(i =>
        {
            var node = NodeBuilder.Named($"n{i}").Capacity(2000 + (i % 4 * 1000), 4000 + (i % 5 * 1000), pods: 4 + (i % 7));
            node = i % 11 == 0 ? node : node.Zone($"z{i % 3}");
            return (NodeInfo)(i % 17 == 0 ? node.Cordoned() : node);
        }).ToArray();
        var fused = new Scheduler([profile], new Random(5));
        var plugins = new Scheduler([profile], new Random(5)) { FusedScoring = false };
        var (fusedSnapshot, pluginSnapshot) = (Snapshot.Of(nodes), Snapshot.Of(nodes));
        var (served, unschedulable) = (0, 0);
        for (var i = 0; i < 1200; i++)
        {
            var pod = Pod(i);
            var (a, b) = (fused.Schedule(pod, fusedSnapshot), plugins.Schedule(pod, pluginSnapshot));

            Assert.Equal(b.SelectedNode, a.SelectedNode);
            Assert.Equal(b.FitError?.Message, a.FitError?.Message);
            Assert.Equal((b.EvaluatedNodes, b.FeasibleNodes), (a.EvaluatedNodes, a.FeasibleNodes));
            Assert.Equal(b.Scores is null, a.Scores is null);
            if (a.Scores is { } scores && b.Scores is { } expected)
            {
                served += scores.IsFused ? 1 : 0;
                Assert.Equal(expected.Plugins.ToArray(), scores.Plugins.ToArray());
                Assert.Equal(expected.Weights.ToArray(), scores.Weights.ToArray());
                Assert.Equal(expected.Nodes.ToArray(), scores.Nodes.ToArray());
                foreach (var node in expected.Nodes)
                {
                    Assert.Equal(expected.Explain(node), scores.Explain(node));
                }
            }

            if (a.SelectedNode is { } selected)
            {
                (fusedSnapshot, pluginSnapshot) = (fusedSnapshot.WithPod(pod, selected), pluginSnapshot.WithPod(pod, selected));
            }
            else
            {
                unschedulable++;
            }
        }

        // Most cycles took the fused path (the rest: preferred affinity, or one feasible node), and the cluster filled up.
        Assert.InRange(served, 600, 1200);
        Assert.InRange(unschedulable, 1, 1199);
    }

    [Fact]
    public void Pods_and_clusters_the_rows_cannot_score_exactly_go_through_the_plugins()
    {
        var nodes = Enumerable.Range(0, 20).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}").Zone($"z{i % 2}")).ToArray();
        var untainted = Snapshot.Of(nodes);
        var tainted = Snapshot.Of([.. nodes, NodeBuilder.Named("spot").Taint("spot", "", TaintEffect.PreferNoSchedule)]);
        var scheduler = new Scheduler(new Random(1));
        var plain = PodBuilder.Named("plain").Requests(100, 100).OwnedBy("rs-1").Build();

        Assert.True(scheduler.Schedule(plain, untainted).Scores!.IsFused);
        Assert.False(scheduler.Schedule(plain, tainted).Scores!.IsFused);
        Assert.False(scheduler.Schedule(PodBuilder.Named("prefers").Prefers(5, new NodeSelectorRequirement("zone", NodeSelectorOperator.In, "z1")), untainted).Scores!.IsFused);
        Assert.False(scheduler.Schedule(PodBuilder.Named("spread").Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "a")), untainted).Scores!.IsFused);

        // The fused path keeps an owner's counts for 15 zones: a cluster that has named 16 sends spreading to the
        // plugins, while a pod that does not spread is still scored on the rows.
        Snapshot Zoned(int zones) => Snapshot.Of(Enumerable.Range(0, 32).Select(i => (NodeInfo)NodeBuilder.Named($"m{i}").Zone($"zone-{i % zones}")));
        Assert.True(scheduler.Schedule(plain, Zoned(15)).Scores!.IsFused);
        Assert.False(scheduler.Schedule(plain, Zoned(16)).Scores!.IsFused);
        Assert.True(scheduler.Schedule(PodBuilder.Named("unowned").Requests(100, 100), Zoned(16)).Scores!.IsFused);
    }

    [Fact]
    public void Profiles_with_a_plugin_or_argument_the_rows_do_not_reproduce_have_no_fused_scoring()
    {
        Assert.Null(new ProfileFramework(Profile.Default.WithArgs("NodeResourcesFit", new NodeResourcesFitArgs { Strategy = ScoringStrategyType.LeastAllocated })).Fused);
        Assert.Null(new ProfileFramework(Profile.Default.WithArgs("NodeResourcesFit", new NodeResourcesFitArgs
        {
            Resources = [new(ResourceNames.Cpu, 1), new(ResourceNames.Memory, 1), new(ResourceNames.EphemeralStorage, 1)],
        })).Fused);
        Assert.Null(new ProfileFramework(Profile.Default.WithArgs("PodTopologySpread", new PodTopologySpreadArgs
        {
            DefaultConstraints = [new(1, "rack", UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything)],
        })).Fused);
    }

    // Owned pods of nine owners (spreading scores them), unowned ones (it skips them), best-effort ones (scored with
    // the default requests) and a few with preferred node affinity (NodeAffinity scores them: the plugins' path).
    private static PodInfo Pod(int i)
    {
        var pod = PodBuilder.Named($"p{i}");
        pod = i % 19 == 0 ? pod : pod.Requests(100 + (i * 37 % 1500), 100 + (i * 53 % 3000));
        pod = i % 5 == 0 ? pod : pod.OwnedBy($"rs-{i % 9}");
        return i % 23 == 0 ? pod.Prefers(10, new NodeSelectorRequirement(WellKnownLabels.Zone, NodeSelectorOperator.In, "z1")) : pod;
    }
}
