using Orchestrator.Controllers.NodeLifecycle;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

public sealed class NodeLifecycleOptionsTests
{
    [Fact]
    public void The_default_grace_is_issue_5s_10_s_looked_at_every_second()
    {
        var options = new NodeLifecycleOptions();

        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), (options.GracePeriod, options.MonitorPeriod));
    }

    [Theory]
    [InlineData(10, 1000)]
    [InlineData(3, 500)]
    [InlineData(40, 4000)]
    [InlineData(300, 5000)]
    public void The_monitor_period_is_a_tenth_of_the_grace_between_half_a_second_and_five(int graceSeconds, int periodMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(periodMilliseconds), NodeLifecycleOptions.MonitorPeriodFor(TimeSpan.FromSeconds(graceSeconds)));
    }
}
