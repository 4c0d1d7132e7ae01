using System.Runtime.CompilerServices;
using System.Collections;

namespace Orchestrator.Scheduling.Model;

/// <summary>
/// The snapshot's nodes in a fixed order: an immutable list whose SetItem copies the 16-node blocks holding the node and
/// its row, their 128-node chunk's block tables and the chunk table, not the whole array, so assuming a pod onto one of
/// 20,000 nodes costs ~2 KB instead of 160 KB on the large object heap.
/// </summary>
/// <remarks>
/// Each chunk keeps its nodes' NodeRows beside them (a struct-of-rows table that hot filters and scores read by index),
/// copied on write a 16-row block at a time (a whole chunk's rows were 4 KB of the 8 KB a decision allocated), so the
/// table is always the projection of exactly these nodes; and their zone labels and zone ids (ZoneNames), which
/// spreading reads on every scored node and which a pod landing on a node does not change.
/// </remarks>
public sealed class NodeList : IReadOnlyList<NodeInfo>
{
    /// <summary>Nodes per chunk as a power of two. Nodes and rows are kept in blocks, and a block lies inside one of OwnerColumn's chunks.</summary>
    internal const int ChunkBits = 7;
    internal const int ChunkSize = 1 << ChunkBits;
    internal const int ChunkMask = ChunkSize - 1;

    /// <summary>Nodes and rows per block: assuming a pod copies one block of each (1 KB of rows), not the chunk's 8 KB.</summary>
    internal const int BlockBits = 4;
    internal const int BlockMask = (1 << BlockBits) - 1;

    /// <summary>Zone ids are bytes; a list that has named more zones than this gives the rest this id, shared.</summary>
    internal const int MaxZoneId = byte.MaxValue;

    private readonly Chunk[] _chunks;

    private NodeList(Chunk[] chunks, string[] zoneNames, int count, int zoneCount, int taintedCount)
    {
        _chunks = chunks;
        ZoneNames = zoneNames;
        Count = count;
        ZoneCount = zoneCount;
        TaintedCount = taintedCount;
    }

    public static NodeList Empty { get; } = new([], [], 0, 0, 0);

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

