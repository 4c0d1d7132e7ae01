using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class DomainCountsTests
{
    // Each step is "domain:delta"; expected lists what every domain holds afterwards, in first-seen order.
    [Theory]
    [InlineData("a:1", "a=1")]
    [InlineData("a:1 a:1 b:1", "a=2 b=1")]
    [InlineData("a:1 b:1 a:-1", "b=1")]
    [InlineData("a:2 b:1 c:1 b:-1", "a=2 c=1")]
    [InlineData("a:1 a:-1", "")]
    [InlineData("a:0", "")]
    [InlineData("a:1 b:3 a:2", "a=3 b=3")]
    public void Adding_and_removing_pods_keeps_one_entry_per_domain_that_still_has_pods(string steps, string expected)
    {
        var counts = DomainCounts.None;
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (domain, delta) = (step.Split(':')[0], int.Parse(step.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            counts = counts.Add(domain, delta);
        }

        var actual = string.Join(' ', Enumerable.Range(0, counts.Count).Select(i => $"{counts.DomainAt(i)}={counts.CountAt(i)}"));
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Length == 0, counts.IsEmpty);
    }

    [Fact]
    public void Adding_leaves_the_original_counts_alone()
    {
        var before = DomainCounts.None.Add("zone-a", 1);

        var after = before.Add("zone-a", 1).Add("zone-b", 1);

        Assert.Equal(1, before.Of("zone-a"));
        Assert.Equal(0, before.Of("zone-b"));
        Assert.Equal(2, after.Of("zone-a"));
        Assert.Equal(1, after.Of("zone-b"));
    }

    [Fact]
    public void A_domain_is_found_by_value_not_by_string_instance()
    {
        var counts = DomainCounts.None.Add(new string("zone-a".AsSpan()), 1);

        Assert.Equal(2, counts.Add(new string("zone-a".AsSpan()), 1).Of(new string("zone-a".AsSpan())));
    }
}
