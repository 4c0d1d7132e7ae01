using Orchestrator.Scheduling.Plugins.PodTopologySpread;

namespace Orchestrator.Scheduling.Tests.Plugins.PodTopologySpread;

public sealed class DomainTableTests
{
    // Below and above the size where the table switches from a flat search to a hash index.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(200)]
    public void Domains_are_added_once_and_keep_their_own_counts(int domains)
    {
        var table = new DomainTable();
        for (var i = 0; i < domains; i++)
        {
            Assert.True(table.TryAdd($"zone-{i}"));
            Assert.False(table.TryAdd($"zone-{i}"));
        }

        for (var i = 0; i < domains; i++)
        {
            table.AddPods($"zone-{i}", i);
            table.AddPods($"zone-{i}", 1);
        }

        Assert.Equal(domains, table.Count);
        Assert.All(Enumerable.Range(0, domains), i => Assert.Equal(i + 1, table.PodsIn($"zone-{i}")));
    }

    [Fact]
    public void A_domain_is_found_by_value_when_the_string_is_another_instance()
    {
        var table = new DomainTable();
        table.TryAdd(new string("zone-a".AsSpan()));

        table.AddPods(new string("zone-a".AsSpan()), 2);

        Assert.False(table.TryAdd("zone-a"));
        Assert.Equal(2, table.PodsIn(new string("zone-a".AsSpan())));
    }

    [Fact]
    public void Pods_in_a_domain_no_node_defined_are_not_counted()
    {
        var table = new DomainTable();
        table.TryAdd("zone-a");

        table.AddPods("zone-b", 5);

        Assert.False(table.Contains("zone-b"));
        Assert.Equal(0, table.PodsIn("zone-b"));
        Assert.Equal(1, table.Count);
    }
}
