using k8s.Models;
using Orchestrator.Agent.Probes;

namespace Orchestrator.Agent.Tests.Probes;

public sealed class ProbeTrackerTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ProbeKind.Readiness, false)]
    [InlineData(ProbeKind.Liveness, true)]
    [InlineData(ProbeKind.Startup, false)]
    public void Readiness_starts_not_ready_liveness_starts_alive_and_startup_not_started(ProbeKind kind, bool succeeded)
    {
        Assert.Equal(succeeded, new ProbeTracker(new V1Probe(), kind, Started).Succeeded);
    }

    [Fact]
    public void The_first_check_waits_for_the_initial_delay_then_one_per_period()
    {
        var tracker = new ProbeTracker(new V1Probe { InitialDelaySeconds = 5, PeriodSeconds = 2 }, ProbeKind.Liveness, Started);

        Assert.False(tracker.IsDue(Started.AddSeconds(4.9)));
        Assert.True(tracker.IsDue(Started.AddSeconds(5)));
        tracker.Record(true, "", Started.AddSeconds(5));
        Assert.False(tracker.IsDue(Started.AddSeconds(6.9)));
        Assert.True(tracker.IsDue(Started.AddSeconds(7)));
    }

    [Fact]
    public void Liveness_fails_only_after_failure_threshold_failures_in_a_row()
    {
        var tracker = new ProbeTracker(new V1Probe { FailureThreshold = 3 }, ProbeKind.Liveness, Started);

        // fail, fail, pass resets the count; then three fails in a row reach the threshold on the third.
        Assert.False(tracker.Record(false, "x", Started));
        Assert.False(tracker.Record(false, "x", Started));
        Assert.False(tracker.Record(true, "", Started));
        Assert.False(tracker.Record(false, "x", Started));
        Assert.False(tracker.Record(false, "x", Started));
        Assert.True(tracker.Record(false, "HTTP probe failed with statuscode: 500", Started));
        Assert.True(tracker.Failed);
        Assert.False(tracker.Succeeded);
        Assert.Equal("HTTP probe failed with statuscode: 500", tracker.LastFailure);
    }

    [Fact]
    public void Readiness_needs_success_threshold_passes_in_a_row_and_goes_unready_after_failure_threshold()
    {
        var tracker = new ProbeTracker(new V1Probe { SuccessThreshold = 2, FailureThreshold = 1 }, ProbeKind.Readiness, Started);

        Assert.False(tracker.Record(true, "", Started));
        Assert.True(tracker.Record(true, "", Started));
        Assert.True(tracker.Succeeded);
        Assert.True(tracker.Record(false, "refused", Started));
        Assert.False(tracker.Succeeded);
    }

    [Fact]
    public void Liveness_and_startup_treat_any_success_threshold_as_one()
    {
        var tracker = new ProbeTracker(new V1Probe { SuccessThreshold = 5 }, ProbeKind.Startup, Started);

        Assert.True(tracker.Record(true, "", Started));
        Assert.True(tracker.Succeeded);
    }

    [Fact]
    public void Defaults_are_kubernetes_defaults()
    {
        var tracker = new ProbeTracker(new V1Probe(), ProbeKind.Liveness, Started);

        // Period 10 s, timeout 1 s, failure threshold 3.
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.Timeout);
        tracker.Record(true, "", Started);
        Assert.False(tracker.IsDue(Started.AddSeconds(9)));
        Assert.True(tracker.IsDue(Started.AddSeconds(10)));
        tracker.Record(false, "x", Started);
        tracker.Record(false, "x", Started);
        Assert.False(tracker.Failed);
        tracker.Record(false, "x", Started);
        Assert.True(tracker.Failed);
    }
}
