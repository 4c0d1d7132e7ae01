using Orchestrator.Scheduling.Queue;
using static Orchestrator.Scheduling.Tests.Queue.QueueTestPods;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class SchedulingQueueBackoffTests
{
    private readonly ManualTimeProvider _clock = new();

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 8000)]
    [InlineData(5, 10000)] // 16 s capped at 10 s
    [InlineData(6, 10000)]
    [InlineData(int.MaxValue, 10000)] // doubling stops at the cap instead of overflowing
    public void Backoff_starts_at_one_second_and_doubles_per_attempt_up_to_ten_seconds(int attempts, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), SchedulingQueueOptions.Default.BackoffFor(attempts));
    }

    [Fact]
    public void Backoff_durations_come_from_the_options()
    {
        var options = new SchedulingQueueOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(250) };

        Assert.Equal([100, 200, 250], new[] { 1, 2, 3 }.Select(a => options.BackoffFor(a).TotalMilliseconds));
    }

    [Fact]
    public void A_pod_failing_again_and_again_waits_one_two_four_eight_then_ten_seconds()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var waits = new List<double>();

        for (var i = 0; i < 6; i++)
        {
            var popped = queue.Pop()!;
            queue.Requeue(popped.Pod, popped.Attempts);
            var wait = queue.NextWakeUp!.Value;
            waits.Add(wait.TotalSeconds);

            _clock.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Null(queue.Pop());
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal([1, 2, 4, 8, 10, 10], waits);
    }

    [Fact]
    public void A_bind_conflict_sends_the_pod_to_backoff_then_back_to_active()
    {
        using var queue = new SchedulingQueue(_clock);
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.Requeue(popped.Pod, popped.Attempts);
        queue.Done(popped.Key);

        var info = queue.Find(popped.Key)!;
        Assert.Equal((QueueName.Backoff, _clock.GetUtcNow() + TimeSpan.FromSeconds(1)), (info.Queue, info.BackoffExpires));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(QueueName.Active, queue.Find(popped.Key)!.Queue);
    }

    [Fact]
    public void With_no_backoff_a_requeued_pod_is_active_at_once()
    {
        using var queue = new SchedulingQueue(_clock, new SchedulingQueueOptions { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });
        queue.Add(Pod("a"));
        var popped = queue.Pop()!;

        queue.Requeue(popped.Pod, popped.Attempts);

        Assert.Equal("a", queue.Pop()!.Pod.Name);
    }

    [Theory]
    [InlineData(-1, 10, 300)]
    [InlineData(5, 1, 300)]
    [InlineData(1, 10, 0)]
    public void Options_that_cannot_describe_a_backoff_are_rejected(int initialSeconds, int maxSeconds, int staySeconds)
    {
        var options = new SchedulingQueueOptions
        {
            InitialBackoff = TimeSpan.FromSeconds(initialSeconds),
            MaxBackoff = TimeSpan.FromSeconds(maxSeconds),
            MaxUnschedulableStay = TimeSpan.FromSeconds(staySeconds),
        };

        Assert.Throws<ArgumentException>(() => new SchedulingQueue(_clock, options));
    }
}
