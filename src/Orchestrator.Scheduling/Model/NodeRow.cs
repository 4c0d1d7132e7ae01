namespace Orchestrator.Scheduling.Model;

/// <summary>
/// One node's numbers as hot filters and scores read them, in one 64-byte cache line: what is free, what scoring
/// counts as requested, and flags. A pure projection of a NodeInfo, kept beside it by NodeList so a cycle that visits
/// 600 nodes reads 600 contiguous lines instead of chasing 600 records, their resource structs and pod arrays.
/// </summary>
internal readonly struct NodeRow
{
    private NodeRow(NodeInfo node)
    {
        var allocatable = node.Allocatable;
        var requested = node.Requested;
        FreeMilliCpu = allocatable.MilliCpu - requested.MilliCpu;
        FreeMemory = allocatable.Memory - requested.Memory;
        FreeEphemeralStorage = allocatable.EphemeralStorage - requested.EphemeralStorage;
        AllocatableMilliCpu = allocatable.MilliCpu;
        AllocatableMemory = allocatable.Memory;
        NonZeroRequestedMilliCpu = node.NonZeroRequested.MilliCpu;
        NonZeroRequestedMemory = node.NonZeroRequested.Memory;
        FreePods = (int)Math.Clamp(allocatable.Pods - node.Pods.Length, int.MinValue, int.MaxValue);
        Flags = FlagsOf(node);
    }

    /// <summary>Allocatable less the requests of the pods on the node, as NodeResourcesFit's filter counts them.</summary>
    public long FreeMilliCpu { get; }

    public long FreeMemory { get; }

    public long FreeEphemeralStorage { get; }

    public long AllocatableMilliCpu { get; }

    public long AllocatableMemory { get; }

    /// <summary>Requested cpu with kube-scheduler's defaults for pods that asked for none, as scoring counts it.</summary>
    public long NonZeroRequestedMilliCpu { get; }

    public long NonZeroRequestedMemory { get; }

    /// <summary>Pods the node can still take (allocatable pods less the pods on it); zero or less is full.</summary>
    public int FreePods { get; }

    public NodeFlags Flags { get; }

    public static NodeRow Of(NodeInfo node) => new(node);

    private static NodeFlags FlagsOf(NodeInfo node)
    {
        var flags = node.Unschedulable ? NodeFlags.Unschedulable : NodeFlags.None;
        if (node.Taints.IsDefaultOrEmpty)
        {
            // Every node gets a row when a snapshot is built, so one with default taints must not throw here.
            return flags;
        }

        foreach (var taint in node.Taints)
        {
            flags |= NodeFlags.Taints;
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute)
            {
                flags |= NodeFlags.NoScheduleTaints;
            }
        }

        return flags;
    }
}
