namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// client-go's EventSourceObjectSpamFilter: each source and involved object gets a bucket of <see cref="Burst"/>
/// events that refills one every <see cref="RefillPeriod"/>; events past it are dropped, so a 1,000-replica
/// ReplicaSet records its first 25 SuccessfulCreate events, not 1,000 writes. Buckets live in an LRU of
/// <see cref="Capacity"/> keys, as kube's do. Pure: the caller passes the time.
/// </summary>
public sealed class EventSpamFilter(int burst = EventSpamFilter.Burst, TimeSpan? refillPeriod = null, int capacity = EventSpamFilter.Capacity)
{
    /// <summary>kube's defaultSpamBurst.</summary>
    public const int Burst = 25;

    /// <summary>kube's LRU size for the correlator's caches (maxLruCacheEntries).</summary>
    public const int Capacity = 4096;

    /// <summary>kube's defaultSpamQPS is 1/300: one event every 5 minutes once the burst is spent.</summary>
    public static readonly TimeSpan RefillPeriod = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _refill = refillPeriod ?? RefillPeriod;
    private readonly Dictionary<string, LinkedListNode<Bucket>> _buckets = new(StringComparer.Ordinal);
    private readonly LinkedList<Bucket> _recent = new();
    private readonly Lock _lock = new();

    /// <summary>The key kube's getSpamKey builds: the source and the involved object, not the reason or the message.</summary>
    public static string KeyOf(string component, string? kind, string? ns, string? name, string? uid, string? apiVersion) =>
        string.Join('\u001f', component, kind, ns, name, uid, apiVersion);

    /// <summary>Takes a token from <paramref name="key"/>'s bucket; false when the event is to be dropped.</summary>
    public bool TryAccept(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_buckets.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                if (_buckets.Count >= capacity && _recent.Last is { } oldest)
                {
                    _buckets.Remove(oldest.Value.Key);
                    _recent.RemoveLast();
                }
                node = _recent.AddFirst(new Bucket(key, burst, now));
                _buckets[key] = node;
            }
            return node.Value.TryTake(now, burst, _refill);
        }
    }

    private sealed class Bucket(string key, double tokens, DateTimeOffset last)
    {
        public string Key { get; } = key;

        public bool TryTake(DateTimeOffset now, int burst, TimeSpan refill)
        {
            if (now > last)
            {
                tokens = Math.Min(burst, tokens + (now - last) / refill);
                last = now;
            }
            if (tokens < 1 - 1e-9)
            {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
