using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Queue;

/// <summary>kube-scheduler's PriorityQueue: pending pods in an active heap, a backoff queue and an unschedulable pool, moved by failures, cluster events and the clock.</summary>
/// <remarks>
/// Every member is thread-safe behind one internal lock; WaitAsync completes its task with continuations
/// run asynchronously, so no caller code ever runs under that lock. The clock moves pods only when the queue
/// is next called or when the timer armed for a waiter fires, so with a fake TimeProvider the same calls
/// give the same answers.
/// Each pod is one entry whose Queue names the single set holding it, and every move detaches it from that
/// set before placing it in another, which is why a pod is never in two sets at once.
/// </remarks>
public sealed class SchedulingQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly SchedulingQueueOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, QueueEntry> _pods = new(StringComparer.Ordinal);
    private readonly SortedSet<QueueEntry> _active = new(QueueOrder.Active);
    private readonly SortedSet<QueueEntry> _backoff = new(QueueOrder.Backoff);
    private readonly SortedSet<QueueEntry> _unschedulable = new(QueueOrder.Unschedulable);
    private readonly Dictionary<string, QueueEntry> _inFlight = new(StringComparer.Ordinal);
    private readonly ReadySignal _signal;

    public SchedulingQueue(TimeProvider time, SchedulingQueueOptions? options = null)
    {
        _time = time;
        _options = options ?? SchedulingQueueOptions.Default;
        _options.Validate();
        _signal = new ReadySignal(time, OnTimer);
    }

    public int ActiveCount => Read(() => _active.Count);

    public int BackoffCount => Read(() => _backoff.Count);

    public int UnschedulableCount => Read(() => _unschedulable.Count);

    /// <summary>Pods popped whose cycle has not finished yet.</summary>
    public int InFlightCount => Read(() => _inFlight.Count);

    /// <summary>How long until a pod may become ready to pop: zero if one is, null if only events or adds can bring one.</summary>
    public TimeSpan? NextWakeUp => Read(() => _active.Count > 0 ? TimeSpan.Zero : NextDeadline() - _time.GetUtcNow());

    /// <summary>The key the queue files a pod under, "namespace/name" like kube's MetaNamespaceKeyFunc.</summary>
    public static string KeyOf(PodInfo pod) => $"{pod.Namespace}/{pod.Name}";

    /// <summary>A new pending pod goes to active. A key already queued is treated as Update, unless the UID differs: then the pod was recreated and starts over.</summary>
    public void Add(PodInfo pod) => Write(now => Upsert(pod, now));

    /// <summary>A user changed a pending pod. Like kube, an active or backing-off pod is updated in place, a changed
    /// parked pod goes to backoff or active, a popped pod is retried soon if this cycle fails, an unknown pod is added.</summary>
    public void Update(PodInfo pod) => Write(now => Upsert(pod, now));

    /// <summary>Forgets the pod wherever it is; a popped pod's later AddUnschedulable or Requeue is then ignored.</summary>
    public bool Delete(string key)
    {
        lock (_lock)
        {
            if (!_pods.Remove(key, out var entry))
            {
                return false;
            }

            Detach(entry);
            return true;
        }
    }

    /// <summary>Takes the highest-priority active pod for a scheduling cycle, or null if none is ready; never blocks.</summary>
    public QueuedPodInfo? Pop()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ApplyClock(now);
            if (_active.Min is not { } entry)
            {
                return null;
            }

            Detach(entry);
            entry.Attempts++;
            entry.EventsWhileInFlight = ClusterEvent.None;
            entry.UpdatedWhileInFlight = false;
            Place(entry, QueueName.InFlight);
            Signal(now);
            return entry.ToInfo();
        }
    }

    /// <summary>The cycle finished. A pod still in flight was bound and leaves the queue; after AddUnschedulable or Requeue this does nothing.</summary>
    public void Done(string key)
    {
        lock (_lock)
        {
            // Still in flight means nothing requeued it: it was bound and is no longer pending.
            if (_inFlight.Remove(key))
            {
                _pods.Remove(key);
            }
        }
    }

    /// <summary>No node fits the popped pod. It is parked until an event one of the rejecting plugins cares about,
    /// or sent to backoff at once if such an event (or an update to the pod) arrived during its cycle.
    /// attempts counts this one: pass the popped QueuedPodInfo's Attempts.</summary>
    public void AddUnschedulable(PodInfo pod, IEnumerable<string> rejectingPlugins, int attempts) => Write(now =>
    {
        if (TakeInFlight(pod) is not { } entry)
        {
            return;
        }

        entry.UnschedulablePlugins = [.. rejectingPlugins.Distinct().Order(StringComparer.Ordinal)];
        entry.Interest = PluginEvents.InterestOf(entry.UnschedulablePlugins, _options.EventsByPlugin);
        Fail(entry, attempts, now);

        // kube's moveRequestCycle: the event that would have woken the parked pod already happened, so
        // parking it now would wait for a second one that may never come.
        if ((entry.EventsWhileInFlight & entry.Interest) != ClusterEvent.None || entry.UpdatedWhileInFlight)
        {
            PlaceActiveOrBackoff(entry, now);
        }
        else
        {
            Place(entry, QueueName.Unschedulable);
        }
    });

    /// <summary>The popped pod should be retried after its backoff without waiting for an event: a bind conflict or an
    /// internal error. attempts counts this one: pass the popped QueuedPodInfo's Attempts.</summary>
    public void Requeue(PodInfo pod, int attempts) => Write(now =>
    {
        if (TakeInFlight(pod) is not { } entry)
        {
            return;
        }

        entry.UnschedulablePlugins = [];
        entry.Interest = ClusterEvent.Any;
        Fail(entry, attempts, now);
        PlaceActiveOrBackoff(entry, now);
    });

    /// <summary>Moves parked pods whose rejecting plugins care about the event to active, or to backoff until their backoff ends; returns how many moved.</summary>
    public int MoveOnEvent(ClusterEvent clusterEvent)
    {
        var moved = 0;
        Write(now =>
        {
            foreach (var entry in _inFlight.Values)
            {
                entry.EventsWhileInFlight |= clusterEvent;
            }

            var woken = _unschedulable.Where(e => (e.Interest & clusterEvent) != ClusterEvent.None).ToList();
            foreach (var entry in woken)
            {
                Detach(entry);
                PlaceActiveOrBackoff(entry, now);
            }

            moved = woken.Count;
        });
        return moved;
    }

    /// <summary>The pod under this key wherever it is, in flight included, or null.</summary>
    public QueuedPodInfo? Find(string key) => Read(() => _pods.TryGetValue(key, out var entry) ? entry.ToInfo() : null);

    /// <summary>Pods waiting to be scheduled, in flight excluded as in kube: active in pop order, then backoff by expiry, then parked by failure time.</summary>
    public ImmutableArray<QueuedPodInfo> PendingPods() =>
        Read(() => _active.Concat(_backoff).Concat(_unschedulable).Select(e => e.ToInfo()).ToImmutableArray());

    /// <summary>Completes once a pod is ready to pop (at once if one is), waking for adds, events and expiring backoffs.
    /// Another caller may pop that pod first, so loop on Pop until it returns null, then wait again. Pass the same
    /// token each time (the host's stopping token): waits with one token share a task, so a loop woken by other
    /// sources and waiting again does not pile up abandoned waits.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ApplyClock(now);
            if (_active.Count > 0)
            {
                return ValueTask.CompletedTask;
            }

            var wait = _signal.WaitAsync(cancellationToken);
            Signal(now);
            return new ValueTask(wait);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _signal.Dispose();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ApplyClock(now);
            Signal(now);
            return read();
        }
    }

    private void Write(Action<DateTimeOffset> write)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ApplyClock(now);
            write(now);
            Signal(now);
        }
    }

    private void Upsert(PodInfo pod, DateTimeOffset now)
    {
        var key = KeyOf(pod);
        if (_pods.TryGetValue(key, out var entry) && IsSamePod(entry.Pod, pod))
        {
            UpdateInPlace(entry, pod, now);
            return;
        }

        if (entry is not null)
        {
            Detach(entry);
        }

        var added = new QueueEntry(key, pod, now);
        _pods[key] = added;
        Place(added, QueueName.Active);
    }

    private void UpdateInPlace(QueueEntry entry, PodInfo pod, DateTimeOffset now)
    {
        switch (entry.Queue)
        {
            case QueueName.InFlight:
                entry.UpdatedWhileInFlight |= PodUpdates.Changed(entry.Pod, pod);
                entry.Pod = pod;
                break;
            case QueueName.Unschedulable when PodUpdates.Changed(entry.Pod, pod):
                // kube's isPodUpdated: the user may have fixed what made it unschedulable.
                Detach(entry);
                entry.Pod = pod;
                PlaceActiveOrBackoff(entry, now);
                break;
            default:
                // Priority is part of the active order, so the entry leaves its set before the pod changes.
                var queue = entry.Queue;
                Detach(entry);
                entry.Pod = pod;
                Place(entry, queue);
                break;
        }
    }

    private QueueEntry? TakeInFlight(PodInfo pod)
    {
        // A pod deleted, or deleted and recreated, during its cycle is no longer this cycle's to requeue.
        var key = KeyOf(pod);
        if (!_inFlight.TryGetValue(key, out var entry) || !IsSamePod(entry.Pod, pod))
        {
            return null;
        }

        Detach(entry);
        return entry;
    }

    private void Fail(QueueEntry entry, int attempts, DateTimeOffset now)
    {
        entry.Attempts = Math.Max(1, attempts);
        entry.LastFailure = now;
        entry.BackoffExpires = now + _options.BackoffFor(entry.Attempts);
    }

    private void ApplyClock(DateTimeOffset now)
    {
        // Parked pods first: one flushed past its stay may still owe backoff if MaxBackoff is configured longer.
        while (_unschedulable.Min is { } parked && now - parked.LastFailure >= _options.MaxUnschedulableStay)
        {
            Detach(parked);
            PlaceActiveOrBackoff(parked, now);
        }

        while (_backoff.Min is { } waiting && waiting.BackoffExpires <= now)
        {
            Detach(waiting);
            Place(waiting, QueueName.Active);
        }
    }

    private DateTimeOffset? NextDeadline()
    {
        var backoff = _backoff.Min?.BackoffExpires;
        var flush = _unschedulable.Min?.LastFailure + _options.MaxUnschedulableStay;
        return backoff is null ? flush : flush is null || backoff < flush ? backoff : flush;
    }

    private void PlaceActiveOrBackoff(QueueEntry entry, DateTimeOffset now) =>
        Place(entry, entry.BackoffExpires > now ? QueueName.Backoff : QueueName.Active);

    private void Place(QueueEntry entry, QueueName queue)
    {
        entry.Queue = queue;
        var added = queue switch
        {
            QueueName.Active => _active.Add(entry),
            QueueName.Backoff => _backoff.Add(entry),
            QueueName.Unschedulable => _unschedulable.Add(entry),
            _ => _inFlight.TryAdd(entry.Key, entry),
        };
        if (!added)
        {
            throw new InvalidOperationException($"pod {entry.Key} is already in {queue}");
        }
    }

    private void Detach(QueueEntry entry)
    {
        _ = entry.Queue switch
        {
            QueueName.Active => _active.Remove(entry),
            QueueName.Backoff => _backoff.Remove(entry),
            QueueName.Unschedulable => _unschedulable.Remove(entry),
            _ => _inFlight.Remove(entry.Key),
        };
    }

    // Only a waiter needs the clock watched; without one the next call applies the clock anyway.
    private void Signal(DateTimeOffset now)
    {
        if (_signal.IsAwaited)
        {
            _signal.Update(_active.Count > 0, NextDeadline(), now);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ApplyClock(now);
            Signal(now);
        }
    }

    private static bool IsSamePod(PodInfo queued, PodInfo incoming) =>
        queued.Uid.Length == 0 || incoming.Uid.Length == 0 || queued.Uid == incoming.Uid;
}
