using Orchestrator.Core.Events;
using Orchestrator.Testing;

namespace Orchestrator.Core.Tests.Events;

public sealed class EventWriteQueueTests
{
    [Fact]
    public async Task Events_within_the_burst_are_all_written_at_once_as_in_normal_operation()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        await using var queue = new EventWriteQueue(clock, capacity: 100, perSecond: 1, burst: 5, (_, _) => { });

        for (var i = 0; i < 5; i++)
        {
            Assert.True(queue.TryEnqueue($"pod-{i}", () =>
            {
                if (Interlocked.Increment(ref written) == 5)
                {
                    all.SetResult();
                }
                return Task.CompletedTask;
            }));
        }

        // The clock never moves: only the burst's tokens can have written them.
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, written);
    }

    [Fact]
    public async Task Events_beyond_a_full_queue_are_dropped_and_counted_instead_of_waiting()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dropped = 0;
        await using var queue = new EventWriteQueue(clock, capacity: 3, perSecond: 1, burst: 1, (_, _) => { }, () => Interlocked.Increment(ref dropped));

        // The first write holds the writer, so what follows stays queued.
        Assert.True(queue.TryEnqueue("first", () =>
        {
            started.SetResult();
            return gate.Task;
        }));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var accepted = Enumerable.Range(0, 5).Select(i => queue.TryEnqueue($"pod-{i}", () => Task.CompletedTask)).ToList();
        gate.SetResult();

        Assert.Equal([true, true, true, false, false], accepted);
        Assert.Equal(2, dropped);
    }

    [Fact]
    public async Task A_failed_write_is_reported_with_its_subject_and_does_not_stop_the_writer()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var queue = new EventWriteQueue(clock, capacity: 10, perSecond: 1, burst: 5, (subject, _) => failed.TrySetResult(subject));

        queue.TryEnqueue("ns/broken", () => throw new InvalidOperationException("store down"));
        queue.TryEnqueue("ns/next", () =>
        {
            after.SetResult();
            return Task.CompletedTask;
        });

        Assert.Equal("ns/broken", await failed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await after.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
