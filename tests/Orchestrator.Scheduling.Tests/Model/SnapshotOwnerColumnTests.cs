using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

/// <summary>The snapshot's per-owner columns must always say what counting each node's own pods says.</summary>
public sealed class SnapshotOwnerColumnTests
{
    // Steps: "+pod@node" assumes an owned pod, "=node:pods" replaces the node with that many pods of rs-1 on it.
    [Theory]
    [InlineData("", "n0=1 n1=1")]
    [InlineData("+p@n2 +p@n2", "n0=1 n1=1 n2=2")]
    [InlineData("=n0:0", "n1=1")]
    [InlineData("=n1:3 +p@n1", "n0=1 n1=4")]
    [InlineData("=n0:0 =n1:0", "")]
    [InlineData("=n0:0 +p@n0", "n0=1 n1=1")]
    public void An_owners_pods_per_node_follow_assumed_pods_and_replaced_nodes(string steps, string expected)
    {
        var snapshot = Snapshot.Of(
        [
            NodeBuilder.Named("n0").Running(PodBuilder.Named("a").OwnedBy("rs-1"), PodBuilder.Named("x").OwnedBy("rs-2")),
            NodeBuilder.Named("n1").Running(PodBuilder.Named("b").OwnedBy("rs-1")),
            NodeBuilder.Named("n2"),
        ]);
        var made = 0;
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step[0] == '+')
            {
                snapshot = snapshot.WithPod(PodBuilder.Named($"new{made++}").OwnedBy("rs-1"), step.Split('@')[1]);
                continue;
            }

            var (node, pods) = (step[1..].Split(':')[0], int.Parse(step.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            snapshot = snapshot.WithNode(NodeBuilder.Named(node).Running(
                [.. Enumerable.Range(0, pods).Select(i => (PodInfo)PodBuilder.Named($"r{made++}").OwnedBy("rs-1").OnNode(node))]));
        }

        var column = snapshot.PodsOf("rs-1");
        Assert.Equal(expected, string.Join(' ', column.Nonzero().Select(p => $"{snapshot.Nodes[p.Index].Name}={p.Pods}")));
        for (var i = 0; i < snapshot.Nodes.Count; i++)
        {
            Assert.Equal(snapshot.Nodes[i].PodsOwnedBy("rs-1"), column[i]);
        }

        Assert.Equal(snapshot.Nodes[0].PodsOwnedBy("rs-2"), snapshot.PodsOf("rs-2")[0]);
        Assert.Equal(0, snapshot.PodsOf("rs-none").Pods);
    }
}
