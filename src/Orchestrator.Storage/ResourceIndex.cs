namespace Orchestrator.Storage;

/// <summary>The objects of one resource by sort key (namespace/name), ordered for paged lists.</summary>
internal sealed class ResourceIndex
{
    private readonly Dictionary<string, StoredObject> _items = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public StoredObject? Get(string sortKey) => _items.GetValueOrDefault(sortKey);

    public void Set(StoredObject obj)
    {
        var key = obj.Key.SortKey;
        if (_items.TryAdd(key, obj))
        {
            _keys.Add(key);
        }
        else
        {
            _items[key] = obj;
        }
    }

    public void Remove(string sortKey)
    {
        if (_items.Remove(sortKey))
        {
            _keys.Remove(sortKey);
        }
    }

    /// <summary>Objects in key order, within one namespace when given, strictly after <paramref name="after"/>.</summary>
    public IEnumerable<StoredObject> Range(string? ns, string? after)
    {
        if (_keys.Count == 0)
        {
            yield break;
        }
        var lower = ns is null ? _keys.Min! : ns + "/";
        var upper = ns is null ? _keys.Max! : ns + "/\uffff";
        if (after is not null && string.CompareOrdinal(after, lower) > 0)
        {
            lower = after;
        }
        if (string.CompareOrdinal(lower, upper) > 0)
        {
            yield break;
        }
        foreach (var key in _keys.GetViewBetween(lower, upper))
        {
            if (key == after)
            {
                continue;
            }
            yield return _items[key];
        }
    }
}
