using Orchestrator.Scheduling.Queue;
using static Orchestrator.Scheduling.Tests.Queue.QueueTestPods;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class SchedulingQueueWaitTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void WaitAsync_completes_at_once_when_a_pod_is_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));

        Assert.True(queue.WaitAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitAsync_completes_when_a_backoff_expires_under_the_fake_clock()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Backoff, Pod("a"));

        var wait = queue.WaitAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(wait.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(wait.IsCompleted);
        await wait;
        Assert.Equal("a", queue.Pop()!.Pod.Name);
    }

    [Fact]
    public void WaitAsync_wakes_at_the_earliest_deadline_even_after_a_later_one_was_armed()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("slow"));
        var slow = queue.Pop()!;
        queue.Requeue(slow.Pod, 4);

        var wait = queue.WaitAsync();
        queue.Into(QueueName.Backoff, Pod("fast"));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(wait.IsCompleted);
        Assert.Equal(["fast"], queue.PopAll());
    }

    [Fact]
    public void WaitAsync_completes_when_a_pod_is_added()
    {
        using var queue = new SchedulingQueue(_clock);
        var wait = queue.WaitAsync();

        queue.Add(Pod("a"));

        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public void WaitAsync_completes_when_an_event_moves_a_parked_pod_to_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("a"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var wait = queue.WaitAsync();

        queue.MoveOnEvent(ClusterEvent.NodeAdded);

        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public void WaitAsync_completes_when_a_parked_pod_is_flushed()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("a"));
        var wait = queue.WaitAsync();

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public void WaitAsync_stays_pending_while_nothing_can_become_ready()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.InFlight, Pod("a"));

        var wait = queue.WaitAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_is_canceled_by_its_token()
    {
        using var queue = new SchedulingQueue(_clock);
        using var cancellation = new CancellationTokenSource();
        var wait = queue.WaitAsync(cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
    }

    [Fact]
    public void Waiting_again_with_the_same_token_shares_one_wait_instead_of_piling_them_up()
    {
        using var queue = new SchedulingQueue(_clock);
        using var stopping = new CancellationTokenSource();

        var first = queue.WaitAsync(stopping.Token).AsTask();
        var second = queue.WaitAsync(stopping.Token).AsTask();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_wait_after_the_last_one_completed_waits_for_the_next_ready_pod()
    {
        using var queue = new SchedulingQueue(_clock);
        using var stopping = new CancellationTokenSource();
        var first = queue.WaitAsync(stopping.Token);
        queue.Add(Pod("a"));
        await first;
        queue.Pop();

        var second = queue.WaitAsync(stopping.Token);
        Assert.False(second.IsCompleted);
        queue.Add(Pod("b"));

        await second;
        Assert.Equal("b", queue.Pop()!.Pod.Name);
    }

    [Fact]
    public async Task Disposing_the_queue_cancels_its_waiters()
    {
        var queue = new SchedulingQueue(_clock);
        var wait = queue.WaitAsync();

        queue.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
    }

    [Fact]
    public void NextWakeUp_is_zero_when_a_pod_is_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));

        Assert.Equal(TimeSpan.Zero, queue.NextWakeUp);
    }

    [Fact]
    public void NextWakeUp_is_the_time_to_the_earliest_backoff_or_flush()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Into(QueueName.Unschedulable, Pod("parked"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(298), queue.NextWakeUp);

        queue.Into(QueueName.Backoff, Pod("waiting"));
        Assert.Equal(TimeSpan.FromSeconds(1), queue.NextWakeUp);
    }

    [Fact]
    public void NextWakeUp_is_null_when_only_adds_and_events_can_bring_a_pod()
    {
        using var queue = new SchedulingQueue(_clock);
        Assert.Null(queue.NextWakeUp);

        queue.Into(QueueName.InFlight, Pod("a"));
        Assert.Null(queue.NextWakeUp);
    }
}
