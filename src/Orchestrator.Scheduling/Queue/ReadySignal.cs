namespace Orchestrator.Scheduling.Queue;

/// <summary>Wakes the queue's waiters once a pod is ready to pop, keeping one timer armed for the next deadline meanwhile.</summary>
/// <remarks>Not thread-safe on its own: every call is made under the queue's lock, the timer's included.</remarks>
internal sealed class ReadySignal(TimeProvider time, Action onTimer) : IDisposable
{
    private TaskCompletionSource? _ready;
    private Task? _wait;
    private CancellationToken _waitToken;
    private ITimer? _timer;
    private bool _disposed;

    public bool IsAwaited => _ready is not null && !_disposed;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ready is null)
        {
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _wait = null;
        }

        // One wrapped task per token: an edge loop woken by other sources that waits again with its stopping
        // token would otherwise leave one continuation per iteration on the shared task.
        if (_wait is null || _waitToken != cancellationToken)
        {
            _wait = _ready.Task.WaitAsync(cancellationToken);
            _waitToken = cancellationToken;
        }

        return _wait;
    }

    /// <summary>Completes the waiters if a pod is ready, else arms the timer for the deadline (or disarms it if there is none).</summary>
    public void Update(bool ready, DateTimeOffset? deadline, DateTimeOffset now)
    {
        if (!IsAwaited)
        {
            return;
        }

        if (ready)
        {
            _ready!.TrySetResult();
            _ready = null;
            _wait = null;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        else if (deadline is { } due)
        {
            _timer ??= time.CreateTimer(_ => onTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _timer = null;
        _ready?.TrySetCanceled();
        _ready = null;
        _wait = null;
    }
}