            return _chunks[index >> ChunkBits].Nodes[(index & ChunkMask) >> BlockBits][index & BlockMask];
        }
    }

    /// <summary>The node's row in the table: the same node as this[index], its numbers laid out for hot loops.</summary>
    internal ref readonly NodeRow RowAt(int index) => ref _chunks[index >> ChunkBits].Rows[(index & ChunkMask) >> BlockBits][index & BlockMask];

    /// <summary>The node's interned zone label (NodeInfo.Zone) without touching the node: spreading reads it on every scored node.</summary>
    internal string? ZoneAt(int index) => _chunks[index >> ChunkBits].Zones[index & ChunkMask];

    /// <summary>The node's zone id: its label's place in ZoneNames plus one, 0 without a zone label.</summary>
    internal byte ZoneIdAt(int index) => _chunks[index >> ChunkBits].ZoneIds[index & ChunkMask];

    /// <summary>The rows and zone ids of the chunk holding nodes [c × ChunkSize, ...), for a loop that walks a chunk at a time.</summary>
    /// <remarks>Inlined: the fused filter loop asks it once per 16-node block, and the tuple made it a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal (NodeRow[][] Rows, byte[] ZoneIds) ChunkAt(int c) => (_chunks[c].Rows, _chunks[c].ZoneIds);

    /// <summary>
    /// Every zone label the list has numbered, id - 1 to name: id 0 is a node without one. A cycle that spreads keeps
    /// its counts by id, read with one byte load per node, rather than looking each node's zone up among the zones it
    /// has seen. Lists made from this one by SetItem share the numbering, appending a zone none of them had; a zone no
    /// node carries any more keeps its id until a list is built afresh (Of, as the scheduler's rebuilt snapshots are).
    /// </summary>
    internal string[] ZoneNames { get; }

    /// <summary>A reader for hot loops over indexes that mostly run in order: it looks a chunk up once per 128 nodes.</summary>
    internal Reader Read() => new(_chunks);

    /// <summary>How many distinct zones the nodes are in: once a cycle has seen this many, no other node adds one.</summary>
    internal int ZoneCount { get; }

    /// <summary>How many nodes carry any taint: with none, TaintToleration's score is 0 on every node without a look.</summary>
    internal int TaintedCount { get; }

    public static NodeList Of(IEnumerable<NodeInfo> nodes)
    {
        var all = nodes.ToArray();
        var names = new List<string>();
        var chunks = new Chunk[(all.Length + ChunkMask) >> ChunkBits];
        for (var c = 0; c < chunks.Length; c++)
        {
            var part = all.AsSpan(c << ChunkBits, Math.Min(ChunkSize, all.Length - (c << ChunkBits))).ToArray();
            chunks[c] = new Chunk(
                [.. part.Chunk(1 << BlockBits)],
                [.. part.Chunk(1 << BlockBits).Select(block => block.Select(NodeRow.Of).ToArray())],
                [.. part.Select(n => n.Zone)],
                [.. part.Select(n => IdOf(n.Zone, names))]);
        }

        return new NodeList(chunks, [.. names], all.Length, CountZones(chunks), chunks.Sum(c => c.Rows.Sum(block => block.Count(IsTainted))));
    }

    /// <summary>A list with the node at the index replaced; this list is unchanged and shares every other chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NodeList SetItem(int index, NodeInfo node)
    {
        _ = this[index];
        var chunks = (Chunk[])_chunks.Clone();
        var (nodes, rows, zones, zoneIds) = chunks[index >> ChunkBits];
        var (b, r) = ((index & ChunkMask) >> BlockBits, index & BlockMask);
        var wasTainted = IsTainted(rows[b][r]);
        nodes = (NodeInfo[][])nodes.Clone();
        rows = (NodeRow[][])rows.Clone();
        (nodes[b] = (NodeInfo[])nodes[b].Clone())[r] = node;
        var block = rows[b] = (NodeRow[])rows[b].Clone();
        block[r] = NodeRow.Of(node);

        // Assuming a pod keeps the node's labels, so the zones are shared with the old chunk unless this one moved.
        var zoneMoved = !ReferenceEquals(zones[index & ChunkMask], node.Zone);
        var names = ZoneNames;
        if (zoneMoved)
        {
            (zones, zoneIds) = ((string?[])zones.Clone(), (byte[])zoneIds.Clone());
            zones[index & ChunkMask] = node.Zone;
            var numbered = new List<string>(names);
            zoneIds[index & ChunkMask] = IdOf(node.Zone, numbered);
            names = numbered.Count == names.Length ? names : [.. numbered];
        }

        chunks[index >> ChunkBits] = new Chunk(nodes, rows, zones, zoneIds);
        var tainted = TaintedCount + (IsTainted(block[r]) ? 1 : 0) - (wasTainted ? 1 : 0);
        return new NodeList(chunks, names, Count, zoneMoved ? CountZones(chunks) : ZoneCount, tainted);
    }

    public Enumerator GetEnumerator() => new(this);

    private static bool IsTainted(NodeRow row) => (row.Flags & NodeFlags.Taints) != 0;

    // The zone's id in names (appended when new); labels are interned (NodeInfo), so compared by reference first.
    private static byte IdOf(string? zone, List<string> names)
    {
        if (zone is null)
        {
            return 0;
        }

        var i = names.FindIndex(name => ReferenceEquals(name, zone) || name == zone);
        if (i < 0)
        {
            names.Add(zone);
            i = names.Count - 1;
        }

        return (byte)Math.Min(i + 1, MaxZoneId);
    }

    // Zone labels are interned (NodeInfo), so distinct references are distinct zones.
    private static int CountZones(Chunk[] chunks)
    {
        var zones = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var chunk in chunks)
        {
            foreach (var zone in chunk.Zones)
            {
                if (zone is not null)
                {
                    zones.Add(zone);
                }
            }
        }

        return zones.Count;
    }

    IEnumerator<NodeInfo> IEnumerable<NodeInfo>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// RowAt and ZoneAt for a loop over feasible indexes, which come in runs of consecutive nodes (the scheduler searches
    /// round-robin): the chunk is looked up when the index leaves it, not on every node. A local, never copied.
    /// </summary>
    internal struct Reader
    {
        private readonly Chunk[] _chunks;
        private int _chunk;
        private NodeRow[][] _rows;
        private string?[] _zones;

        internal Reader(Chunk[] chunks)
        {
            _chunks = chunks;
            _chunk = -1;
            _rows = [];
            _zones = [];
        }

        public ref readonly NodeRow Row(int index)
        {
            Enter(index);
            return ref _rows[(index & ChunkMask) >> BlockBits][index & BlockMask];
        }

        public string? Zone(int index)
        {
            Enter(index);
            return _zones[index & ChunkMask];
        }

        private void Enter(int index)
        {
            if (index >> ChunkBits != _chunk)
            {
                _chunk = index >> ChunkBits;
                (_, _rows, _zones, _) = _chunks[_chunk];
            }
        }
    }

    /// <summary>Walks chunk by chunk without allocating, so a foreach over 5,000 nodes costs no more than over an array.</summary>
    public struct Enumerator : IEnumerator<NodeInfo>
    {
        private readonly Chunk[] _chunks;
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
                var blocks = _chunks[_chunk].Nodes;
                var next = _index + 1;
                if (next >> BlockBits < blocks.Length && (next & BlockMask) < blocks[next >> BlockBits].Length)
                {
                    _index = next;
                    Current = blocks[next >> BlockBits][next & BlockMask];
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

    // A class, not a struct: assuming a pod copies the chunk table, and 40 references copy in half the bytes of 40
    // three-array structs; the 40 chunk objects stay in cache.
    internal sealed record Chunk(NodeInfo[][] Nodes, NodeRow[][] Rows, string?[] Zones, byte[] ZoneIds);
}
