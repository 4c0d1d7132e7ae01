using System.Text;
using Orchestrator.Grains.Scheduling;

namespace Orchestrator.Grains.Tests.Scheduling;

public sealed class ObjectFingerprintTests
{
    private const string Pending = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"7","name":"p","namespace":"default","uid":"u1","labels":{"app":"web"}},
        "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"300m"}}}],"schedulerName":"default-scheduler"},
        "status":{"phase":"Pending"}}
        """;

    private const string Node = """
        {"apiVersion":"v1","kind":"Node","metadata":{"resourceVersion":"3","name":"n1","labels":{"zone":"a"},"annotations":{"beat":"1"}},
        "spec":{"taints":[]},"status":{"allocatable":{"cpu":"4"},"capacity":{"cpu":"4"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-01-01T00:00:00Z"}]}}
        """;

    [Fact]
    public void A_binding_changes_only_what_the_pod_fingerprint_leaves_out()
    {
        var bound = Pending.Replace("\"resourceVersion\":\"7\"", "\"resourceVersion\":\"9\"", StringComparison.Ordinal)
            .Replace("\"schedulerName\":\"default-scheduler\"}", "\"schedulerName\":\"default-scheduler\",\"nodeName\":\"n1\"}", StringComparison.Ordinal)
            .Replace("{\"phase\":\"Pending\"}", "{\"phase\":\"Pending\",\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"True\"}],\"nominatedNodeName\":\"n2\"}", StringComparison.Ordinal);

        Assert.Equal(ObjectFingerprint.OfPod(Bytes(Pending)), ObjectFingerprint.OfPod(Bytes(bound)));
    }

    [Theory]
    [InlineData("\"app\":\"web\"", "\"app\":\"db\"")]
    [InlineData("\"cpu\":\"300m\"", "\"cpu\":\"400m\"")]
    [InlineData("\"uid\":\"u1\"", "\"uid\":\"u1\",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"schedulerName\":\"default-scheduler\"", "\"schedulerName\":\"default-scheduler\",\"tolerations\":[{\"operator\":\"Exists\"}]")]
    public void Any_change_the_scheduler_translates_changes_the_pod_fingerprint(string from, string to) =>
        Assert.NotEqual(ObjectFingerprint.OfPod(Bytes(Pending)), ObjectFingerprint.OfPod(Bytes(Pending.Replace(from, to, StringComparison.Ordinal))));

    [Fact]
    public void A_node_heartbeat_leaves_the_node_fingerprint_alone()
    {
        var beat = Node.Replace("\"resourceVersion\":\"3\"", "\"resourceVersion\":\"4\"", StringComparison.Ordinal)
            .Replace("\"beat\":\"1\"", "\"beat\":\"2\"", StringComparison.Ordinal)
            .Replace("00:00:00Z", "00:00:10Z", StringComparison.Ordinal);

        Assert.Equal(ObjectFingerprint.OfNode(Bytes(Node)), ObjectFingerprint.OfNode(Bytes(beat)));
    }

    [Theory]
    [InlineData("\"zone\":\"a\"", "\"zone\":\"b\"")]
    [InlineData("\"taints\":[]", "\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]")]
    [InlineData("\"taints\":[]", "\"taints\":[],\"unschedulable\":true")]
    [InlineData("\"allocatable\":{\"cpu\":\"4\"}", "\"allocatable\":{\"cpu\":\"3\"}")]
    public void A_change_to_labels_taints_cordon_or_allocatable_changes_the_node_fingerprint(string from, string to) =>
        Assert.NotEqual(ObjectFingerprint.OfNode(Bytes(Node)), ObjectFingerprint.OfNode(Bytes(Node.Replace(from, to, StringComparison.Ordinal))));

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
