using System.Numerics;
using System.Runtime.CompilerServices;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// One cycle of fused scoring: a filter loop that keeps what scoring needs of each feasible node while its row is at
/// hand, then the host picked in one pass over what was kept, with the plugins' scores, totals and tie-break.
/// </summary>
/// <remarks>Scratch the scheduler reuses for every cycle (it schedules one pod at a time); nothing may keep it.</remarks>
internal sealed class FusedCycle
{
    // A zone's slot is its id in the node list (NodeList.ZoneNames), 0 for nodes without a zone label; a cluster has a
    // few zones, and a list that has numbered more than this sends the cycle to the plugins.
    private const int ZoneSlots = 16;
    private const int SlotBits = 4;

    // Pods of one owner on one node past this go to the plugins: the key packs the count above the zone slot, and the
    // normalized scores are tabled by key.
    private const int MaxHostPods = 1 << 12;

    private readonly long[] _zonePods = new long[ZoneSlots];
    private readonly int[] _minHost = new int[ZoneSlots];
    private readonly int[] _maxHost = new int[ZoneSlots];
    private int[] _fit = [];
    private int[] _keys = [];
    private long[] _normalized = [];
    private ulong[] _feasible = [];
    private long[] _totals = [];

    // Nodes the row shows short of cpu, memory or pod slots, kept by index: why they were rejected matters only when no
    // node fits, so the rejection is named then (RejectShort) instead of on each of the hundreds of full nodes a packed
    // cluster's cycle passes.
    private readonly List<int> _short = [];
    private bool _overflow;

    private FusedScoring _scoring = null!;
    private NodeList _nodes = NodeList.Empty;
    private OwnerColumn _ownerPods = OwnerColumn.Empty;
    private DomainCounts _ownerZones = DomainCounts.None;
    private long _podCpu;
    private long _podMemory;
    private bool _spreads;
    private int _start;

    /// <summary>Starts a cycle that visits the nodes round-robin from start and finds up to capacity feasible ones.</summary>
    public void Begin(FusedScoring scoring, PodInfo pod, Snapshot snapshot, int start, int capacity)
    {
        (_scoring, _nodes, _start, _podCpu, _podMemory) = (scoring, snapshot.Nodes, start, pod.NonZeroMilliCpu, pod.NonZeroMemory);
        if (_fit.Length < capacity)
        {
            _fit = new int[capacity];
            _keys = new int[capacity];
        }

        var words = (_nodes.Count + 63) >> 6;
        if (_feasible.Length < words)
        {
            _feasible = new ulong[words];
        }

        _feasible.AsSpan(0, words).Clear();
        _short.Clear();
        _spreads = scoring.Spreads(pod);
        (_ownerPods, _ownerZones) = _spreads ? (snapshot.PodsOf(pod.Owner!.Uid), snapshot.ZonePodsOf(pod.Owner.Uid)) : (OwnerColumn.Empty, DomainCounts.None);
        // The owner's pods per zone, by the slot (zone id) the filter loop reads off each node.
        var zones = _nodes.ZoneNames;
        _overflow = _spreads && zones.Length >= ZoneSlots;
        _zonePods[0] = 0;
        for (var id = 1; _spreads && !_overflow && id <= zones.Length; id++)
        {
            _zonePods[id] = _ownerZones.Of(zones[id - 1]);
        }
        _minHost.AsSpan().Fill(int.MaxValue);
        _maxHost.AsSpan().Fill(-1);
    }

