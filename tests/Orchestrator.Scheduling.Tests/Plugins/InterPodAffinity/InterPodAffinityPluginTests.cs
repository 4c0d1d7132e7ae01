using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.InterPodAffinity;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityPluginTests
{
    private const string Mine = "node(s) didn't match pod anti-affinity rules";
    private const string Theirs = "node(s) didn't satisfy existing pods anti-affinity rules";

    public static TheoryData<string, PodInfo, PodInfo[], string?> Cases => new()
    {
        { "no anti-affinity anywhere fits", PodBuilder.Named("p").Label("app", "web"), [PodBuilder.Named("e").Label("app", "web")], null },
        { "the pod avoids a node with a matching pod", PodBuilder.Named("p").Label("app", "web").AntiAffinity(("app", "web")), [PodBuilder.Named("e").Label("app", "web")], Mine },
        { "the pod ignores pods that do not match", PodBuilder.Named("p").AntiAffinity(("app", "web")), [PodBuilder.Named("e").Label("app", "db")], null },
        { "the pod ignores matching pods in other namespaces", PodBuilder.Named("p").AntiAffinity(("app", "web")), [PodBuilder.Named("e").Label("app", "web").InNamespace("other")], null },
        { "an existing pod's anti-affinity keeps the pod out", PodBuilder.Named("p").Label("app", "web"), [PodBuilder.Named("e").AntiAffinity(("app", "web"))], Theirs },
        { "an existing pod's anti-affinity for others lets it in", PodBuilder.Named("p").Label("app", "web"), [PodBuilder.Named("e").AntiAffinity(("app", "db"))], null },
        { "an empty node fits", PodBuilder.Named("p").AntiAffinity(("app", "web")), [], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Required_anti_affinity_on_hostname_works_both_ways(string name, PodInfo pod, PodInfo[] existing, string? reason)
    {
        NodeInfo node = NodeBuilder.Named("n1").Running(existing);

        var status = PluginHarness.Filter(new InterPodAffinityPlugin(), pod, node)["n1"];

        Assert.True((reason is null) == status.IsSuccess, name);
        Assert.Equal(reason is null ? [] : [reason], status.Reasons.ToArray());
    }
}
