using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>A node as the scheduler sees it: labels, taints, allocatable and the pods already on it.</summary>
public sealed record NodeInfo
{
    private readonly ImmutableArray<PodInfo> _pods = [];

    public required string Name { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<Taint> Taints { get; init; } = [];

    public bool Unschedulable { get; init; }

    public Resources Allocatable { get; init; }

    public ImmutableArray<PodInfo> Pods
    {
        get => _pods;
        init
        {
            _pods = value;
            (Requested, NonZeroRequested, HasPodsWithRequiredAntiAffinity) = Sum(value);
        }
    }

    /// <summary>Sum of the requests of the pods on the node, as the fit filter counts them.</summary>
    public Resources Requested { get; private init; }

    /// <summary>Requested cpu and memory with kube-scheduler's defaults for pods that asked for none; scoring uses these.</summary>
    public Resources NonZeroRequested { get; private init; }

    public bool HasPodsWithRequiredAntiAffinity { get; private init; }

    /// <summary>The node after the pod is bound (or assumed) onto it.</summary>
    public NodeInfo WithPod(PodInfo pod) => this with { Pods = _pods.Add(pod.NodeName == Name ? pod : pod with { NodeName = Name }) };

    private static (Resources Requested, Resources NonZero, bool AntiAffinity) Sum(ImmutableArray<PodInfo> pods)
    {
        Resources requested = default;
        long nonZeroCpu = 0;
        long nonZeroMemory = 0;
        var antiAffinity = false;
        foreach (var pod in pods)
        {
            requested += pod.Requests;
            nonZeroCpu += pod.NonZeroMilliCpu;
            nonZeroMemory += pod.NonZeroMemory;
            antiAffinity |= !pod.RequiredAntiAffinity.IsDefaultOrEmpty;
        }

        return (requested, requested with { MilliCpu = nonZeroCpu, Memory = nonZeroMemory }, antiAffinity);
    }
}
