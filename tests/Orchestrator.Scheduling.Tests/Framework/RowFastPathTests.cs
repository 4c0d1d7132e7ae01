using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Plugins.NodeUnschedulable;
using Orchestrator.Scheduling.Plugins.TaintToleration;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

/// <summary>The node-row fast path must agree with the plugins it stands in for, node by node and decision by decision.</summary>
public sealed class RowFastPathTests
{
    // Nodes of every kind the fast path treats differently: free, nearly full, full by pod count, cordoned, tainted
    // (NoSchedule and PreferNoSchedule), smaller than some pods, overcommitted.
    private static readonly NodeInfo[] Cluster =
    [
        NodeBuilder.Named("free"),
        NodeBuilder.Named("half").Running(PodBuilder.Named("h1").Requests(2000, 5000)),
        NodeBuilder.Named("cpu-full").Running(PodBuilder.Named("c1").Requests(3900, 100)),
        NodeBuilder.Named("memory-full").Running(PodBuilder.Named("m1").Requests(100, 9900)),
        NodeBuilder.Named("pods-full").Capacity(4000, 10_000, pods: 1).Running(PodBuilder.Named("p1")),
        NodeBuilder.Named("small").Capacity(500, 500),
        NodeBuilder.Named("cordoned").Cordoned(),
        NodeBuilder.Named("cordoned-full").Cordoned().Running(PodBuilder.Named("cf").Requests(4000, 100)),
        NodeBuilder.Named("gpu").Taint("gpu", "true", TaintEffect.NoSchedule),
        NodeBuilder.Named("spot").Taint("spot", "", TaintEffect.PreferNoSchedule).Running(PodBuilder.Named("s1").Requests(1000, 1000)),
        NodeBuilder.Named("over").Capacity(1000, 1000, pods: 2).Running(PodBuilder.Named("o1").Requests(1500, 2000), PodBuilder.Named("o2")),
    ];

    public static TheoryData<string> Pods =>
        ["plain", "best-effort", "big", "bigger-than-small", "tolerates-cordon", "tolerates-gpu", "ephemeral", "extended", "named-node"];

