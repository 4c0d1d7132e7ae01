using System.Collections;
using System.Runtime.InteropServices;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// One cycle's feasible nodes as indexes into the snapshot's node list, read as NodeInfos only when a plugin asks:
/// the row paths score from the indexes, so the filter loop no longer loads and lists 500 NodeInfo references.
/// </summary>
/// <remarks>Scratch the scheduler reuses for every cycle (it schedules one pod at a time); nothing may keep it.</remarks>
internal sealed class FeasibleNodes : IReadOnlyList<NodeInfo>
{
    private readonly List<NodeInfo> _materialized = [];
    private NodeList _nodes = NodeList.Empty;
    private int[] _indexes = [];
    private bool _isMaterialized;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indexes => _indexes.AsSpan(0, Count);

    public NodeInfo this[int index] =>
        (uint)index < (uint)Count ? _nodes[_indexes[index]] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Starts a cycle over the list with room for up to capacity feasible nodes.</summary>
    public void Reset(NodeList nodes, int capacity)
    {
        _nodes = nodes;
        if (_indexes.Length < capacity)
        {
            _indexes = new int[capacity];
        }

        Count = 0;
        _isMaterialized = false;
        _materialized.Clear();
    }

    /// <summary>Room for this cycle's indexes, filled by the caller's loop and then committed with SetCount.</summary>
    public int[] Buffer => _indexes;

    public void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _indexes.Length);
        Count = count;
    }

    /// <summary>The indexes for the cycle's state and score table: valid until the next Reset.</summary>
    public ReadOnlyMemory<int> IndexMemory => _indexes.AsMemory(0, Count);

    /// <summary>The NodeInfos in order, for plugins without a row path (ScoreAll takes a span); built once per cycle.</summary>
    public ReadOnlySpan<NodeInfo> AsSpan()
    {
        if (!_isMaterialized)
        {
            _materialized.Clear();
            for (var i = 0; i < Count; i++)
            {
                _materialized.Add(_nodes[_indexes[i]]);
            }

            _isMaterialized = true;
        }

        return CollectionsMarshal.AsSpan(_materialized);
    }

    public IEnumerator<NodeInfo> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _nodes[_indexes[i]];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
