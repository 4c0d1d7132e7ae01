namespace Orchestrator.Simulation.Tests;

public sealed class SpreadTests
{
    [Theory]
    [InlineData(5000, 10, 100)]
    [InlineData(3, 10, 3)]
    [InlineData(0, 10, 1)]
    [InlineData(5000, 60, 600)]
    public void Work_is_cut_into_at_most_one_slice_per_tenth_of_a_second(int count, int seconds, int slices)
    {
        Assert.Equal(slices, Spread.Slices(count, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Five_thousand_nodes_every_ten_seconds_are_fifty_calls_per_tick_each_node_once()
    {
        var nodes = Enumerable.Range(0, 5000).ToList();
        var slices = Spread.Slices(nodes.Count, TimeSpan.FromSeconds(10));

        var perSlice = Enumerable.Range(0, slices).Select(s => Spread.Slice(nodes, s, slices).ToList()).ToList();

        Assert.All(perSlice, slice => Assert.Equal(50, slice.Count));
        Assert.Equal(nodes, perSlice.SelectMany(s => s).Order());
    }
}
