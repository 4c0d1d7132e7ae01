using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.TaintToleration;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.TaintToleration;

public sealed class TaintTolerationPluginTests
{
    private static readonly TaintTolerationPlugin Plugin = new();

    public static TheoryData<string, TaintEffect, Toleration?, string?> FilterCases => new()
    {
        { "an untolerated NoSchedule taint rejects", TaintEffect.NoSchedule, null, "node(s) had untolerated taint {dedicated: gpu}" },
        { "an untolerated NoExecute taint rejects", TaintEffect.NoExecute, null, "node(s) had untolerated taint {dedicated: gpu}" },
        { "PreferNoSchedule never rejects", TaintEffect.PreferNoSchedule, null, null },
        { "an Equal toleration with the value admits", TaintEffect.NoSchedule, new("dedicated", TolerationOperator.Equal, "gpu"), null },
        { "an Equal toleration with another value does not", TaintEffect.NoSchedule, new("dedicated", TolerationOperator.Equal, "db"), "node(s) had untolerated taint {dedicated: gpu}" },
        { "Exists on the key admits any value", TaintEffect.NoSchedule, new("dedicated", TolerationOperator.Exists), null },
        { "a toleration for another effect does not admit", TaintEffect.NoSchedule, new("dedicated", TolerationOperator.Exists, "", TaintEffect.NoExecute), "node(s) had untolerated taint {dedicated: gpu}" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_rejects_untolerated_NoSchedule_and_NoExecute_taints(string name, TaintEffect effect, Toleration? toleration, string? reason)
    {
        var pod = PodBuilder.Named("p");
        if (toleration is not null)
        {
            pod.Tolerates(toleration);
        }

        var status = Plugin.Filter(null!, pod, NodeBuilder.Named("n1").Taint("dedicated", "gpu", effect));

        Assert.True((reason is null ? StatusCode.Success : StatusCode.UnschedulableAndUnresolvable) == status.Code, name);
        Assert.Equal(reason is null ? [] : [reason], status.Reasons.ToArray());
    }

    [Fact]
    public void Score_prefers_nodes_with_fewer_untolerated_PreferNoSchedule_taints()
    {
        var pod = PodBuilder.Named("p").Tolerates(new("tolerated", TolerationOperator.Exists, "", TaintEffect.PreferNoSchedule));
        NodeInfo clean = NodeBuilder.Named("clean");
        NodeInfo one = NodeBuilder.Named("one").Taint("a", "", TaintEffect.PreferNoSchedule);
        NodeInfo two = NodeBuilder.Named("two").Taint("a", "", TaintEffect.PreferNoSchedule).Taint("b", "", TaintEffect.PreferNoSchedule);
        NodeInfo tolerated = NodeBuilder.Named("tolerated").Taint("tolerated", "", TaintEffect.PreferNoSchedule).Taint("c", "", TaintEffect.NoSchedule);

        var scores = PluginHarness.Score(Plugin, pod, clean, one, two, tolerated);

        // raw counts 0, 1, 2, 0 (NoSchedule is Filter's business); reversed against the max 2:
        // 100 - 100*0/2 = 100, 100 - 100*1/2 = 50, 100 - 100*2/2 = 0, 100
        Assert.Equal(new Dictionary<string, long> { ["clean"] = 100, ["one"] = 50, ["two"] = 0, ["tolerated"] = 100 }, scores);
    }
}
