using Orchestrator.Scheduling.Queue;
using static Orchestrator.Scheduling.Tests.Queue.QueueTestPods;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class SchedulingQueueEventTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void A_parked_pod_moves_to_active_on_an_event_its_rejecting_plugin_cares_about()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeResourcesFit");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.MoveOnEvent(ClusterEvent.AssignedPodDeleted));

        Assert.Equal("a", queue.Pop()!.Pod.Name);
    }

    [Fact]
    public void A_parked_pod_stays_parked_on_an_event_its_rejecting_plugins_ignore()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeResourcesFit");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, queue.MoveOnEvent(ClusterEvent.NodeTaintsChanged | ClusterEvent.NodeLabelsChanged));

        Assert.Equal(QueueName.Unschedulable, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void A_pod_woken_before_its_backoff_ends_waits_out_the_backoff_first()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeUnschedulable");

        queue.MoveOnEvent(ClusterEvent.NodeUncordoned);
        _clock.Advance(TimeSpan.FromMilliseconds(999));

        Assert.Equal(QueueName.Backoff, queue.Find(Key("a"))!.Queue);
        Assert.Null(queue.Pop());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("a", queue.Pop()!.Pod.Name);
    }

    [Fact]
    public void A_pod_rejected_by_several_plugins_moves_on_an_event_any_of_them_cares_about()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeAffinity", "TaintToleration");

        Assert.Equal(1, queue.MoveOnEvent(ClusterEvent.NodeTaintsChanged));
    }

    [Fact]
    public void A_pod_rejected_by_a_plugin_missing_from_the_table_moves_on_any_event()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeName", "SomeOutOfTreePlugin");

        Assert.Equal(1, queue.MoveOnEvent(ClusterEvent.NodeUncordoned));
    }

    [Fact]
    public void A_pod_rejected_by_no_plugin_moves_on_any_event()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a");

        Assert.Equal(1, queue.MoveOnEvent(ClusterEvent.AssignedPodAdded));
    }

    [Fact]
    public void An_event_the_edge_cannot_classify_moves_every_parked_pod()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeName");
        Park(queue, "b", "TaintToleration");
        Park(queue, "c", "DefaultPreemption");

        Assert.Equal(3, queue.MoveOnEvent(ClusterEvent.Any));
        Assert.Equal(0, queue.UnschedulableCount);
    }

    [Fact]
    public void Events_only_move_parked_pods()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("waiting"));
        queue.Add(Pod("active"));

        Assert.Equal(0, queue.MoveOnEvent(ClusterEvent.Any));
        Assert.Equal((1, 1), (queue.ActiveCount, queue.BackoffCount));
    }

    [Fact]
    public void A_relevant_event_during_the_cycle_sends_the_pod_to_backoff_instead_of_parking_it()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.MoveOnEvent(ClusterEvent.NodeAdded);
        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);

        Assert.Equal(QueueName.Backoff, queue.Find(popped.Key)!.Queue);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("a", queue.Pop()!.Pod.Name);
    }

    [Fact]
    public void An_irrelevant_event_during_the_cycle_still_parks_the_pod()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.MoveOnEvent(ClusterEvent.NodeTaintsChanged);
        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);

        Assert.Equal(QueueName.Unschedulable, queue.Find(popped.Key)!.Queue);
    }

    [Fact]
    public void An_event_before_the_pod_was_popped_does_not_count_for_its_cycle()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        queue.MoveOnEvent(ClusterEvent.NodeAdded);
        var popped = queue.Pop()!;

        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);

        Assert.Equal(QueueName.Unschedulable, queue.Find(popped.Key)!.Queue);
    }

    [Fact]
    public void A_parked_pod_is_flushed_to_active_after_five_minutes_without_an_event()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "NodeResourcesFit");

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(QueueName.Unschedulable, queue.Find(Key("a"))!.Queue);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(QueueName.Active, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void A_flushed_pod_whose_backoff_outlasts_the_stay_waits_in_backoff()
    {
        var options = new SchedulingQueueOptions { InitialBackoff = TimeSpan.FromSeconds(8), MaxBackoff = TimeSpan.FromSeconds(8), MaxUnschedulableStay = TimeSpan.FromSeconds(5) };
        using var queue = new SchedulingQueue(_clock, options);
        Park(queue, "a", "NodeResourcesFit");

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(QueueName.Backoff, queue.Find(Key("a"))!.Queue);

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(QueueName.Active, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void The_rejecting_plugins_are_kept_sorted_for_the_pending_listing()
    {
        using var queue = new SchedulingQueue(_clock);
        Park(queue, "a", "TaintToleration", "NodeAffinity", "TaintToleration");

        Assert.Equal(["NodeAffinity", "TaintToleration"], queue.Find(Key("a"))!.UnschedulablePlugins.ToArray());
    }

    private static void Park(SchedulingQueue queue, string name, params string[] rejectingPlugins)
    {
        queue.Add(Pod(name));
        var popped = queue.Pop()!;
        queue.AddUnschedulable(popped.Pod, rejectingPlugins, popped.Attempts);
        Assert.Equal(QueueName.Unschedulable, queue.Find(popped.Key)!.Queue);
    }
}
