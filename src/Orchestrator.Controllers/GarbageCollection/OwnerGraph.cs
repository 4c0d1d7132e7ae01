using Orchestrator.Storage;

namespace Orchestrator.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector's dependency graph (kube's GraphBuilder, without virtual nodes): every object's key and the
/// uids it names as owners, and for every uid the objects that name it. Thread-safe.
/// </summary>
public sealed class OwnerGraph
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ObjectKey Key, string[] Owners)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Records the object; returns the owners it named before (empty when new).</summary>
    public string[] Set(string uid, ObjectKey key, string[] owners)
    {
        lock (_gate)
        {
            var before = _nodes.TryGetValue(uid, out var node) ? node.Owners : [];
            foreach (var owner in before.Except(owners))
            {
                Unlink(owner, uid);
            }
            foreach (var owner in owners)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    _dependents[owner] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(uid);
            }
            _nodes[uid] = (key, owners);
            return before;
        }
    }

    /// <summary>Forgets the object; returns its owners and its dependents.</summary>
    public (string[] Owners, string[] Dependents) Remove(string uid)
    {
        lock (_gate)
        {
            var owners = _nodes.Remove(uid, out var node) ? node.Owners : [];
            foreach (var owner in owners)
            {
                Unlink(owner, uid);
            }
            return (owners, _dependents.TryGetValue(uid, out var set) ? [.. set] : []);
        }
    }

    public bool Contains(string uid)
    {
        lock (_gate)
        {
            return _nodes.ContainsKey(uid);
        }
    }

    public ObjectKey? KeyOf(string uid)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(uid, out var node) ? node.Key : null;
        }
    }

    public string[] DependentsOf(string uid)
    {
        lock (_gate)
        {
            return _dependents.TryGetValue(uid, out var set) ? [.. set] : [];
        }
    }

    private void Unlink(string owner, string dependent)
    {
        if (_dependents.TryGetValue(owner, out var set) && set.Remove(dependent) && set.Count == 0)
        {
            _dependents.Remove(owner);
        }
    }
}
