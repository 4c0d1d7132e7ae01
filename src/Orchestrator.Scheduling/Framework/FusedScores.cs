using System.Numerics;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;

namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// A fused cycle's scores kept as the few numbers they are worked out from, so a ScoreTable costs a hundred bytes per
/// decision instead of two arrays over 500 nodes, and is filled only when someone reads it (an explanation, a test).
/// </summary>
/// <remarks>
/// Everything here is immutable (the snapshot's node list and owner columns) or a copy (which visited nodes were
/// feasible, a bit each), so the table can be filled long after the scheduler has moved on to other cycles.
/// </remarks>
internal sealed class FusedScores(
    FusedScoring scoring, NodeList nodes, int start, ulong[] feasible, int count, long podCpu, long podMemory)
{
    public int Count => count;

    public bool Spreads { get; init; }

    public OwnerColumn OwnerPods { get; init; } = OwnerColumn.Empty;

    public DomainCounts OwnerZones { get; init; } = DomainCounts.None;

    public double HostWeight { get; init; }

    public double ZoneWeight { get; init; }

    /// <summary>The cycle's lowest and highest raw spreading scores, which normalization scales by.</summary>
    public long Min { get; init; }

    public long Max { get; init; }

    /// <summary>The feasible nodes' indexes in the order the cycle found them: bit p is the p-th node from start, round-robin.</summary>
    public int[] Indexes()
    {
        var indexes = new int[count];
        var n = 0;
        for (var word = 0; word < feasible.Length; word++)
        {
            for (var bits = feasible[word]; bits != 0; bits &= bits - 1)
            {
                var index = start + (word << 6) + BitOperations.TrailingZeroCount(bits);
                indexes[n++] = index >= nodes.Count ? index - nodes.Count : index;
            }
        }

        return indexes;
    }

    /// <summary>The node-major table of normalized scores the plugins would have given, for the feasible nodes in order.</summary>
    public byte[] Table(int[] indexes)
    {
        var columns = scoring.Columns;
        var table = new byte[indexes.Length * columns];
        for (var n = 0; n < indexes.Length; n++)
        {
            var index = indexes[n];
            var offset = n * columns;
            if (scoring.TaintColumn >= 0)
            {
                table[offset + scoring.TaintColumn] = (byte)FusedScoring.TaintScore;
            }

            // NodeAffinity's column stays 0: the fused path serves only pods without preferred terms, which it skips.
            if (scoring.FitColumn >= 0)
            {
                table[offset + scoring.FitColumn] = (byte)NodeResourcesFitPlugin.MostAllocatedCpuMemory(
                    in nodes.RowAt(index), podCpu, podMemory, scoring.FitCpuWeight, scoring.FitMemoryWeight);
            }

            if (Spreads)
            {
                var zone = nodes.ZoneAt(index);
                var raw = scoring.SpreadRaw(OwnerPods[index], zone is null ? 0 : OwnerZones.Of(zone), zone is not null, HostWeight, ZoneWeight);
                table[offset + scoring.SpreadColumn] = (byte)FusedScoring.SpreadNormalized(raw, Min, Max);
            }
        }

        return table;
    }
}
