using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class WorkQueueTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_key_added_twice_before_it_is_taken_is_processed_once()
    {
        var queue = new WorkQueue(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task A_key_added_while_in_flight_comes_back_only_after_done()
    {
        var queue = new WorkQueue(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);
        queue.Add("a");

        var next = queue.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        queue.Done(key);

        Assert.Equal("a", await next.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Failures_back_off_exponentially_up_to_the_maximum()
    {
        var queue = new WorkQueue(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");

        // Delays of 1 s, 2 s and 3 s (capped): after 1 s one copy is due; the rest collapse into it.
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, queue.Length);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Length);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
    }
}
