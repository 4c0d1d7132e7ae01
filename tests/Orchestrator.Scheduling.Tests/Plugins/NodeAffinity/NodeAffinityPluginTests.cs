using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeAffinity;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.NodeAffinity;

public sealed class NodeAffinityPluginTests
{
    private static readonly NodeAffinityPlugin Plugin = new();

    // The node is labelled zone=a, disk=ssd, cores=8.
    private static NodeInfo Node() => NodeBuilder.Named("n1").Zone("a").Label("disk", "ssd").Label("cores", "8");

    private static NodeSelectorTerm Term(string key, NodeSelectorOperator op, params string[] values) => new(new NodeSelectorRequirement(key, op, values));

    public static TheoryData<string, PodInfo, bool> FilterCases => new()
    {
        { "no selector fits", PodBuilder.Named("p"), true },
        { "a matching nodeSelector fits", PodBuilder.Named("p").NodeSelector("disk", "ssd"), true },
        { "a nodeSelector with another value does not", PodBuilder.Named("p").NodeSelector("disk", "hdd"), false },
        { "In fits", PodBuilder.Named("p").Requires(Term(WellKnownLabels.Zone, NodeSelectorOperator.In, "a", "b")), true },
        { "NotIn a listed value does not", PodBuilder.Named("p").Requires(Term(WellKnownLabels.Zone, NodeSelectorOperator.NotIn, "a")), false },
        { "NotIn on a missing label fits", PodBuilder.Named("p").Requires(Term("gpu", NodeSelectorOperator.NotIn, "yes")), true },
        { "Exists fits", PodBuilder.Named("p").Requires(Term("disk", NodeSelectorOperator.Exists)), true },
        { "DoesNotExist on a present label does not", PodBuilder.Named("p").Requires(Term("disk", NodeSelectorOperator.DoesNotExist)), false },
        { "Gt compares as integers", PodBuilder.Named("p").Requires(Term("cores", NodeSelectorOperator.Gt, "4")), true },
        { "Lt compares as integers", PodBuilder.Named("p").Requires(Term("cores", NodeSelectorOperator.Lt, "4")), false },
        { "Gt on a non-number matches nothing", PodBuilder.Named("p").Requires(Term("disk", NodeSelectorOperator.Gt, "4")), false },
        { "terms are ORed", PodBuilder.Named("p").Requires(Term("disk", NodeSelectorOperator.In, "hdd"), Term("cores", NodeSelectorOperator.In, "8")), true },
        { "a term with no expressions matches nothing", PodBuilder.Named("p").Requires(new NodeSelectorTerm()), false },
        { "nodeSelector and affinity must both hold", PodBuilder.Named("p").NodeSelector("disk", "hdd").Requires(Term("cores", NodeSelectorOperator.In, "8")), false },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_applies_nodeSelector_and_required_terms(string name, PodInfo pod, bool fits)
    {
        var status = PluginHarness.Filter(Plugin, pod, Node())["n1"];

        Assert.True(fits == status.IsSuccess, name);
        if (!fits)
        {
            Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
            Assert.Equal(["node(s) didn't match Pod's node affinity/selector"], status.Reasons.ToArray());
        }
    }

    [Fact]
    public void Score_sums_the_weights_of_matching_preferences_then_scales_to_the_best()
    {
        var pod = PodBuilder.Named("p")
            .Prefers(2, new NodeSelectorRequirement(WellKnownLabels.Zone, NodeSelectorOperator.In, "a"))
            .Prefers(5, new NodeSelectorRequirement("disk", NodeSelectorOperator.In, "ssd"));
        NodeInfo zoneA = NodeBuilder.Named("zoneA").Zone("a");
        NodeInfo ssd = NodeBuilder.Named("ssd").Label("disk", "ssd");
        NodeInfo both = NodeBuilder.Named("both").Zone("a").Label("disk", "ssd");
        NodeInfo neither = NodeBuilder.Named("neither");

        var scores = PluginHarness.Score(Plugin, pod, zoneA, ssd, both, neither);

        // raw 2, 5, 7, 0; scaled 100*s/7: 28 (28.6), 71 (71.4), 100, 0
        Assert.Equal(new Dictionary<string, long> { ["zoneA"] = 28, ["ssd"] = 71, ["both"] = 100, ["neither"] = 0 }, scores);
    }

    [Fact]
    public void A_pod_without_preferences_scores_zero_everywhere()
    {
        var scores = PluginHarness.Score(Plugin, PodBuilder.Named("p"), Node());

        Assert.Equal(0, scores["n1"]);
    }
}
