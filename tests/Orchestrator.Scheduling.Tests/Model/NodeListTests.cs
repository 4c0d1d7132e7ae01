using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class NodeListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void A_list_keeps_the_order_it_was_given_across_chunk_boundaries(int count)
    {
        var list = NodeList.Of(Enumerable.Range(0, count).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}")));

        Assert.Equal(count, list.Count);
        Assert.Equal(count == 0, list.IsEmpty);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"n{i}"), list.Select(n => n.Name));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"n{i}"), Enumerable.Range(0, count).Select(i => list[i].Name));
    }

    [Fact]
    public void Zone_ids_number_each_zone_once_and_lists_made_by_SetItem_keep_the_numbering()
    {
        // An equal label from another string instance is the same zone.
        var list = NodeList.Of([
            NodeBuilder.Named("n0").Zone("zone-a"), NodeBuilder.Named("n1").Zone("zone-b"), NodeBuilder.Named("n2"),
            NodeBuilder.Named("n3").Zone(new string("zone-a".AsSpan()))]);

        Assert.Equal(["zone-a", "zone-b"], list.ZoneNames);
        Assert.Equal([1, 2, 0, 1], Enumerable.Range(0, 4).Select(i => (int)list.ZoneIdAt(i)));

        // n2 gains a zone no node had: a new id, appended; the old list keeps its numbering.
        var moved = list.SetItem(2, NodeBuilder.Named("n2").Zone("zone-c"));
        Assert.Equal(["zone-a", "zone-b", "zone-c"], moved.ZoneNames);
        Assert.Equal([1, 2, 3, 1], Enumerable.Range(0, 4).Select(i => (int)moved.ZoneIdAt(i)));
        Assert.Equal([1, 2, 0, 1], Enumerable.Range(0, 4).Select(i => (int)list.ZoneIdAt(i)));
        Assert.Equal(2, list.ZoneNames.Length);

        // n0 moves to a zone already numbered, and a pod lands on n1: no new id, the same table.
        var again = moved.SetItem(0, NodeBuilder.Named("n0").Zone("zone-b")).SetItem(1, moved[1].WithPod(PodBuilder.Named("p")));
        Assert.Same(moved.ZoneNames, again.ZoneNames);
        Assert.Equal([2, 2, 3, 1], Enumerable.Range(0, 4).Select(i => (int)again.ZoneIdAt(i)));
        Assert.Equal(3, again.ZoneCount);
    }

    [Fact]
    public void Replacing_a_node_shares_the_other_chunks_and_leaves_the_old_list_alone()
    {
        var before = NodeList.Of(Enumerable.Range(0, 130).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}")));

        // Index 100 sits in the block 96..111 of the first chunk (0..127); the other blocks and the second chunk are shared.
        var after = before.SetItem(100, NodeBuilder.Named("n100").Capacity(1000, 1000));

        Assert.Equal(4000, before[100].Allocatable.MilliCpu);
        Assert.Equal(1000, after[100].Allocatable.MilliCpu);
        Assert.Same(before[0], after[0]);
        Assert.Same(before[129], after[129]);
        Assert.Same(before[101], after[101]);
        Assert.Equal(130, after.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_index_outside_the_list_is_refused(int index)
    {
        var list = NodeList.Of([NodeBuilder.Named("a"), NodeBuilder.Named("b"), NodeBuilder.Named("c")]);

        Assert.Throws<ArgumentOutOfRangeException>(() => list[index]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.SetItem(index, NodeBuilder.Named("x")));
    }

    [Fact]
    public void Nodes_rows_and_zones_stay_in_step_across_block_and_chunk_boundaries_as_nodes_are_replaced()
    {
        // 300 nodes: two full 128-node chunks, then one of 44 whose last 16-node block holds 12.
        var nodes = Enumerable.Range(0, 300).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}").Capacity(1000 + i, 1000).Zone($"z{i % 3}")).ToArray();
        var lists = new List<NodeList> { NodeList.Of(nodes) };
        foreach (var i in new[] { 0, 15, 16, 127, 128, 255, 256, 287, 288, 299 })
        {
            nodes[i] = NodeBuilder.Named($"n{i}").Capacity(1000 + i, 1000).Zone($"z{i % 3}").Running(PodBuilder.Named($"p{i}").Requests(100, 10));
            lists.Add(lists[^1].SetItem(i, nodes[i]));
        }

        var list = lists[^1];
        var rows = list.Read();
        Assert.Equal(nodes.Select(n => n.Name), list.Select(n => n.Name));
        for (var i = 0; i < nodes.Length; i++)
        {
            Assert.Same(nodes[i], list[i]);
            Assert.Equal(NodeRow.Of(nodes[i]), list.RowAt(i));
            Assert.Equal(NodeRow.Of(nodes[i]), rows.Row(i));
            Assert.Equal(nodes[i].Zone, list.ZoneAt(i));
        }

        // The first list never saw a pod: every replacement copied its block.
        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal(1000 + i, lists[0].RowAt(i).FreeMilliCpu));
    }

    [Fact]
    public void Each_row_is_its_nodes_projection_and_replacing_a_node_replaces_only_its_row()
    {
        var before = NodeList.Of(Enumerable.Range(0, 130).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}").Capacity(1000 + i, 1000)));

        var after = before.SetItem(70, NodeBuilder.Named("n70").Capacity(9000, 1000).Running(PodBuilder.Named("p").Requests(500, 10)));

        for (var i = 0; i < 130; i++)
        {
            Assert.Equal(1000 + i, before.RowAt(i).FreeMilliCpu);
            Assert.Equal(i == 70 ? 8500 : 1000 + i, after.RowAt(i).FreeMilliCpu);
            Assert.Equal(i == 70 ? 109 : 110, after.RowAt(i).FreePods);
        }
    }

    [Fact]
    public void Each_nodes_zone_is_kept_beside_it_and_the_list_counts_its_distinct_zones()
    {
        var before = NodeList.Of(Enumerable.Range(0, 130).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}").Zone($"zone-{i % 3}")));

        var assumed = before.SetItem(70, before[70].WithPod(PodBuilder.Named("p")));
        var moved = before.SetItem(71, NodeBuilder.Named("n71").Zone("zone-new"));
        var unlabelled = NodeList.Of([NodeBuilder.Named("a"), NodeBuilder.Named("b").Zone("zone-a")]);

        for (var i = 0; i < 130; i++)
        {
            Assert.Equal($"zone-{i % 3}", before.ZoneAt(i));
            Assert.Equal($"zone-{i % 3}", assumed.ZoneAt(i));
            Assert.Equal(i == 71 ? "zone-new" : $"zone-{i % 3}", moved.ZoneAt(i));
        }

        Assert.Equal((3, 3, 4), (before.ZoneCount, assumed.ZoneCount, moved.ZoneCount));
        Assert.Null(unlabelled.ZoneAt(0));
        Assert.Equal(1, unlabelled.ZoneCount);
        Assert.Equal(0, NodeList.Empty.ZoneCount);
    }

    // Steps replace node i with a tainted ("t3") or untainted ("u3") node, or assume a pod onto it ("p3").
    [Theory]
    [InlineData("", 2)]
    [InlineData("p0", 2)]
    [InlineData("t5", 3)]
    [InlineData("t5 t5", 3)]
    [InlineData("u0", 1)]
    [InlineData("u0 u70", 0)]
    [InlineData("u0 u70 t100 p100", 1)]
    public void The_list_counts_its_tainted_nodes_as_nodes_are_replaced(string steps, int expected)
    {
        static NodeInfo Node(int i, bool tainted) =>
            tainted ? NodeBuilder.Named($"n{i}").Taint("k", "v", TaintEffect.PreferNoSchedule) : NodeBuilder.Named($"n{i}");

        var list = NodeList.Of(Enumerable.Range(0, 130).Select(i => Node(i, i is 0 or 70)));
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = int.Parse(step[1..], System.Globalization.CultureInfo.InvariantCulture);
            list = list.SetItem(i, step[0] == 'p' ? list[i].WithPod(PodBuilder.Named($"p{i}")) : Node(i, step[0] == 't'));
        }

        Assert.Equal(expected, list.TaintedCount);
        Assert.Equal(Enumerable.Range(0, 130).Count(i => !list[i].Taints.IsDefaultOrEmpty), list.TaintedCount);
    }
}
