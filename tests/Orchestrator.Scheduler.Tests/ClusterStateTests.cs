using System.Text;
using Orchestrator.Grains.Objects;
using Orchestrator.Scheduling.Queue;
using Orchestrator.Storage;

namespace Orchestrator.Scheduler.Tests;

public sealed class ClusterStateTests
{
    private const string PendingPod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"REV","name":"p","namespace":"default","uid":"u1","labels":{"app":"web"}},
        "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"300m","memory":"64Mi"}}}]NODE},"status":{"phase":"Pending"STATUS}}
        """;

    private const string Node = """
        {"apiVersion":"v1","kind":"Node","metadata":{"resourceVersion":"REV","name":"n1","labels":{"zone":"ZONE"}},
        "spec":{},"status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"BEAT"}]}}
        """;

    [Fact]
    public void A_binding_of_a_pending_pod_puts_the_pod_as_translated_onto_its_node()
    {
        var state = new ClusterState(_ => true);
        state.ApplyNode(Change("/nodes", "", "n1", 1, NodeJson(1, "a", "00")));
        var pending = state.ApplyPod(Change("/pods", "default", "p", 2, PodJson(2, "", "")));

        var bound = state.ApplyPod(Change("/pods", "default", "p", 3, PodJson(3, ",\"nodeName\":\"n1\"", ",\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"True\"}]")));

        Assert.NotNull(pending.Pending);
        Assert.Null(bound.Pending);
        Assert.Equal(ClusterEvent.AssignedPodAdded, bound.Event);
        var tracked = state.Find("default/p")!;
        Assert.Equal("n1", tracked.Pod.NodeName);
        Assert.Equal(300, tracked.Pod.Requests.MilliCpu);
        Assert.Equal("web", tracked.Pod.Labels["app"]);
        var node = state.Snapshot.Get("n1")!;
        Assert.Equal(300, node.Requested.MilliCpu);
    }

    [Fact]
    public void A_nomination_written_to_a_pending_pod_is_read_from_the_summary()
    {
        var state = new ClusterState(_ => true);
        state.ApplyPod(Change("/pods", "default", "p", 2, PodJson(2, "", "")));

        state.ApplyPod(Change("/pods", "default", "p", 3, PodJson(3, "", ",\"nominatedNodeName\":\"n1\"")));

        Assert.Equal("n1", state.Find("default/p")!.Pod.NominatedNodeName);
    }

    [Fact]
    public void A_label_change_on_a_pending_pod_is_translated_again()
    {
        var state = new ClusterState(_ => true);
        state.ApplyPod(Change("/pods", "default", "p", 2, PodJson(2, "", "")));

        state.ApplyPod(Change("/pods", "default", "p", 3, PodJson(3, "", "").Replace("\"app\":\"web\"", "\"app\":\"db\"", StringComparison.Ordinal)));

        Assert.Equal("db", state.Find("default/p")!.Pod.Labels["app"]);
    }

    [Fact]
    public void A_node_heartbeat_is_no_cluster_event_and_a_label_change_still_is()
    {
        var state = new ClusterState(_ => true);
        Assert.Equal(ClusterEvent.NodeAdded, state.ApplyNode(Change("/nodes", "", "n1", 1, NodeJson(1, "a", "00"))));

        var beat = state.ApplyNode(Change("/nodes", "", "n1", 2, NodeJson(2, "a", "10")));
        var relabel = state.ApplyNode(Change("/nodes", "", "n1", 3, NodeJson(3, "b", "20")));

        Assert.Equal(ClusterEvent.None, beat);
        Assert.Equal(ClusterEvent.NodeLabelsChanged, relabel);
        Assert.Equal("b", state.Snapshot.Get("n1")!.Labels["zone"]);
    }

    private static string PodJson(long revision, string node, string status) =>
        PendingPod.Replace("REV", $"{revision}", StringComparison.Ordinal).Replace("NODE", node, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal);

    private static string NodeJson(long revision, string zone, string beat) =>
        Node.Replace("REV", $"{revision}", StringComparison.Ordinal).Replace("ZONE", zone, StringComparison.Ordinal)
            .Replace("BEAT", $"2026-01-01T00:00:{beat}Z", StringComparison.Ordinal);

    private static ChangeEvent Change(string resource, string ns, string name, long revision, string json)
    {
        var key = new ObjectKey(resource, ns, name);
        var bytes = Encoding.UTF8.GetBytes(json);
        return new ChangeEvent(WatchEventType.Modified, revision, new StoredObject(key, revision, bytes, ObjectSummarizer.Summarize(key, bytes)), null);
    }
}
