namespace Orchestrator.Storage;

/// <summary>
/// Every committed object in memory, ordered per resource, plus a window of recent changes: reads, lists and
/// watches are served from here at a single consistent revision, the way Kubernetes' watch cache serves them.
/// Only <see cref="ObjectLog"/> writes to it, after the backend has made a batch durable.
/// </summary>
public sealed class ObjectCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceIndex> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Watcher>> _watchers = new(StringComparer.Ordinal);
    private readonly ChangeEvent?[] _window;
    private readonly ObjectCacheOptions _options;
    private int _windowStart;
    private int _windowCount;
    private long _revision;
    private long _oldestResumable;

    internal ObjectCache(long revision, ObjectCacheOptions options)
    {
        _options = options;
        _window = new ChangeEvent?[options.WindowSize];
        _revision = revision;
        _oldestResumable = revision;
    }

    /// <summary>The revision of the last applied change.</summary>
    public long Revision => Volatile.Read(ref _revision);

    public StoredObject? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(key.Resource, out var index) ? index.Get(key.SortKey) : null;
        }
    }

    /// <summary>Counts stored objects of a resource (all namespaces).</summary>
    public int Count(string resource)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(resource, out var index) ? index.Count : 0;
        }
    }

    /// <summary>
    /// The objects of a resource whose indexed field (<see cref="ObjectCacheOptions.IndexedFields"/>) equals
    /// <paramref name="value"/>, such as the pods bound to one node.
    /// </summary>
    /// <exception cref="ArgumentException">The field is not indexed for the resource.</exception>
    public IReadOnlyList<StoredObject> ListByField(string resource, string field, string value)
    {
        if (_options.IndexedFields?.GetValueOrDefault(resource) != field)
        {
            throw new ArgumentException($"{field} is not indexed for {resource}", nameof(field));
        }
        lock (_gate)
        {
            return _resources.TryGetValue(resource, out var index) ? [.. index.WithField(field, value)] : [];
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> matching objects (0 = all) in key order, after <paramref name="continueAfter"/>.
    /// </summary>
    public ListResult List(string resource, string? ns, Func<StoredObject, bool> predicate, int limit = 0, string? continueAfter = null)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resource, out var index))
            {
                return new ListResult([], _revision, null, null);
            }
            var items = new List<StoredObject>();
            string? last = null;
            var more = false;
            foreach (var item in index.Range(ns, continueAfter))
            {
                if (!predicate(item))
                {
                    continue;
                }
                if (limit > 0 && items.Count == limit)
                {
                    more = true;
                    break;
                }
                items.Add(item);
                last = item.Key.SortKey;
            }
            return new ListResult(items, _revision, more ? last : null, null);
        }
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromRevision"/> null the watch first reports every matching object as
    /// ADDED (Kubernetes' behaviour for resourceVersion "" and "0"), else every change after that revision.
    /// </summary>
    /// <remarks>A watcher holds <c>buffer</c> events for a slow reader before it is cut off (default
    /// <see cref="ObjectCacheOptions.WatcherBuffer"/>); in-process consumers that must see every change ask for more.</remarks>
    /// <exception cref="WatchGoneException">The revision is older than the window.</exception>
    public Watcher Watch(string resource, string? ns, Func<StoredObject, bool> predicate, long? fromRevision, int? buffer = null)
    {
        lock (_gate)
        {
            List<ChangeEvent> backlog = [];
            if (fromRevision is null)
            {
                if (_resources.TryGetValue(resource, out var index))
                {
                    foreach (var item in index.Range(ns, null))
                    {
                        if (predicate(item))
                        {
                            backlog.Add(new ChangeEvent(WatchEventType.Added, item.Revision, item, null));
                        }
                    }
                }
            }
            else
            {
                if (fromRevision < _oldestResumable)
                {
                    throw new WatchGoneException(fromRevision.Value, _oldestResumable + 1);
                }
                for (var i = 0; i < _windowCount; i++)
                {
                    var change = _window[(_windowStart + i) % _window.Length]!;
                    if (change.Revision > fromRevision && change.Object.Key.Resource == resource && InNamespace(change, ns))
                    {
                        backlog.Add(change);
                    }
                }
            }
            var watcher = new Watcher(this, resource, ns, predicate, backlog.Count + (buffer ?? _options.WatcherBuffer));
            foreach (var change in backlog)
            {
                watcher.Offer(change);
            }
            if (!_watchers.TryGetValue(resource, out var list))
            {
                _watchers[resource] = list = [];
            }
            list.Add(watcher);
            return watcher;
        }
    }

    internal void Load(IEnumerable<StoredObject> objects)
    {
        lock (_gate)
        {
            foreach (var obj in objects)
            {
                IndexFor(obj.Key.Resource).Set(obj);
            }
        }
    }

    internal void Apply(IReadOnlyList<PendingWrite> batch)
    {
        lock (_gate)
        {
            foreach (var write in batch)
            {
                var obj = write.Object;
                var index = IndexFor(obj.Key.Resource);
                var previous = index.Get(obj.Key.SortKey);
                ChangeEvent change;
                if (write.Deleted)
                {
                    index.Remove(obj.Key.SortKey);
                    change = new ChangeEvent(WatchEventType.Deleted, obj.Revision, obj, previous);
                }
                else
                {
                    index.Set(obj);
                    change = new ChangeEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, obj.Revision, obj, previous);
                }
                Remember(change);
                if (_watchers.TryGetValue(obj.Key.Resource, out var watchers))
                {
                    foreach (var watcher in watchers.ToArray())
                    {
                        if (InNamespace(change, watcher.Namespace))
                        {
                            watcher.Offer(change);
                        }
                    }
                }
                Volatile.Write(ref _revision, obj.Revision);
            }
        }
    }

    internal void Remove(Watcher watcher)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(watcher.Resource, out var list))
            {
                list.Remove(watcher);
            }
        }
    }

    internal void Close()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers.Values.SelectMany(w => w))
            {
                watcher.Complete();
            }
            _watchers.Clear();
        }
    }

    private static bool InNamespace(ChangeEvent change, string? ns) => ns is null || change.Object.Key.Namespace == ns;

    private void Remember(ChangeEvent change)
    {
        if (_windowCount == _window.Length)
        {
            _oldestResumable = _window[_windowStart]!.Revision;
            _window[_windowStart] = change;
            _windowStart = (_windowStart + 1) % _window.Length;
        }
        else
        {
            _window[(_windowStart + _windowCount) % _window.Length] = change;
            _windowCount++;
        }
    }

    private ResourceIndex IndexFor(string resource)
    {
        if (!_resources.TryGetValue(resource, out var index))
        {
            _resources[resource] = index = new ResourceIndex(_options.IndexedFields?.GetValueOrDefault(resource));
        }
        return index;
    }
}
