using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class HostSelectionTests
{
    [Fact]
    public void The_one_highest_total_wins_without_a_draw()
    {
        Assert.Equal(1, HostSelection.Select([5, 9, 3, 8], new Draws()));
        Assert.Equal(0, HostSelection.Select([4], new Draws()));
    }

    // Totals 2 7 1 7 7 3: nodes 1, 3 and 4 tie for the highest, and one draw below 3 names the draw-th of them in order.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public void One_draw_over_the_tie_count_names_the_tied_node_counted_in_order(int draw, int expected)
    {
        var random = new Draws(draw);

        Assert.Equal(expected, HostSelection.Select([2, 7, 1, 7, 7, 3], random));
        Assert.Equal([3], random.Bounds);
    }

    [Fact]
    public void Every_tied_node_is_as_likely_and_no_other_is_picked()
    {
        long[] totals = [10, 40, 20, 40, 40, 0, 40, 30, 39, 1];
        var random = new Random(1);
        var picks = new int[totals.Length];
        for (var i = 0; i < 40_000; i++)
        {
            picks[HostSelection.Select(totals, random)]++;
        }

        // Each of the four tied nodes expects 10,000 picks, with a standard deviation of about 87.
        Assert.All([1, 3, 4, 6], n => Assert.InRange(picks[n], 9_600, 10_400));
        Assert.Equal(40_000, picks[1] + picks[3] + picks[4] + picks[6]);
    }

    // A Random that returns the given draw and records each bound it was asked for; with no draw given, any call fails.
    private sealed class Draws(int? draw = null) : Random
    {
        public List<int> Bounds { get; } = [];

        public override int Next(int maxValue)
        {
            Bounds.Add(maxValue);
            return draw ?? throw new InvalidOperationException("a draw was made when one node led");
        }
    }
}
