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
    // Slot 0 holds nodes without a zone label; a cluster has a few zones, more than this sends the cycle to the plugins.
    private const int ZoneSlots = 16;
    private const int SlotBits = 4;

    // Pods of one owner on one node past this go to the plugins: the key packs the count above the zone slot, and the
    // normalized scores are tabled by key.
    private const int MaxHostPods = 1 << 12;

    private readonly string?[] _zones = new string?[ZoneSlots];
    private readonly long[] _zonePods = new long[ZoneSlots];
    private readonly int[] _minHost = new int[ZoneSlots];
    private readonly int[] _maxHost = new int[ZoneSlots];
    private int[] _fit = [];
    private int[] _keys = [];
    private long[] _normalized = [];
    private ulong[] _feasible = [];

    // Nodes the row shows short of cpu, memory or pod slots, kept by index: why they were rejected matters only when no
    // node fits, so the rejection is named then (RejectShort) instead of on each of the hundreds of full nodes a packed
    // cluster's cycle passes.
    private readonly List<int> _short = [];
    private int _zoneCount;
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
        _zoneCount = 1;
        _overflow = false;
        _zones[0] = null;
        _zonePods[0] = 0;
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
    /// <remarks>It walks the node list a block of rows at a time, so rows, zones and owner counts are array reads in the loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Status? Filter(
        ProfileFramework framework, CycleState state, PodInfo pod, IFilterPlugin[] active, in NodePrecheck precheck,
        int toFind, Span<int> found, List<(int Node, Status Status)> rejected, out int feasibleCount, out int processed, out int next)
    {
        // Arrays and plain locals, the counts written to the out parameters only on the way out: with spans (two
        // registers each) and the counts behind byrefs the JIT spilled most of the loop's state to the stack.
        var count = _nodes.Count;
        var (fit, keys, bits, minHost, maxHost) = (_fit, _keys, _feasible, _minHost, _maxHost);
        var spreads = _spreads;

        // A row that fails the precheck with no rejecting flag is one NodeResourcesFit rejects, certainly so when the pod
        // asks for neither extended resources nor ephemeral storage (RejectionOf then always names the shortage).
        var deferShort = precheck.Numbers is NodeResourcesFitPlugin && pod.Requests.Extended is null && pod.Requests.EphemeralStorage <= 0;
        var (rejectingFlags, shortNodes) = (precheck.Rejected, _short);

        // The row whose MostAllocated score is lastFit. A row of zeros scores 0 (no allocatable: weights sum to 0).
        var none = default(NodeRow);
        ref readonly var scored = ref none;
        var lastFit = 0;
        var index = _start;
        var (n, visited) = (0, 0);
        while (visited < count && n < toFind)
        {
            var chunk = index >> NodeList.ChunkBits;
            var (blocks, zones) = _nodes.ChunkAt(chunk);
            var inChunk = index & NodeList.ChunkMask;
            var rows = blocks[inChunk >> NodeList.BlockBits];
            var blockStart = inChunk & ~NodeList.BlockMask;

            // rows[j] is node rowBase + j, the positionBase + j-th the cycle visits, with its zone at blockStart + j
            // and its owner count at ownedBase + j (a block lies inside one of OwnerColumn's chunks).
            var rowBase = (chunk << NodeList.ChunkBits) + blockStart;
            var owned = spreads ? _ownerPods.ChunkOf(rowBase) : null;
            var ownedBase = rowBase & ((1 << OwnerColumn.ChunkBits) - 1);
            var j = inChunk - blockStart;
            var end = Math.Min(rows.Length, j + (count - visited));
            var positionBase = visited - j;
            for (; j < end && n < toFind; j++)
            {
                ref readonly var row = ref rows[j];
                if (!precheck.Passes(in row))
                {
                    if (deferShort && (row.Flags & rejectingFlags) == 0)
                    {
                        shortNodes.Add(rowBase + j);
                        continue;
                    }

                    if (precheck.RejectionOf(pod, in row) is { IsRejected: true } rejection)
                    {
                        rejected.Add((rowBase + j, rejection));
                        continue;
                    }

                    var status = framework.RunFilters(state, pod, _nodes[rowBase + j], active);
                    if (status.IsRejected)
                    {
                        rejected.Add((rowBase + j, status));
                        continue;
                    }

                    if (!status.IsSuccess)
                    {
                        (feasibleCount, processed, next) = (n, positionBase + j, 0);
                        return status;
                    }
                }

                var position = positionBase + j;
                bits[position >> 6] |= 1UL << position;
                found[n] = rowBase + j;

                // A node requesting and offering what the last one scored did scores the same: in a packed cluster
                // most visited nodes are empty ones of one size, so the two divides are mostly skipped.
                if (row.NonZeroRequestedMilliCpu != scored.NonZeroRequestedMilliCpu || row.NonZeroRequestedMemory != scored.NonZeroRequestedMemory
                    || row.AllocatableMilliCpu != scored.AllocatableMilliCpu || row.AllocatableMemory != scored.AllocatableMemory)
                {
                    scored = ref row;
                    lastFit = (int)NodeResourcesFitPlugin.MostAllocatedCpuMemory(in row, _podCpu, _podMemory, _scoring.FitCpuWeight, _scoring.FitMemoryWeight);
                }

                fit[n] = lastFit;
                var key = 0;
                if (spreads)
                {
                    var host = owned is null ? 0 : owned[ownedBase + j];
                    var slot = zones[blockStart + j] is { } zone ? SlotOf(zone) : 0;
                    if (host >= MaxHostPods)
                    {
                        _overflow = true;
                        host = 0;
                    }

                    key = (host << SlotBits) | slot;
                    minHost[slot] = Math.Min(minHost[slot], host);
                    maxHost[slot] = Math.Max(maxHost[slot], host);
                }

                keys[n++] = key;
            }

            visited = positionBase + j;
            index = rowBase + j;
            index = index == count ? 0 : index;
        }

        (feasibleCount, processed, next) = (n, visited, index);
        return null;
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
    /// totals, and the same reservoir draw among ties from the same Random. False when the cycle needs the plugins.
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

        // PreScore's weights: log(domains + 2), every feasible node being its own hostname domain; the zones are those
        // of the feasible nodes, each of which is in a slot.
        var (hostWeight, zoneWeight) = (Math.Log(count + 2), Math.Log(_zoneCount - 1 + 2));
        long min = 0;
        long max = 0;
        var normalized = _normalized;
        if (_spreads)
        {
            // A raw score never falls as the node's own count rises (positive weights), so each zone's extremes come
            // from its fewest and most pods on a node, without a pass over the nodes.
            min = long.MaxValue;
            var highest = 0;
            for (var s = 0; s < _zoneCount; s++)
            {
                if (_maxHost[s] >= 0)
                {
                    min = Math.Min(min, Raw(_minHost[s], s, hostWeight, zoneWeight));
                    max = Math.Max(max, Raw(_maxHost[s], s, hostWeight, zoneWeight));
                    highest = Math.Max(highest, _maxHost[s]);
                }
            }

            var size = (highest + 1) << SlotBits;
            if (normalized.Length < size)
            {
                normalized = _normalized = new long[Math.Max(size, normalized.Length * 2)];
            }

            for (var s = 0; s < _zoneCount; s++)
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
        var bestTotal = constant + (fit[0] * fitWeight) + (normalized[keys[0]] * spreadWeight);
        var ties = 1;
        for (var n = 1; n < fit.Length; n++)
        {
            var total = constant + (fit[n] * fitWeight) + (normalized[keys[n]] * spreadWeight);
            if (total > bestTotal)
            {
                (best, bestTotal, ties) = (n, total, 1);
            }
            else if (total == bestTotal && random.Next(++ties) == 0)
            {
                best = n;
            }
        }

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

    // Zone labels are interned (NodeInfo), so a node's zone is almost always found among a few by reference.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(string zone)
    {
        var zones = _zones;
        for (var s = 1; s < _zoneCount; s++)
        {
            if (ReferenceEquals(zones[s], zone))
            {
                return s;
            }
        }

        return NewSlot(zone);
    }

    // A zone not found by reference: a string equal to one already seen is still the same domain, as spreading's
    // table counts it; else it takes the next slot.
    private int NewSlot(string zone)
    {
        for (var s = 1; s < _zoneCount; s++)
        {
            if (string.Equals(_zones[s], zone, StringComparison.Ordinal))
            {
                return s;
            }
        }

        if (_zoneCount == ZoneSlots)
        {
            _overflow = true;
            return 0;
        }

        _zones[_zoneCount] = zone;
        _zonePods[_zoneCount] = _ownerZones.Of(zone);
        return _zoneCount++;
    }
}
