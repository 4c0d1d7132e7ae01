using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Queue;
using static Orchestrator.Scheduling.Tests.Queue.QueueTestPods;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class SchedulingQueueTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Pods_pop_by_priority_then_first_come_first_served_within_a_priority()
    {
        using var queue = new SchedulingQueue(_clock);
        foreach (var pod in new[] { Pod("low-old", 0), Pod("high", 10), Pod("low-new", 0), Pod("mid", 5), Pod("high-new", 10) })
        {
            queue.Add(pod);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(["high", "high-new", "mid", "low-old", "low-new"], queue.PopAll());
    }

    [Fact]
    public void Pods_of_equal_priority_queued_in_the_same_instant_pop_in_key_order()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("c"));
        queue.Add(Pod("a"));
        queue.Add(Pod("b"));

        Assert.Equal(["a", "b", "c"], queue.PopAll());
    }

    [Fact]
    public void A_retried_pod_keeps_its_place_among_pods_of_its_priority_by_when_it_was_first_queued()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("old"));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        queue.Add(Pod("new"));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["old", "new"], queue.PopAll());
    }

    [Fact]
    public void Pop_returns_null_when_no_pod_is_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("waiting"));
        queue.Into(QueueName.Unschedulable, Pod("parked"));

        Assert.Null(queue.Pop());
    }

    [Fact]
    public void Pop_counts_the_attempt_and_holds_the_pod_in_flight_outside_the_pending_list()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));

        var popped = queue.Pop()!;

        Assert.Equal((Key("a"), QueueName.InFlight, 1), (popped.Key, popped.Queue, popped.Attempts));
        Assert.Equal((0, 1), (queue.ActiveCount, queue.InFlightCount));
        Assert.Empty(queue.PendingPods());
        Assert.Equal(QueueName.InFlight, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void Done_after_a_successful_cycle_removes_the_pod_from_the_queue()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.Done(popped.Key);

        Assert.Null(queue.Find(popped.Key));
        Assert.Equal(0, queue.InFlightCount);
    }

    [Fact]
    public void Done_after_the_pod_was_parked_leaves_it_parked()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;
        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);

        queue.Done(popped.Key);

        Assert.Equal(QueueName.Unschedulable, queue.Find(popped.Key)!.Queue);
    }

    [Fact]
    public void The_next_pop_of_a_failed_pod_counts_one_more_attempt()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("a"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, queue.Pop()!.Attempts);
    }

    [Fact]
    public void Adding_a_pod_twice_keeps_one_copy_and_its_first_queue_time()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var first = queue.Find(Key("a"))!.FirstQueued;
        _clock.Advance(TimeSpan.FromSeconds(1));

        queue.Add(Pod("a"));

        Assert.Equal(1, queue.ActiveCount);
        Assert.Equal(first, queue.Find(Key("a"))!.FirstQueued);
    }

    [Fact]
    public void A_pod_recreated_under_the_same_name_starts_over_as_a_new_pod()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("a", uid: "one"));

        queue.Add(Pod("a", uid: "two"));

        var info = queue.Find(Key("a"))!;
        Assert.Equal(("two", QueueName.Active, 0, null), (info.Pod.Uid, info.Queue, info.Attempts, info.BackoffExpires));
        Assert.Empty(info.UnschedulablePlugins);
        Assert.Equal((1, 0), (queue.ActiveCount, queue.UnschedulableCount));
    }

    [Fact]
    public void Updating_an_active_pod_reorders_it_by_its_new_priority()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a", 1));
        queue.Add(Pod("b", 2));

        queue.Update(Pod("a", 3));

        Assert.Equal(["a", "b"], queue.PopAll());
    }

    [Fact]
    public void Updating_a_backing_off_pod_keeps_it_backing_off()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("a"));

        queue.Update(Pod("a", 7));

        var info = queue.Find(Key("a"))!;
        Assert.Equal((QueueName.Backoff, 7), (info.Queue, info.Pod.Priority));
    }

    [Fact]
    public void Updating_a_parked_pod_sends_it_to_backoff_while_its_backoff_runs()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("a"));

        queue.Update(Pod("a", 7));

        Assert.Equal(QueueName.Backoff, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void Updating_a_parked_pod_after_its_backoff_makes_it_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("a"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        queue.Update(Pod("a", 7));

        Assert.Equal(7, queue.Pop()!.Pod.Priority);
    }

    [Fact]
    public void Updating_a_parked_pod_with_the_same_content_in_new_collections_keeps_it_parked()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Translated());
        _clock.Advance(TimeSpan.FromSeconds(1));

        queue.Update(Translated());

        Assert.Equal(QueueName.Unschedulable, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void Updating_a_parked_pod_with_a_changed_collection_frees_it()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Translated());
        _clock.Advance(TimeSpan.FromSeconds(1));

        queue.Update(Translated() with { NodeSelector = ImmutableDictionary<string, string>.Empty.Add("zone", "b") });

        Assert.Equal(QueueName.Active, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void Updating_a_pod_the_queue_has_not_seen_adds_it()
    {
        using var queue = new SchedulingQueue(_clock);

        queue.Update(Pod("a"));

        Assert.Equal(QueueName.Active, queue.Find(Key("a"))!.Queue);
    }

    [Fact]
    public void A_pod_updated_during_its_cycle_goes_to_backoff_with_the_new_spec_when_the_cycle_fails()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.Update(Pod("a", 9));
        queue.AddUnschedulable(popped.Pod, ["NodeAffinity"], popped.Attempts);

        var info = queue.Find(Key("a"))!;
        Assert.Equal((QueueName.Backoff, 9), (info.Queue, info.Pod.Priority));
    }

    [Fact]
    public void A_pod_updated_during_its_cycle_with_the_same_content_is_still_parked_on_failure()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Translated());
        var popped = queue.Pop()!;

        queue.Update(Translated());
        queue.AddUnschedulable(popped.Pod, ["NodeAffinity"], popped.Attempts);

        Assert.Equal(QueueName.Unschedulable, queue.Find(Key("a"))!.Queue);
    }

    [Theory]
    [InlineData(QueueName.Active)]
    [InlineData(QueueName.Backoff)]
    [InlineData(QueueName.Unschedulable)]
    [InlineData(QueueName.InFlight)]
    public void Deleting_a_pod_removes_it_from_whichever_set_holds_it(QueueName queueName)
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(queueName, Pod("a"));

        Assert.True(queue.Delete(Key("a")));

        Assert.Null(queue.Find(Key("a")));
        Assert.Equal((0, 0, 0, 0), (queue.ActiveCount, queue.BackoffCount, queue.UnschedulableCount, queue.InFlightCount));
        Assert.False(queue.Delete(Key("a")));
    }

    [Fact]
    public void A_pod_deleted_during_its_cycle_is_not_requeued()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.Delete(popped.Key);
        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);
        queue.Requeue(popped.Pod, popped.Attempts);

        Assert.Null(queue.Find(popped.Key));
    }

    [Fact]
    public void A_failure_reported_for_a_pod_recreated_during_its_cycle_leaves_the_new_pod_alone()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a", uid: "one"));
        var popped = queue.Pop()!;

        queue.Delete(popped.Key);
        queue.Add(Pod("a", uid: "two"));
        queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);
        queue.Done(popped.Key);

        var info = queue.Find(Key("a"))!;
        Assert.Equal(("two", QueueName.Active), (info.Pod.Uid, info.Queue));
    }

    [Fact]
    public void Pending_pods_list_active_in_pop_order_then_backoff_then_parked()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("parked"));
        queue.Into(QueueName.Backoff, Pod("waiting"));
        queue.Add(Pod("low", 1));
        queue.Add(Pod("high", 2));

        var pending = queue.PendingPods();

        Assert.Equal(["high", "low", "waiting", "parked"], pending.Select(p => p.Pod.Name));
        Assert.Equal([QueueName.Active, QueueName.Active, QueueName.Backoff, QueueName.Unschedulable], pending.Select(p => p.Queue));
        Assert.Equal((2, 1, 1), (queue.ActiveCount, queue.BackoffCount, queue.UnschedulableCount));
    }

    // What the edge hands over after each watch event: an equal pod whose collections are new instances.
    private static PodInfo Translated() => Pod("a") with
    {
        Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("tier", "front"),
        NodeSelector = ImmutableDictionary<string, string>.Empty.Add("zone", "a"),
        Tolerations = [new Toleration("dedicated", TolerationOperator.Exists)],
    };
}
