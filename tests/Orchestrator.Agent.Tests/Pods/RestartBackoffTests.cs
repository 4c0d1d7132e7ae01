using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class RestartBackoffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_crashing_container_waits_0_then_10_20_40_80_160_300_300_seconds_as_under_the_kubelet()
    {
        // Each attempt dies the moment it starts. Exit 1 finds no entry: restart now, entry 10 s. Every later exit waits
        // the entry's backoff, and the restart doubles it: 10, 20, 40, 80, 160, then 320 capped to 300, and 300 again.
        var backoff = RestartBackoff.Kubelet;
        BackoffEntry? entry = null;
        var now = T0;
        var waits = new List<double>();
        for (var exit = 0; exit < 8; exit++)
        {
            var delay = backoff.Delay(entry, finishedAt: now, now);
            waits.Add(delay.TotalSeconds);
            now += delay;
            entry = backoff.Next(entry, eventTime: now - delay, now);
        }

        Assert.Equal([0, 10, 20, 40, 80, 160, 300, 300], waits);
    }

    [Theory]
    // entry 40 s set at T0; the container exits at T0+5 s and it is now T0+15 s: 40 - (15 - 5) = 30 s left.
    [InlineData(5, 15, 30)]
    // Exited 50 s ago: 40 s have passed, no wait.
    [InlineData(5, 55, 0)]
    // Exited 601 s after the entry was set: it ran past ResetAfter (600 s), so the schedule starts over: no wait.
    [InlineData(601, 601, 0)]
    // Exactly 600 s is not past ResetAfter: the full 40 s.
    [InlineData(600, 600, 40)]
    public void The_wait_is_what_is_left_of_the_backoff_since_the_exit(int finishedSeconds, int nowSeconds, int expectedSeconds)
    {
        var entry = new BackoffEntry(TimeSpan.FromSeconds(40), T0);

        var delay = RestartBackoff.Kubelet.Delay(entry, T0.AddSeconds(finishedSeconds), T0.AddSeconds(nowSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void A_container_that_ran_ten_minutes_starts_the_schedule_over()
    {
        var entry = new BackoffEntry(TimeSpan.FromMinutes(5), T0);

        // Exit 11 min after the last restart: 660 s > 600 s, so the entry is stale and goes back to 10 s.
        var next = RestartBackoff.Kubelet.Next(entry, T0.AddMinutes(11), T0.AddMinutes(11));

        Assert.Equal(new BackoffEntry(TimeSpan.FromSeconds(10), T0.AddMinutes(11)), next);
    }

    [Theory]
    [InlineData(10, "10s")]
    [InlineData(80, "1m20s")]
    [InlineData(300, "5m0s")]
    [InlineData(3725, "1h2m5s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(0.25, "250ms")]
    [InlineData(0, "0s")]
    public void Durations_print_as_Go_prints_them(double seconds, string expected)
    {
        Assert.Equal(expected, RestartBackoff.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void A_backoff_that_shrinks_or_never_resets_is_refused()
    {
        Assert.Empty(RestartBackoff.Kubelet.Validate());
        Assert.Single(new RestartBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)).Validate());
        Assert.Single(new RestartBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)).Validate());
        Assert.Single(new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.Zero).Validate());
    }
}