    /// <summary>
    /// The scheduler's filter loop for a row-judgeable pod, from the start Begin was given: a node whose row passes the
    /// precheck is feasible, one it rejects is listed with the row's verdict, any other runs the filters. What the
    /// plugins would compute from each feasible node is kept as it is found: MostAllocated's score, and the owner's pods
    /// on it and its zone for spreading. Stops after count nodes or toFind feasible ones, as the general loop does.
    /// </summary>
    /// <returns>The filters' error on a node, which ends the cycle; else null.</returns>
    /// <remarks>
    /// It walks the node list a block of rows at a time: first the filter pass over the block, which marks each feasible
    /// row in a bit of a mask, then Keep over the marked rows while the block is in cache. Two small loops, each of which
    /// the JIT keeps in registers; one loop doing both spilled most of its state to the stack on every node.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Status? Filter(
        ProfileFramework framework, CycleState state, PodInfo pod, IFilterPlugin[] active, in NodePrecheck precheck,
        int toFind, int[] found, List<(int Node, Status Status)> rejected, out int feasibleCount, out int processed, out int next)
    {
        var count = _nodes.Count;

        // A row that fails the precheck with no rejecting flag is one NodeResourcesFit rejects, certainly so when the pod
        // asks for neither extended resources nor ephemeral storage (RejectionOf then always names the shortage).
        var deferShort = precheck.Numbers is NodeResourcesFitPlugin && pod.Requests.Extended is null && pod.Requests.EphemeralStorage <= 0;
        var rejectingFlags = precheck.Rejected;

        // The last row MostAllocated scored, carried from block to block.
        var memo = default(FitMemo);
        var index = _start;
        var (n, visited) = (0, 0);
        while (visited < count && n < toFind)
        {
            var chunk = index >> NodeList.ChunkBits;
            var (blocks, zoneIds) = _nodes.ChunkAt(chunk);
            var inChunk = index & NodeList.ChunkMask;
            var rows = blocks[inChunk >> NodeList.BlockBits];
            var blockStart = inChunk & ~NodeList.BlockMask;

            // rows[j] is node rowBase + j, the positionBase + j-th the cycle visits.
            var rowBase = (chunk << NodeList.ChunkBits) + blockStart;
            var j = inChunk - blockStart;
            var (from, first) = (j, n);
            var end = Math.Min(rows.Length, j + (count - visited));
            var positionBase = visited - j;
            var mask = 0u;
            for (; j < end && n < toFind; j++)
            {
                if (precheck.Passes(in rows[j]))
                {
                    mask |= 1u << j;
                    found[n++] = rowBase + j;
                }
                else if (deferShort && (rows[j].Flags & rejectingFlags) == 0)
                {
                    _short.Add(rowBase + j);
                }
                else if (Reject(framework, state, pod, active, in precheck, rowBase + j, rejected) is { } error)
                {
                    (feasibleCount, processed, next) = (n, positionBase + j, 0);
                    return error;
                }
            }

            if (mask != 0)
            {
                Keep(rows, zoneIds, blockStart, rowBase, mask, first, ref memo);
                MarkFeasible(positionBase + from, mask >> from);
            }

            visited = positionBase + j;
            index = rowBase + j;
            index = index == count ? 0 : index;
        }

        (feasibleCount, processed, next) = (n, visited, index);
        return null;
    }

    // A node whose row failed the precheck: listed with the row's verdict, or judged by the filters; their error, which
    // ends the cycle, is returned. Out of the filter loop, which then holds no calls of its own.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Status? Reject(
        ProfileFramework framework, CycleState state, PodInfo pod, IFilterPlugin[] active, in NodePrecheck precheck, int index,
        List<(int Node, Status Status)> rejected)
    {
        if (precheck.RejectionOf(pod, in _nodes.RowAt(index)) is { IsRejected: true } rejection)
        {
            rejected.Add((index, rejection));
            return null;
        }

        var status = framework.RunFilters(state, pod, _nodes[index], active);
        if (status.IsRejected)
        {
            rejected.Add((index, status));
            return null;
        }

        return status.IsSuccess ? null : status;
    }

    /// <summary>
    /// What scoring needs of the feasible rows of one block, the set bits of mask, which are the feasible nodes first,
    /// first + 1, ... of the cycle: MostAllocated's score, and for spreading the owner's pods on the node and its zone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private void Keep(NodeRow[] rows, byte[] zoneIds, int blockStart, int rowBase, uint mask, int first, ref FitMemo memo)
    {
        var (fit, keys, n) = (_fit, _keys, first);
        var (podCpu, podMemory, cpuWeight, memoryWeight) = (_podCpu, _podMemory, _scoring.FitCpuWeight, _scoring.FitMemoryWeight);
        var (requestedCpu, requestedMemory, allocatableCpu, allocatableMemory, lastFit) =
            (memo.RequestedMilliCpu, memo.RequestedMemory, memo.AllocatableMilliCpu, memo.AllocatableMemory, memo.Fit);
        for (var bits = mask; bits != 0; bits &= bits - 1)
        {
            ref readonly var row = ref rows[BitOperations.TrailingZeroCount(bits)];

            // A node requesting and offering what the last one scored did scores the same: in a packed cluster most
            // visited nodes are empty ones of one size, so the two divides are mostly skipped.
            if (row.NonZeroRequestedMilliCpu != requestedCpu || row.NonZeroRequestedMemory != requestedMemory
                || row.AllocatableMilliCpu != allocatableCpu || row.AllocatableMemory != allocatableMemory)
            {
                (requestedCpu, requestedMemory, allocatableCpu, allocatableMemory) =
                    (row.NonZeroRequestedMilliCpu, row.NonZeroRequestedMemory, row.AllocatableMilliCpu, row.AllocatableMemory);
                lastFit = (int)NodeResourcesFitPlugin.MostAllocatedCpuMemory(in row, podCpu, podMemory, cpuWeight, memoryWeight);
            }

            fit[n++] = lastFit;
        }

        (memo.RequestedMilliCpu, memo.RequestedMemory, memo.AllocatableMilliCpu, memo.AllocatableMemory, memo.Fit) =
            (requestedCpu, requestedMemory, allocatableCpu, allocatableMemory, lastFit);
        if (!_spreads || _overflow)
        {
            keys.AsSpan(first, n - first).Clear();
            return;
        }

        // Each node's owner count and zone as one key; each zone's fewest and most, which normalization scales by.
        // More pods than MaxHostPods is caught by TrySelect, from the highest count.
        var (owned, ownedBase, minHost, maxHost) = (_ownerPods.ChunkOf(rowBase), rowBase & ((1 << OwnerColumn.ChunkBits) - 1), _minHost, _maxHost);
        n = first;
        for (var bits = mask; bits != 0; bits &= bits - 1)
        {
            var j = BitOperations.TrailingZeroCount(bits);
            var host = owned is null ? 0 : owned[ownedBase + j];
            var slot = (int)zoneIds[blockStart + j];
            keys[n++] = (host << SlotBits) | slot;
            minHost[slot] = Math.Min(minHost[slot], host);
            maxHost[slot] = Math.Max(maxHost[slot], host);
        }
    }

    // Sets bits position, position + 1, ... for the set bits of a block's mask (16 bits at most), in the cycle's
    // one-bit-per-visited-node record of which nodes were feasible.
    private void MarkFeasible(int position, uint mask)
    {
        var (word, shift) = (position >> 6, position & 63);
        _feasible[word] |= (ulong)mask << shift;

        // Bits that spill into the next word are of visited nodes, so that word is in the record.
        if (shift > 0 && (ulong)mask >> (64 - shift) is not 0 and var high)
        {
            _feasible[word + 1] |= high;
        }
    }

    // The row MostAllocated last scored and its score; zeros score 0 (no allocatable: the weights sum to 0).
    private struct FitMemo
    {
        public long RequestedMilliCpu;
        public long RequestedMemory;
        public long AllocatableMilliCpu;
        public long AllocatableMemory;
        public int Fit;
    }

    /// <summary>Names the rejection of each node Filter found short, for a cycle in which no node fits.</summary>
    public void RejectShort(PodInfo pod, in NodePrecheck precheck, List<(int Node, Status Status)> rejected)
    {
        foreach (var index in _short)
        {
            rejected.Add((index, precheck.RejectionOf(pod, in _nodes.RowAt(index)) is { IsRejected: true } rejection
                ? rejection
                : throw new InvalidOperationException($"node {index} was deferred as short but its row names no rejection")));
        }

        _short.Clear();
    }

    /// <summary>
    /// Picks the host among the count feasible nodes added, as the framework's scoring and SelectHost would: the same
    /// totals, and the same draw among ties from the same Random (HostSelection). False when the cycle needs the plugins.
    /// processed is how many nodes the cycle visited, so the explanation keeps which of them were feasible in a bit each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TrySelect(int count, int processed, Random random, out int best, out FusedScores scores)
    {
        (best, scores) = (0, null!);
        if (_overflow)
        {
            return false;
        }

        // The zones of the feasible nodes: the slots past 0 (no zone label) that the filter loop saw a node in.
        var (zones, highest) = (0, 0);
        for (var s = 0; s < ZoneSlots; s++)
        {
            zones += s > 0 && _maxHost[s] >= 0 ? 1 : 0;
            highest = Math.Max(highest, _maxHost[s]);
        }

        if (highest >= MaxHostPods)
        {
            return false;
        }

        // PreScore's weights: log(domains + 2), every feasible node being its own hostname domain.
        var (hostWeight, zoneWeight) = (Math.Log(count + 2), Math.Log(zones + 2));
        long min = 0;
        long max = 0;
        var normalized = _normalized;
        if (_spreads)
        {
            // A raw score never falls as the node's own count rises (positive weights), so each zone's extremes come
            // from its fewest and most pods on a node, without a pass over the nodes.
            min = long.MaxValue;
            for (var s = 0; s < ZoneSlots; s++)
            {
                if (_maxHost[s] >= 0)
                {
                    min = Math.Min(min, Raw(_minHost[s], s, hostWeight, zoneWeight));
                    max = Math.Max(max, Raw(_maxHost[s], s, hostWeight, zoneWeight));
                }
            }

            var size = (highest + 1) << SlotBits;
            if (normalized.Length < size)
            {
                normalized = _normalized = new long[Math.Max(size, normalized.Length * 2)];
            }

            for (var s = 0; s < ZoneSlots; s++)
            {
                for (var h = _minHost[s]; h <= _maxHost[s]; h++)
                {
                    normalized[(h << SlotBits) | s] = FusedScoring.SpreadNormalized(Raw(h, s, hostWeight, zoneWeight), min, max);
                }
            }
        }
        else if (normalized.Length == 0)
        {
            normalized = _normalized = new long[1 << SlotBits];
        }

        // Keys are all 0 without spreading, so the spreading term is then Normalized[0] x 0.
        var (fitWeight, spreadWeight) = (_scoring.FitWeight, _spreads ? _scoring.SpreadWeight : 0);
        var constant = _scoring.TaintColumn >= 0 ? FusedScoring.TaintScore * _scoring.TaintWeight : 0;
        var fit = _fit.AsSpan(0, count);
        var keys = _keys.AsSpan(0, count);
        if (_totals.Length < count)
        {
            _totals = new long[_fit.Length];
        }

        // Totals and the highest in one pass, then HostSelection's draw among the ties.
        var totals = _totals.AsSpan(0, count);
        var (first, bestTotal, ties) = (0, long.MinValue, 0);
        for (var n = 0; n < totals.Length; n++)
        {
            var total = totals[n] = constant + (fit[n] * fitWeight) + (normalized[keys[n]] * spreadWeight);
            if (total > bestTotal)
            {
                (first, bestTotal, ties) = (n, total, 1);
            }
            else if (total == bestTotal)
            {
                ties++;
            }
        }

        best = HostSelection.Pick(totals, first, ties, random);
        scores = new FusedScores(_scoring, _nodes, _start, _feasible.AsSpan(0, (processed + 63) >> 6).ToArray(), count, _podCpu, _podMemory)
        {
            Spreads = _spreads,
            OwnerPods = _ownerPods,
            OwnerZones = _ownerZones,
            HostWeight = hostWeight,
            ZoneWeight = zoneWeight,
            Min = min,
            Max = max,
        };
        return true;
    }

    private long Raw(int host, int slot, double hostWeight, double zoneWeight) =>
        _scoring.SpreadRaw(host, _zonePods[slot], slot != 0, hostWeight, zoneWeight);
}