    private static PodInfo Pod(string kind) => kind switch
    {
        "plain" => PodBuilder.Named("p").Requests(500, 1000),
        "best-effort" => PodBuilder.Named("p"),
        "big" => PodBuilder.Named("p").Requests(3000, 8000),
        "bigger-than-small" => PodBuilder.Named("p").Requests(600, 600),
        "tolerates-cordon" => PodBuilder.Named("p").Requests(200, 200)
            .Tolerates(new Toleration(WellKnownLabels.UnschedulableTaint, TolerationOperator.Exists, Effect: TaintEffect.NoSchedule)),
        "tolerates-gpu" => PodBuilder.Named("p").Requests(200, 200).Tolerates(new Toleration("gpu", TolerationOperator.Exists)),
        "ephemeral" => PodBuilder.Named("p").Build() with { Requests = new Resources { MilliCpu = 200, EphemeralStorage = 1 } },
        "extended" => PodBuilder.Named("p").Requests(200, 200).Extended("example.com/gpu", 1),
        _ => PodBuilder.Named("p").Requests(200, 200).OnNode("half"),
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void A_row_that_passes_the_precheck_passes_every_filter_and_a_row_rejection_is_the_filters_own(string kind)
    {
        var pod = Pod(kind);
        var snapshot = Snapshot.Of(Cluster);
        var (framework, state, active) = Cycle(pod, snapshot);
        if (!ProfileFramework.TryPrecheck(pod, active, out var precheck))
        {
            // Only what a row cannot express leaves the fast path.
            Assert.Contains(kind, new[] { "extended", "named-node" });
            return;
        }

        for (var i = 0; i < Cluster.Length; i++)
        {
            var expected = framework.RunFilters(state, pod, Cluster[i], active);
            ref readonly var row = ref snapshot.Nodes.RowAt(i);
            if (precheck.Passes(in row))
            {
                Assert.True(expected.IsSuccess, $"{Cluster[i].Name}: the precheck passed a node the filters reject ({expected})");
            }
            else if (precheck.RejectionOf(pod, in row) is { } rejection)
            {
                Assert.Equal((expected.Code, expected.Plugin, expected.Message), (rejection.Code, rejection.Plugin, rejection.Message));
            }
        }
    }

    [Fact]
    public void The_row_rejects_full_nodes_itself_but_sends_cordoned_and_tainted_ones_to_the_filters()
    {
        var pod = Pod("big");
        var snapshot = Snapshot.Of(Cluster);
        Assert.True(ProfileFramework.TryPrecheck(pod, Cycle(pod, snapshot).Active, out var precheck));

        string[] Where(Func<NodeRow, bool> test) =>
            [.. Enumerable.Range(0, Cluster.Length).Where(i => test(snapshot.Nodes.RowAt(i))).Select(i => Cluster[i].Name)];

        // 3000m and 8000Mi fit the free node and the spot node (3000m, 9000Mi free; PreferNoSchedule does not filter).
        Assert.Equal(["free", "spot"], Where(row => precheck.Passes(in row)));
        Assert.Equal(
            ["half", "cpu-full", "memory-full", "pods-full", "small", "over"],
            Where(row => !precheck.Passes(in row) && precheck.RejectionOf(pod, in row) is not null));
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void Scoring_from_rows_gives_the_scores_scoring_from_nodes_gives(string kind)
    {
        var pod = Pod(kind);
        var snapshot = Snapshot.Of(Cluster);
        var indexes = Enumerable.Range(0, Cluster.Length).ToArray();
        IScorePlugin[] plugins =
        [
            new TaintTolerationPlugin(),
            new NodeResourcesFitPlugin(NodeResourcesFitArgs.Default),
            new NodeResourcesFitPlugin(new NodeResourcesFitArgs { Strategy = ScoringStrategyType.LeastAllocated }),
            new NodeResourcesFitPlugin(new NodeResourcesFitArgs { Strategy = ScoringStrategyType.RequestedToCapacityRatio }),
        ];
        foreach (var plugin in plugins)
        {
            var state = new CycleState(snapshot);
            (plugin as IPreScorePlugin)?.PreScore(state, pod, Cluster);
            var fromNodes = new long[Cluster.Length];
            var fromRows = new long[Cluster.Length];
            plugin.ScoreAll(state, pod, Cluster, fromNodes);

            Assert.True(((IRowScorePlugin)plugin).TryScoreRows(state, pod, snapshot.Nodes, indexes, fromRows));
            Assert.Equal(fromNodes, fromRows);
        }
    }

    [Fact]
    public void Decisions_and_unschedulable_messages_are_the_same_with_and_without_the_fast_path()
    {
        // NodeUnschedulable behind a wrapper that is no IRowFilter turns the filter fast path off for the whole profile.
        var slow = Profile.Default with
        {
            Registry = PluginRegistry.Default.With(new PluginRegistration(NodeUnschedulablePlugin.PluginName, _ => new PlainFilter(new NodeUnschedulablePlugin()))),
        };
        var nodes = Enumerable.Range(0, 150).Select(i =>
        {
            var node = NodeBuilder.Named($"n{i}").Zone($"z{i % 3}").Capacity(2000 + (i % 4 * 1000), 4000 + (i % 5 * 1000), pods: 4 + (i % 7));
            return (NodeInfo)(i % 17 == 0 ? node.Cordoned() : i % 13 == 0 ? node.Taint("gpu", "", TaintEffect.NoSchedule) : node);
        });
        var fast = new Scheduler(new Random(11));
        var plain = new Scheduler([slow], new Random(11));
        var (fastSnapshot, plainSnapshot) = (Snapshot.Of(nodes), Snapshot.Of(nodes));
        var unschedulable = 0;
        for (var i = 0; i < 1200; i++)
        {
            var pod = PodBuilder.Named($"p{i}").Requests(100 + (i * 37 % 1500), 100 + (i * 53 % 3000)).OwnedBy($"rs-{i % 7}").Build();
            var (a, b) = (fast.Schedule(pod, fastSnapshot), plain.Schedule(pod, plainSnapshot));

            Assert.Equal(b.SelectedNode, a.SelectedNode);
            Assert.Equal(b.FitError?.Message, a.FitError?.Message);
            Assert.Equal((b.EvaluatedNodes, b.FeasibleNodes), (a.EvaluatedNodes, a.FeasibleNodes));
            if (a.SelectedNode is { } node)
            {
                Assert.Equal(b.Scores?.Explain(node), a.Scores?.Explain(node));
                (fastSnapshot, plainSnapshot) = (fastSnapshot.WithPod(pod, node), plainSnapshot.WithPod(pod, node));
            }
            else
            {
                unschedulable++;
            }
        }

        // The cluster fills up, so the comparison covers "0/150 nodes are available: ..." messages too.
        Assert.InRange(unschedulable, 1, 1199);
    }

    // The default profile's filters after PreFilter, as the scheduler finds them at the start of a cycle.
    private static (ProfileFramework Framework, CycleState State, IFilterPlugin[] Active) Cycle(PodInfo pod, Snapshot snapshot)
    {
        var framework = new ProfileFramework(Profile.Default);
        var state = new CycleState(snapshot);
        foreach (var plugin in framework.PreFilter)
        {
            if (plugin.PreFilter(state, pod).Code == StatusCode.Skip)
            {
                state.SkipFilter(plugin.Name);
            }
        }

        return (framework, state, framework.ActiveFilters(state));
    }

    private sealed class PlainFilter(IFilterPlugin inner) : IFilterPlugin
    {
        public string Name => inner.Name;

        public Status Filter(CycleState state, PodInfo pod, NodeInfo node) => inner.Filter(state, pod, node);
    }
}
