using System.Threading.Channels;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// client-go's rate-limited work queue: a key added while queued is queued once; a key added while being processed
/// is queued again when <see cref="Done"/> is called, so no key is processed by two workers at once.
/// </summary>
public sealed class WorkQueue(TimeProvider clock, TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly Lock _gate = new();
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>Keys waiting to be processed (queued, not in flight).</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
        }
        _ready.Writer.TryWrite(key);
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed on the queue's clock.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            Add(key);
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds <paramref name="key"/> after an exponential backoff that grows with each consecutive failure.</summary>
    public void AddRateLimited(string key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }
        var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, baseDelay.Ticks * (1L << Math.Min(failures - 1, 30))));
        AddAfter(key, delay);
    }

    /// <summary>Clears the failure count of <paramref name="key"/> after a success.</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key and marks it in flight until <see cref="Done"/>.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                if (_dirty.Remove(key))
                {
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(string key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Contains(key);
        }
        if (again)
        {
            _ready.Writer.TryWrite(key);
        }
    }
}
