using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class OwnerColumnTests
{
    // Each step is "index:delta"; expected lists the nonzero nodes afterwards as index=pods, in index order.
    [Theory]
    [InlineData("0:1", "0=1", 1)]
    [InlineData("5:1 5:1 70:1", "5=2 70=1", 3)]
    [InlineData("63:1 64:1", "63=1 64=1", 2)]
    [InlineData("200:2 3:1 200:-1", "3=1 200=1", 2)]
    [InlineData("9:1 9:-1", "", 0)]
    [InlineData("9:0", "", 0)]
    [InlineData("4999:1 0:1", "0=1 4999=1", 2)]
    public void Adding_and_removing_pods_keeps_each_nodes_count(string steps, string expected, int pods)
    {
        var column = OwnerColumn.Empty;
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = step.Split(':');
            column = column.Add(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(expected, string.Join(' ', column.Nonzero().Select(p => $"{p.Index}={p.Pods}")));
        Assert.Equal(pods, column.Pods);
        foreach (var (index, count) in column.Nonzero())
        {
            Assert.Equal(count, column[index]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void A_node_the_owner_never_reached_holds_none_of_its_pods(int index)
    {
        var column = OwnerColumn.Empty.Add(65, 1);

        Assert.Equal(index == 65 ? 1 : 0, column[index]);
        Assert.Equal(0, OwnerColumn.Empty[index]);
    }

    [Fact]
    public void Adding_leaves_the_original_column_alone_and_shares_nothing_it_changes()
    {
        var before = OwnerColumn.Empty.Add(1, 1).Add(130, 1);

        var after = before.Add(1, 1).Add(2, 1);

        Assert.Equal((1, 0, 1, 2), (before[1], before[2], before[130], before.Pods));
        Assert.Equal((2, 1, 1, 4), (after[1], after[2], after[130], after.Pods));
    }

    [Fact]
    public void Building_from_pod_indexes_counts_a_node_once_per_pod_on_it()
    {
        var column = OwnerColumn.Of([7, 300, 7, 0]);

        Assert.Equal("0=1 7=2 300=1", string.Join(' ', column.Nonzero().Select(p => $"{p.Index}={p.Pods}")));
        Assert.Equal(4, column.Pods);
        Assert.Same(OwnerColumn.Empty, OwnerColumn.Of([]));
    }

    [Fact]
    public void Removing_a_pod_the_node_does_not_hold_is_refused_rather_than_going_negative()
    {
        var column = OwnerColumn.Empty.Add(3, 1);

        Assert.Throws<InvalidOperationException>(() => column.Add(3, -2));
        Assert.Throws<InvalidOperationException>(() => column.Add(4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.Add(-1, 1));
    }
}
