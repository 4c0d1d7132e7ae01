using k8s.Models;
using Orchestrator.Controllers.NodeLifecycle;
using Orchestrator.Controllers.Tests.Testing;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

public sealed class TaintEvictionTests
{
    private static readonly V1Taint Unreachable = new() { Key = NodeTaints.UnreachableKey, Effect = "NoExecute" };
    private static readonly V1Taint NotReady = new() { Key = NodeTaints.NotReadyKey, Effect = "NoExecute" };
    private static readonly V1Taint Dedicated = new() { Key = "dedicated", Value = "gpu", Effect = "NoExecute" };
    private static readonly V1Taint NoSchedule = new() { Key = NodeTaints.UnreachableKey, Effect = "NoSchedule" };

    public static TheoryData<string, V1Toleration[], V1Taint[], int?> Cases => new()
    {
        // name, tolerations, taints, seconds the pod may stay (null: forever)
        { "no NoExecute taint: stays", [], [NoSchedule], null },
        { "not tolerated: goes now", [], [Unreachable], 0 },
        { "the default toleration: its seconds", [Tol(NodeTaints.UnreachableKey, 60)], [Unreachable], 60 },
        { "tolerated without seconds: forever", [Tol(NodeTaints.UnreachableKey, null)], [Unreachable], null },
        { "two taints, the shorter toleration wins", [Tol(NodeTaints.UnreachableKey, 60), Tol(NodeTaints.NotReadyKey, 30)], [Unreachable, NotReady], 30 },
        { "one of two taints not tolerated: goes now", [Tol(NodeTaints.UnreachableKey, 60)], [Unreachable, Dedicated], 0 },
        { "Exists with no key tolerates everything", [new V1Toleration { OperatorProperty = "Exists" }], [Unreachable, Dedicated], null },
        { "Equal needs the value", [new V1Toleration { Key = "dedicated", Value = "cpu", Effect = "NoExecute" }], [Dedicated], 0 },
        { "Equal with the value", [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu" }], [Dedicated], null },
        { "a NoSchedule toleration does not cover NoExecute", [new V1Toleration { Key = NodeTaints.UnreachableKey, OperatorProperty = "Exists", Effect = "NoSchedule" }], [Unreachable], 0 },
        { "negative seconds mean now", [Tol(NodeTaints.UnreachableKey, -5)], [Unreachable], 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pod_stays_on_a_tainted_node_as_long_as_its_tolerations_allow(string name, V1Toleration[] tolerations, V1Taint[] taints, int? seconds)
    {
        var delay = TaintEviction.Delay(tolerations, taints);

        Assert.True(seconds is null ? delay is null : delay == TimeSpan.FromSeconds(seconds.Value), $"{name}: got {delay}");
    }

    [Fact]
    public void The_toleration_clock_starts_at_the_taints_timeAdded_not_when_the_pod_is_looked_at()
    {
        var now = Objects.Now;
        var taints = new[] { Taint(NodeTaints.UnreachableKey, "NoExecute", now.AddSeconds(-3)), Taint(NodeTaints.UnreachableKey, "NoSchedule", null) };

        // A pod tolerating 5 s, looked at 3 s after the taint (a queue, a restart), is due 2 s from now.
        Assert.Equal(now.AddSeconds(-3), TaintEviction.TaintedSince(taints, now));
    }

    [Fact]
    public void The_newest_NoExecute_taint_restarts_the_clock_and_a_missing_or_future_timeAdded_means_now()
    {
        var now = Objects.Now;

        Assert.Equal(now.AddSeconds(-1), TaintEviction.TaintedSince([Taint("a", "NoExecute", now.AddSeconds(-9)), Taint("b", "NoExecute", now.AddSeconds(-1))], now));
        Assert.Equal(now, TaintEviction.TaintedSince([Taint("a", "NoExecute", null)], now));
        Assert.Equal(now, TaintEviction.TaintedSince([Taint("a", "NoExecute", now.AddSeconds(30))], now));
        Assert.Equal(now, TaintEviction.TaintedSince([], now));
    }

    private static V1Taint Taint(string key, string effect, DateTimeOffset? added) =>
        new() { Key = key, Effect = effect, TimeAdded = added?.UtcDateTime };

    private static V1Toleration Tol(string key, long? seconds) =>
        new() { Key = key, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = seconds };
}
