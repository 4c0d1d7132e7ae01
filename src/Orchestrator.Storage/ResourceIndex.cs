namespace Orchestrator.Storage;

/// <summary>The objects of one resource by sort key (namespace/name), ordered for paged lists.</summary>
internal sealed class ResourceIndex(string? indexedField = null)
{
    private readonly Dictionary<string, StoredObject> _items = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, StoredObject>> _byField = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public StoredObject? Get(string sortKey) => _items.GetValueOrDefault(sortKey);

    public void Set(StoredObject obj)
    {
        var key = obj.Key.SortKey;
        if (_items.TryGetValue(key, out var previous))
        {
            Unindex(previous);
            _items[key] = obj;
        }
        else
        {
            _items[key] = obj;
            _keys.Add(key);
        }
        Index(obj);
    }

    /// <summary>The objects whose indexed field has <paramref name="value"/>; empty when the field is not indexed.</summary>
    public IReadOnlyCollection<StoredObject> WithField(string field, string value) =>
        field == indexedField && _byField.TryGetValue(value, out var objects) ? objects.Values : [];

    private void Index(StoredObject obj)
    {
        if (indexedField is not null && obj.Summary.Field(indexedField) is { Length: > 0 } value)
        {
            if (!_byField.TryGetValue(value, out var objects))
            {
                _byField[value] = objects = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
            }
            objects[obj.Key.SortKey] = obj;
        }
    }

    private void Unindex(StoredObject obj)
    {
        if (indexedField is not null && obj.Summary.Field(indexedField) is { Length: > 0 } value && _byField.TryGetValue(value, out var objects))
        {
            objects.Remove(obj.Key.SortKey);
            if (objects.Count == 0)
            {
                _byField.Remove(value);
            }
        }
    }

    public void Remove(string sortKey)
    {
        if (_items.Remove(sortKey, out var previous))
        {
            _keys.Remove(sortKey);
            Unindex(previous);
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
