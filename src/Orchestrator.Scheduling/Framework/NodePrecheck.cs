using System.Runtime.CompilerServices;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// What a node's row must show for every active filter to pass one pod, gathered once per cycle from the filters
/// (IRowFilter). A node that passes is feasible without a plugin call; any other node runs the filters themselves,
/// which stay the only judges of why a node was rejected.
/// </summary>
internal struct NodePrecheck
{
    public NodePrecheck()
    {
    }

    /// <summary>Least free cpu the node must have; long.MinValue when the pod asks for none (any node passes).</summary>
    public long MilliCpu { get; set; } = long.MinValue;

    public long Memory { get; set; } = long.MinValue;

    public long EphemeralStorage { get; set; } = long.MinValue;

    /// <summary>Least free pod slots the node must have.</summary>
    public int Pods { get; set; } = int.MinValue;

    /// <summary>Flags that send a node to the filters.</summary>
    public NodeFlags Rejected { get; set; }

    /// <summary>The filter that set the numbers, which can name a short node's rejection from its row.</summary>
    public IRowFilter? Numbers { get; set; }

    // Inlined into the filter loops, which ask it of every node they visit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Passes(in NodeRow row) =>
        (row.Flags & Rejected) == 0
        && row.FreePods >= Pods
        && row.FreeMilliCpu >= MilliCpu
        && row.FreeMemory >= Memory
        && row.FreeEphemeralStorage >= EphemeralStorage;

    /// <summary>
    /// Why the filters reject a node that failed Passes, when its row alone says so: no rejected flag is set (every
    /// flag-only filter passes it), so the first filter to fail is the one that set the numbers. Null otherwise.
    /// </summary>
    public readonly Status? RejectionOf(Model.PodInfo pod, in NodeRow row) =>
        (row.Flags & Rejected) == 0 && Numbers is { } numbers ? numbers.RejectionOf(pod, in row) : null;
}
