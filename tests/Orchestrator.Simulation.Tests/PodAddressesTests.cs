namespace Orchestrator.Simulation.Tests;

public sealed class PodAddressesTests
{
    [Theory]
    [InlineData(0, "172.16.0.1", "10.244.0.0/24")]
    [InlineData(1, "172.16.0.2", "10.244.1.0/24")]
    [InlineData(256, "172.16.1.1", "10.245.0.0/24")]
    [InlineData(3072, "172.16.12.1", "10.128.0.0/24")]
    public void A_node_gets_a_host_address_and_a_slash_24_of_its_own(int index, string hostIp, string cidr)
    {
        Assert.Equal(hostIp, PodAddresses.HostIp(index));
        Assert.Equal(cidr, PodAddresses.PodCidr(index));
    }

    [Fact]
    public void Every_node_up_to_the_maximum_gets_a_different_pod_network()
    {
        var cidrs = Enumerable.Range(0, SimulatedNodeOptions.MaxCount).Select(PodAddresses.PodCidr).ToHashSet();

        Assert.Equal(SimulatedNodeOptions.MaxCount, cidrs.Count);
        Assert.DoesNotContain(cidrs, c => c.StartsWith("10.96.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pod_gets_the_same_address_every_time_inside_its_node_network()
    {
        var first = PodAddresses.PodIp(3, "shop/web-1", new HashSet<string>());
        var again = PodAddresses.PodIp(3, "shop/web-1", new HashSet<string>());

        Assert.Equal(first, again);
        Assert.StartsWith("10.244.3.", first, StringComparison.Ordinal);
        var host = int.Parse(first.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(host, 2, 254);
    }

    [Fact]
    public void An_address_in_use_is_skipped_so_a_full_node_network_hands_out_each_address_once()
    {
        var inUse = new HashSet<string>();

        for (var i = 0; i < 253; i++)
        {
            Assert.True(inUse.Add(PodAddresses.PodIp(0, $"ns/pod-{i}", inUse)));
        }
        Assert.Equal(253, inUse.Count);
    }
}
