using System.Runtime.CompilerServices;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>Filters nodes without room for the pod's requests (pods, cpu, memory, ephemeral-storage, extended); scores by the configured strategy.</summary>
public sealed class NodeResourcesFitPlugin : IFilterPlugin, IRowFilter, IScorePlugin, IRowScorePlugin
{
    public const string PluginName = "NodeResourcesFit";
    public const string ErrReasonTooManyPods = "Too many pods";

    private const int TooManyPods = 1;
    private const int InsufficientCpu = 2;
    private const int InsufficientMemory = 4;
    private const int InsufficientEphemeralStorage = 8;
    private const int AllChecks = 15;

    // Every verdict of the four fixed checks, built once: on a busy cluster a tenth to a fifth of the nodes a cycle
    // visits are full, and a list, reason strings and a status for each of them cost more than the checks.
    private static readonly Status[] Rejections = BuildRejections();

    private readonly NodeResourcesFitArgs _args;
    private readonly string[] _names;
    private readonly long[] _weights;

    // Whether each scored resource is cpu (else memory), for TryScoreRows, which serves only profiles scoring those two.
    private readonly bool[] _isCpu;
    private readonly bool _rowsSuffice;
    private readonly bool _mostAllocatedCpuMemory;

    public NodeResourcesFitPlugin(NodeResourcesFitArgs args)
    {
        Validate(args);
        _args = args;
        _names = [.. args.Resources.Select(r => r.Name)];
        _weights = [.. args.Resources.Select(r => r.Weight)];
        _isCpu = [.. _names.Select(n => n == ResourceNames.Cpu)];
        _rowsSuffice = _names.All(n => n is ResourceNames.Cpu or ResourceNames.Memory);
        _mostAllocatedCpuMemory = args.Strategy == ScoringStrategyType.MostAllocated && _names is [ResourceNames.Cpu, ResourceNames.Memory];
    }

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var request = pod.Requests;
        if (request.Extended is null)
        {
            var failed = node.Pods.Length + 1 > node.Allocatable.Pods ? TooManyPods : 0;
            var tooBig = false;
            failed |= Fails(request.MilliCpu, node.Allocatable.MilliCpu, node.Requested.MilliCpu, ref tooBig) ? InsufficientCpu : 0;
            failed |= Fails(request.Memory, node.Allocatable.Memory, node.Requested.Memory, ref tooBig) ? InsufficientMemory : 0;
            failed |= Fails(request.EphemeralStorage, node.Allocatable.EphemeralStorage, node.Requested.EphemeralStorage, ref tooBig) ? InsufficientEphemeralStorage : 0;
            return failed == 0 ? Status.Success : Rejections[(failed << 1) | (tooBig ? 1 : 0)];
        }

