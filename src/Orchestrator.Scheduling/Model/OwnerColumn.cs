using System.Runtime.CompilerServices;

namespace Orchestrator.Scheduling.Model;

/// <summary>
/// How many pods of one owner run on each node, indexed by the node's place in the snapshot: an immutable column in
/// 64-node copy-on-write chunks, so spreading reads a replica count per node with two array loads.
/// </summary>
/// <remarks>
/// Default spreading asks this of each of the ~500 nodes a cycle scores; asking each NodeInfo for its owner counts
/// chased three objects per node. A chunk no pod of the owner touches is never made, and the chunk table only reaches
/// the last chunk touched, so a small owner costs a few hundred bytes however large the cluster.
/// </remarks>
internal sealed class OwnerColumn
{
    internal const int ChunkBits = 6;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    public static readonly OwnerColumn Empty = new([], 0);

    private readonly int[]?[] _chunks;

    private OwnerColumn(int[]?[] chunks, int pods)
    {
        _chunks = chunks;
        Pods = pods;
    }

    /// <summary>The column of one pod per node index given (an index given twice holds two), built in one pass.</summary>
    public static OwnerColumn Of(IEnumerable<int> podNodeIndexes)
    {
        var chunks = new List<int[]?>();
        var pods = 0;
        foreach (var index in podNodeIndexes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            var c = index >> ChunkBits;
            while (chunks.Count <= c)
            {
                chunks.Add(null);
            }

            (chunks[c] ??= new int[ChunkSize])[index & ChunkMask]++;
            pods++;
        }

        return pods == 0 ? Empty : new OwnerColumn([.. chunks], pods);
    }

    /// <summary>Pods of the owner over all nodes; zero means the column is empty.</summary>
    public int Pods { get; }

    /// <summary>Pods of the owner on the node at this index (0 for any index the owner never reached).</summary>
    public int this[int index]
    {
        // Read on each of the 500 nodes a cycle scores, inside loops the JIT would otherwise leave a call in.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var c = index >> ChunkBits;
            return (uint)c < (uint)_chunks.Length && _chunks[c] is { } chunk ? chunk[index & ChunkMask] : 0;
        }
    }

    /// <summary>The counts of the ChunkSize nodes from (index &amp; ~ChunkMask), read at index &amp; ChunkMask; null when all are 0.</summary>
    internal int[]? ChunkOf(int index)
    {
        var c = index >> ChunkBits;
        return (uint)c < (uint)_chunks.Length ? _chunks[c] : null;
    }

    /// <summary>The column with delta more pods on the node at the index; this column is unchanged.</summary>
    /// <exception cref="InvalidOperationException">When the count would fall below zero: the caller lost track of a pod.</exception>
    public OwnerColumn Add(int index, int delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (delta == 0)
        {
            return this;
        }

        var c = index >> ChunkBits;
        var chunks = new int[]?[Math.Max(_chunks.Length, c + 1)];
        Array.Copy(_chunks, chunks, _chunks.Length);
        var chunk = chunks[c] is { } existing ? (int[])existing.Clone() : new int[ChunkSize];
        var count = chunk[index & ChunkMask] + delta;
        if (count < 0)
        {
            throw new InvalidOperationException($"node {index} would hold {count} pods of the owner");
        }

        chunk[index & ChunkMask] = count;
        chunks[c] = chunk;
        return new OwnerColumn(chunks, Pods + delta);
    }

    /// <summary>Each node index with at least one pod of the owner, and how many, in index order.</summary>
    public IEnumerable<(int Index, int Pods)> Nonzero()
    {
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] is not { } chunk)
            {
                continue;
            }

            for (var i = 0; i < ChunkSize; i++)
            {
                if (chunk[i] != 0)
                {
                    yield return ((c << ChunkBits) + i, chunk[i]);
                }
            }
        }
    }
}
