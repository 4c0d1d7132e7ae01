using System.Threading.Channels;

namespace Orchestrator.Core.Events;

/// <summary>
/// Writes events as kube's event broadcaster does: through a queue of at most <c>capacity</c> (client-go's
/// maxQueuedEvents is 1,000) that drops, and counts, what does not fit, drained by one writer spending tokens of a
/// bucket that refills at <c>perSecond</c>. A burst of thousands of bindings then costs at most ~capacity event writes
/// instead of one durable write per pod, and a pod bound in normal operation still gets its event at once.
/// Events are best-effort in Kubernetes too: nothing waits for them and nothing reads them back. The scheduler and the
/// controllers' event recorder both write through one.
/// </summary>
public sealed class EventWriteQueue : IAsyncDisposable
{
    private readonly Channel<(string Subject, Func<Task> Write)> _queue;
    private readonly TimeProvider _clock;
    private readonly double _perSecond;
    private readonly int _burst;
    private readonly Action<string, Exception> _failed;
    private readonly Action _dropped;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private double _tokens;
    private long _refilled;

    /// <param name="clock">The clock the token bucket refills by.</param>
    /// <param name="capacity">Events queued at most; past it new ones are dropped.</param>
    /// <param name="perSecond">Writes a second once the burst is spent.</param>
    /// <param name="burst">Writes at once (and in flight together).</param>
    /// <param name="failed">Told of a write that threw, with its subject.</param>
    /// <param name="dropped">Told of each event dropped because the queue was full (for a metric).</param>
    public EventWriteQueue(TimeProvider clock, int capacity, double perSecond, int burst, Action<string, Exception> failed, Action? dropped = null)
    {
        _clock = clock;
        _perSecond = perSecond;
        _burst = burst;
        _failed = failed;
        _dropped = dropped ?? (() => { });
        _tokens = burst;
        _refilled = clock.GetTimestamp();
        _queue = Channel.CreateBounded<(string Subject, Func<Task> Write)>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues one event write; false (and counted) when the queue is full and the event is dropped.</summary>
    public bool TryEnqueue(string subject, Func<Task> write)
    {
        if (_queue.Writer.TryWrite((subject, write)))
        {
            return true;
        }
        _dropped();
        return false;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Task>(_burst);
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                Refill();
                if (_tokens < 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds((1 - _tokens) / _perSecond), _clock, _stop.Token);
                    continue;
                }
                // The writes of one round share the store's group commits instead of queueing one behind another.
                while (_tokens >= 1 && reader.TryRead(out var write))
                {
                    _tokens--;
                    batch.Add(Run(write));
                }
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task Run((string Subject, Func<Task> Write) item)
    {
        try
        {
            await item.Write();
        }
        catch (Exception e)
        {
            _failed(item.Subject, e);
        }
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + _clock.GetElapsedTime(_refilled, now).TotalSeconds * _perSecond);
        _refilled = now;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