        return FilterWithExtended(pod, node);
    }

    /// <summary>The four fixed checks as least free amounts; a pod asking for an extended resource goes through Filter.</summary>
    bool IRowFilter.TryConstrain(PodInfo pod, ref NodePrecheck precheck)
    {
        var request = pod.Requests;
        if (request.Extended is not null)
        {
            return false;
        }

        // Filter fails a resource only when the pod asks for some of it (request > 0) and more than is free.
        precheck.Pods = 1;
        precheck.MilliCpu = request.MilliCpu > 0 ? request.MilliCpu : long.MinValue;
        precheck.Memory = request.Memory > 0 ? request.Memory : long.MinValue;
        precheck.EphemeralStorage = request.EphemeralStorage > 0 ? request.EphemeralStorage : long.MinValue;
        precheck.Numbers = this;
        return true;
    }

    /// <summary>Filter's verdict from the row; the row has no allocatable ephemeral storage, so a pod asking for some goes to Filter.</summary>
    Status? IRowFilter.RejectionOf(PodInfo pod, in NodeRow row)
    {
        var request = pod.Requests;
        if (request.Extended is not null || request.EphemeralStorage > 0)
        {
            return null;
        }

        var failed = row.FreePods < 1 ? TooManyPods : 0;
        var tooBig = false;
        failed |= Fails(request.MilliCpu, row.AllocatableMilliCpu, row.AllocatableMilliCpu - row.FreeMilliCpu, ref tooBig) ? InsufficientCpu : 0;
        failed |= Fails(request.Memory, row.AllocatableMemory, row.AllocatableMemory - row.FreeMemory, ref tooBig) ? InsufficientMemory : 0;
        return failed == 0 ? Status.Success : Rejections[(failed << 1) | (tooBig ? 1 : 0)];
    }

    private static Status FilterWithExtended(PodInfo pod, NodeInfo node)
    {
        List<string>? reasons = null;
        var unresolvable = false;
        if (node.Pods.Length + 1 > node.Allocatable.Pods)
        {
            (reasons ??= []).Add(ErrReasonTooManyPods);
        }

        var request = pod.Requests;
        Check(request.MilliCpu, node.Allocatable.MilliCpu, node.Requested.MilliCpu, ResourceNames.Cpu, ref reasons, ref unresolvable);
        Check(request.Memory, node.Allocatable.Memory, node.Requested.Memory, ResourceNames.Memory, ref reasons, ref unresolvable);
        Check(request.EphemeralStorage, node.Allocatable.EphemeralStorage, node.Requested.EphemeralStorage, ResourceNames.EphemeralStorage, ref reasons, ref unresolvable);
        if (request.Extended is not null)
        {
            // Sorted so a node short of two extended resources always lists them in the same order.
            foreach (var (name, quantity) in request.Extended.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Check(quantity, node.Allocatable.Get(name), node.Requested.Get(name), name, ref reasons, ref unresolvable);
            }
        }

        if (reasons is null)
        {
            return Status.Success;
        }

        // Unresolvable when the pod is bigger than the whole node: evicting every pod would not help.
        return new Status(unresolvable ? StatusCode.UnschedulableAndUnresolvable : StatusCode.Unschedulable, [.. reasons]);
    }

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        Span<long> requested = stackalloc long[_names.Length];
        Span<long> allocatable = stackalloc long[_names.Length];
        return Score(pod, node, requested, allocatable);
    }

    /// <summary>Score for each node with the resource buffers allocated once for the cycle.</summary>
    public void ScoreAll(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        Span<long> requested = stackalloc long[_names.Length];
        Span<long> allocatable = stackalloc long[_names.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = Score(pod, nodes[i], requested, allocatable);
        }
    }

    /// <summary>ScoreAll from the rows when only cpu and memory are scored (the default); other resources need the NodeInfo.</summary>
    bool IRowScorePlugin.TryScoreRows(CycleState state, PodInfo pod, NodeList nodes, ReadOnlySpan<int> indexes, Span<long> scores)
    {
        if (!_rowsSuffice)
        {
            return false;
        }

        if (_mostAllocatedCpuMemory)
        {
            MostAllocatedCpuMemory(pod, nodes, indexes, scores);
            return true;
        }

        Span<long> requested = stackalloc long[_names.Length];
        Span<long> allocatable = stackalloc long[_names.Length];
        var (podCpu, podMemory) = (pod.NonZeroMilliCpu, pod.NonZeroMemory);
        for (var n = 0; n < indexes.Length; n++)
        {
            ref readonly var row = ref nodes.RowAt(indexes[n]);
            for (var i = 0; i < _names.Length; i++)
            {
                (requested[i], allocatable[i]) = _isCpu[i]
                    ? (row.NonZeroRequestedMilliCpu + podCpu, row.AllocatableMilliCpu)
                    : (row.NonZeroRequestedMemory + podMemory, row.AllocatableMemory);
            }

            scores[n] = Score(requested, allocatable);
        }

        return true;
    }

    /// <summary>The cpu and memory weights when the plugin scores MostAllocated over exactly (cpu, memory), the default; else null.</summary>
    internal (long Cpu, long Memory)? MostAllocatedCpuMemoryWeights => _mostAllocatedCpuMemory ? (_weights[0], _weights[1]) : null;

    // The default profile's scoring written out: MostAllocated.Score over (cpu, memory) with the same integer steps
    // (the weighted mean of min(requested, allocatable) x 100 / allocatable, resources a node lacks left out). The
    // framework's fused path scores with this too, so both give the same numbers by construction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long MostAllocatedCpuMemory(in NodeRow row, long podCpu, long podMemory, long cpuWeight, long memoryWeight)
    {
        if (cpuWeight == memoryWeight && row.AllocatableMilliCpu != 0 && row.AllocatableMemory != 0)
        {
            // Equal weights w cancel: (a×w + b×w) / 2w truncates to (a + b) / 2, and a division by a constant 2 is a
            // shift where one by a weight sum read at run time is a 64-bit divide on each of 500 nodes.
            return (MostAllocated.ResourceScore(row.NonZeroRequestedMilliCpu + podCpu, row.AllocatableMilliCpu)
                + MostAllocated.ResourceScore(row.NonZeroRequestedMemory + podMemory, row.AllocatableMemory)) / 2;
        }

        long score = 0;
        long weights = 0;
        if (row.AllocatableMilliCpu != 0)
        {
            score += MostAllocated.ResourceScore(row.NonZeroRequestedMilliCpu + podCpu, row.AllocatableMilliCpu) * cpuWeight;
            weights += cpuWeight;
        }

        if (row.AllocatableMemory != 0)
        {
            score += MostAllocated.ResourceScore(row.NonZeroRequestedMemory + podMemory, row.AllocatableMemory) * memoryWeight;
            weights += memoryWeight;
        }

        return weights == 0 ? 0 : score / weights;
    }

    private void MostAllocatedCpuMemory(PodInfo pod, NodeList nodes, ReadOnlySpan<int> indexes, Span<long> scores)
    {
        var (podCpu, podMemory, cpuWeight, memoryWeight) = (pod.NonZeroMilliCpu, pod.NonZeroMemory, _weights[0], _weights[1]);
        var rows = nodes.Read();
        for (var n = 0; n < indexes.Length; n++)
        {
            scores[n] = MostAllocatedCpuMemory(in rows.Row(indexes[n]), podCpu, podMemory, cpuWeight, memoryWeight);
        }
    }

    private long Score(PodInfo pod, NodeInfo node, Span<long> requested, Span<long> allocatable)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            // cpu and memory, the default pair, without matching the resource name on every node.
            (requested[i], allocatable[i]) = ReferenceEquals(_names[i], ResourceNames.Cpu)
                ? (node.NonZeroRequested.MilliCpu + pod.NonZeroMilliCpu, node.Allocatable.MilliCpu)
                : ReferenceEquals(_names[i], ResourceNames.Memory)
                    ? (node.NonZeroRequested.Memory + pod.NonZeroMemory, node.Allocatable.Memory)
                    : RequestedAndAllocatable(_names[i], pod, node);
        }

        return Score(requested, allocatable);
    }

    private long Score(Span<long> requested, Span<long> allocatable) => _args.Strategy switch
    {
        ScoringStrategyType.LeastAllocated => LeastAllocated.Score(requested, allocatable, _weights),
        ScoringStrategyType.RequestedToCapacityRatio => RequestedToCapacityRatio.Score(requested, allocatable, _weights, _args.Shape.AsSpan()),
        _ => MostAllocated.Score(requested, allocatable, _weights),
    };

    /// <summary>What the node would have requested with the pod on it, and what it can give; (0, 0) leaves the resource out.</summary>
    internal static (long Requested, long Allocatable) RequestedAndAllocatable(string resource, PodInfo pod, NodeInfo node) => resource switch
    {
        ResourceNames.Cpu => (node.NonZeroRequested.MilliCpu + pod.NonZeroMilliCpu, node.Allocatable.MilliCpu),
        ResourceNames.Memory => (node.NonZeroRequested.Memory + pod.NonZeroMemory, node.Allocatable.Memory),
        ResourceNames.EphemeralStorage => (node.Requested.EphemeralStorage + pod.Requests.EphemeralStorage, node.Allocatable.EphemeralStorage),

        // An extended resource the pod does not ask for must not pull GPU nodes up or down for CPU-only pods.
        _ => pod.Requests.Get(resource) is var asked and > 0 ? (node.Requested.Get(resource) + asked, node.Allocatable.Get(resource)) : (0, 0),
    };

    // Inlined: the row rejection asks it twice for every full node a cycle passes (a hundred a cycle on a busy cluster).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fails(long request, long allocatable, long requested, ref bool tooBig)
    {
        if (request > 0 && request > allocatable - requested)
        {
            tooBig |= request > allocatable;
            return true;
        }

        return false;
    }

    // Indexed by (failed checks << 1) | too big; reasons in the order Filter checks them, as FilterWithExtended lists them.
    private static Status[] BuildRejections()
    {
        var rejections = new Status[(AllChecks + 1) << 1];
        for (var failed = 1; failed <= AllChecks; failed++)
        {
            List<string> reasons = [];
            if ((failed & TooManyPods) != 0)
            {
                reasons.Add(ErrReasonTooManyPods);
            }

            foreach (var (check, name) in new[] { (InsufficientCpu, ResourceNames.Cpu), (InsufficientMemory, ResourceNames.Memory), (InsufficientEphemeralStorage, ResourceNames.EphemeralStorage) })
            {
                if ((failed & check) != 0)
                {
                    reasons.Add($"Insufficient {name}");
                }
            }

            rejections[failed << 1] = new Status(StatusCode.Unschedulable, [.. reasons], PluginName);
            rejections[(failed << 1) | 1] = new Status(StatusCode.UnschedulableAndUnresolvable, [.. reasons], PluginName);
        }

        return rejections;
    }

    private static void Check(long request, long allocatable, long requested, string name, ref List<string>? reasons, ref bool unresolvable)
    {
        if (request > 0 && request > allocatable - requested)
        {
            (reasons ??= []).Add($"Insufficient {name}");
            unresolvable |= request > allocatable;
        }
    }

    private static void Validate(NodeResourcesFitArgs args)
    {
        if (args.Resources.Any(r => r.Weight <= 0))
        {
            throw new ArgumentException("every scored resource needs a positive weight", nameof(args));
        }

        if (args.Strategy != ScoringStrategyType.RequestedToCapacityRatio)
        {
            return;
        }

        var shape = args.Shape;
        if (shape.IsDefaultOrEmpty
            || shape.Any(p => p.Utilization is < 0 or > 100 || p.Score is < 0 or > 10)
            || shape.Zip(shape.Skip(1)).Any(p => p.First.Utilization >= p.Second.Utilization))
        {
            throw new ArgumentException("the shape needs points with utilization 0..100 strictly increasing and score 0..10", nameof(args));
        }
    }
}
