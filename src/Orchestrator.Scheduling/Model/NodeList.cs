using System.Collections;

namespace Orchestrator.Scheduling.Model;

/// <summary>
/// The snapshot's nodes in a fixed order: an immutable list whose SetItem copies one 64-node chunk and the chunk table,
/// not the whole array, so assuming a pod onto one of 20,000 nodes costs ~1 KB instead of 160 KB on the large object heap.
/// </summary>
public sealed class NodeList : IReadOnlyList<NodeInfo>
{
    private const int ChunkBits = 6;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly NodeInfo[][] _chunks;

    private NodeList(NodeInfo[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public static NodeList Empty { get; } = new([], 0);

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    public NodeInfo this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the snapshot has {Count} nodes");
            }

            return _chunks[index >> ChunkBits][index & ChunkMask];
        }
    }

    public static NodeList Of(IEnumerable<NodeInfo> nodes)
    {
        var all = nodes.ToArray();
        var chunks = new NodeInfo[(all.Length + ChunkMask) >> ChunkBits][];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = all.AsSpan(c << ChunkBits, Math.Min(ChunkSize, all.Length - (c << ChunkBits))).ToArray();
        }

        return new NodeList(chunks, all.Length);
    }

    /// <summary>A list with the node at the index replaced; this list is unchanged and shares every other chunk.</summary>
    public NodeList SetItem(int index, NodeInfo node)
    {
        _ = this[index];
        var chunks = (NodeInfo[][])_chunks.Clone();
        var chunk = (NodeInfo[])chunks[index >> ChunkBits].Clone();
        chunk[index & ChunkMask] = node;
        chunks[index >> ChunkBits] = chunk;
        return new NodeList(chunks, Count);
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<NodeInfo> IEnumerable<NodeInfo>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks chunk by chunk without allocating, so a foreach over 5,000 nodes costs no more than over an array.</summary>
    public struct Enumerator : IEnumerator<NodeInfo>
    {
        private readonly NodeInfo[][] _chunks;
        private int _chunk;
        private int _index;

        internal Enumerator(NodeList list)
        {
            _chunks = list._chunks;
            _chunk = 0;
            _index = -1;
            Current = null!;
        }

        public NodeInfo Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_chunk < _chunks.Length)
            {
                if (++_index < _chunks[_chunk].Length)
                {
                    Current = _chunks[_chunk][_index];
                    return true;
                }

                (_chunk, _index) = (_chunk + 1, -1);
            }

            return false;
        }

        public void Reset() => (_chunk, _index) = (0, -1);

        public readonly void Dispose()
        {
        }
    }
}
