using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class ScoreAllTests
{
    // A cluster where every score plugin has something to tell apart: loads, zones, replicas, PreferNoSchedule taints.
    private static readonly NodeInfo[] Cluster =
    [
        NodeBuilder.Named("a1").Zone("a").Label("disk", "ssd").Running(PodBuilder.Named("r1").OwnedBy("rs-1").Requests(1000, 2000)),
        NodeBuilder.Named("a2").Zone("a").Taint("spot", "true", TaintEffect.PreferNoSchedule).Running(PodBuilder.Named("w1").Label("app", "web").Requests(500, 100)),
        NodeBuilder.Named("b1").Zone("b").Label("disk", "ssd").Running(PodBuilder.Named("r2").OwnedBy("rs-1"), PodBuilder.Named("r3").OwnedBy("rs-1").Requests(2000, 10)),
        NodeBuilder.Named("b2").Zone("b").Taint("spot", "true", TaintEffect.PreferNoSchedule).Taint("old", "", TaintEffect.PreferNoSchedule),
        NodeBuilder.Named("c1").Zone("c").Capacity(8000, 30_000).Running(PodBuilder.Named("w2").Label("app", "web").Requests(3000, 9000)),
        NodeBuilder.Named("none").WithoutLabel(WellKnownLabels.Hostname),
    ];

    // An owned pod (default spreading), an explicit ScheduleAnyway constraint, a toleration with a preferred
    // node affinity, and a pod that requests nothing.
    public static TheoryData<string> Cases => ["owned", "explicit", "tolerating", "best-effort"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_plugin_scores_all_nodes_at_once_exactly_as_node_by_node(string kind)
    {
        var pod = kind switch
        {
            "owned" => PodBuilder.Named("p").OwnedBy("rs-1").Requests(500, 1000),
            "explicit" => PodBuilder.Named("p").Label("app", "web").Requests(250, 500)
                .Spread(1, WellKnownLabels.Zone, UnsatisfiableConstraintAction.ScheduleAnyway, ("app", "web")),
            "tolerating" => PodBuilder.Named("p").Requests(100, 100).Tolerates(new Toleration("spot"))
                .Prefers(5, new NodeSelectorRequirement("disk", NodeSelectorOperator.In, "ssd")),
            _ => PodBuilder.Named("p"),
        };

        var profiles = new[]
        {
            Profile.Default,
            Profile.Default.WithArgs(NodeResourcesFitPlugin.PluginName, new NodeResourcesFitArgs { Strategy = ScoringStrategyType.LeastAllocated }),
            Profile.Default.WithArgs(NodeResourcesFitPlugin.PluginName, new NodeResourcesFitArgs { Strategy = ScoringStrategyType.RequestedToCapacityRatio }),
        };
        foreach (var profile in profiles)
        {
            foreach (var registration in profile.EnabledPlugins)
            {
                if (registration.Factory(profile.PluginArgs.GetValueOrDefault(registration.Name)) is not IScorePlugin plugin)
                {
                    continue;
                }

                var state = new CycleState(Snapshot.Of(Cluster));
                if (plugin is IPreScorePlugin preScore && preScore.PreScore(state, pod, Cluster).Code == StatusCode.Skip)
                {
                    continue;
                }

                var all = new long[Cluster.Length];
                plugin.ScoreAll(state, pod, Cluster, all);

                Assert.Equal(Cluster.Select(n => plugin.Score(state, pod, n)), all);
            }
        }
    }
}
