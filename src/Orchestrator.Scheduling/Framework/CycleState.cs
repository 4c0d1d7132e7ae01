using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Data plugins share within one scheduling cycle of one pod; a new one is made for every cycle.</summary>
public sealed class CycleState
{
    // A few entries per cycle, read once per node by score plugins: a list searched by reference (keys are
    // constants) beats hashing the key on each of 500 nodes.
    private readonly List<KeyValuePair<string, object>> _data = [];

    // Made on first use: every cycle makes a CycleState, and skips two or three of a dozen plugins at most, so a list
    // searched by name costs less than a hash set's buckets on every decision.
    private List<string>? _skipFilter;
    private List<string>? _skipScore;

    public CycleState(Snapshot snapshot)
    {
        Snapshot = snapshot;
    }

    /// <summary>The snapshot this cycle reads, so plugins that look across nodes see the same cluster.</summary>
    public Snapshot Snapshot { get; }

    /// <summary>
    /// While the framework scores: the snapshot index of each node PreScore and Score are given, in the same order, so
    /// a plugin can read the node list's columns instead of each NodeInfo. Empty at any other time.
    /// </summary>
    internal ReadOnlyMemory<int> FeasibleIndexes { get; set; }

    public void Write(string key, object value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            _data[i] = new(key, value);
        }
        else
        {
            _data.Add(new(key, value));
        }
    }

    /// <summary>A copy for one what-if (a preemption candidate, a node with nominated pods): IStateData values are cloned, the rest shared.</summary>
    public CycleState Clone()
    {
        var clone = new CycleState(Snapshot);
        foreach (var (key, value) in _data)
        {
            clone._data.Add(new(key, value is IStateData data ? data.Copy() : value));
        }

        clone._skipFilter = _skipFilter is null ? null : [.. _skipFilter];
        clone._skipScore = _skipScore is null ? null : [.. _skipScore];
        return clone;
    }

    public T Read<T>(string key) where T : class =>
        IndexOf(key) is var i and >= 0 && _data[i].Value is T typed
            ? typed
            : throw new InvalidOperationException($"cycle state has no {typeof(T).Name} under {key}; did its PreFilter or PreScore run?");

    public bool TryRead<T>(string key, out T value) where T : class
    {
        if (IndexOf(key) is var i and >= 0 && _data[i].Value is T typed)
        {
            value = typed;
            return true;
        }

        value = null!;
        return false;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _data.Count; i++)
        {
            if (ReferenceEquals(_data[i].Key, key))
            {
                return i;
            }
        }

        for (var i = 0; i < _data.Count; i++)
        {
            if (_data[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    internal void SkipFilter(string plugin) => Add(_skipFilter ??= new(4), plugin);

    internal bool IsFilterSkipped(string plugin) => _skipFilter is not null && _skipFilter.Contains(plugin);

    internal void SkipScore(string plugin) => Add(_skipScore ??= new(4), plugin);

    internal bool IsScoreSkipped(string plugin) => _skipScore is not null && _skipScore.Contains(plugin);

    private static void Add(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }
}
