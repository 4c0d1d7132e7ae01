using System.Runtime.CompilerServices;
using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>A node as the scheduler sees it: labels, taints, allocatable and the pods already on it.</summary>
public sealed record NodeInfo
{
    // Not readonly only so WithPod can set it on its fresh copy with the sums carried forward (see WithPod).
    private ImmutableArray<PodInfo> _pods = [];
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;

    // The two topology labels every spread reads, looked up once here instead of hashed on every node of every cycle.
    private string? _hostnameLabel;
    private string? _zoneLabel;

    // Owner uid -> pods of that owner here; built on first use, then carried forward by WithPod in O(owners).
    private OwnerCounts? _owners;

    public required string Name { get; init; }

    public ImmutableDictionary<string, string> Labels
    {
        get => _labels;
        init
        {
            _labels = value;
            _hostnameLabel = value.GetValueOrDefault(WellKnownLabels.Hostname);

            // Interned: a cluster has a few zones, and every node of one then shares the string, so spreading finds a
            // node's zone among a cycle's domains by reference instead of hashing it on each of 500 nodes.
            _zoneLabel = value.GetValueOrDefault(WellKnownLabels.Zone) is { } zone ? string.Intern(zone) : null;
        }
    }

    public ImmutableArray<Taint> Taints { get; init; } = [];

    public bool Unschedulable { get; init; }

    public Resources Allocatable { get; init; }

    public ImmutableArray<PodInfo> Pods
    {
        get => _pods;
        init
        {
            _pods = value;
            _owners = null;
            (Requested, NonZeroRequested, HasPodsWithRequiredAntiAffinity) = Sum(value);
        }
    }

    /// <summary>Sum of the requests of the pods on the node, as the fit filter counts them.</summary>
    public Resources Requested { get; private set; }

    /// <summary>Requested cpu and memory with kube-scheduler's defaults for pods that asked for none; scoring uses these.</summary>
    public Resources NonZeroRequested { get; private set; }

    public bool HasPodsWithRequiredAntiAffinity { get; private set; }

    /// <summary>The node after the pod is bound (or assumed) onto it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NodeInfo WithPod(PodInfo pod)
    {
        // The sums move by this pod alone: setting Pods through its init would re-add every pod on the node, a walk
        // over up to 110 PodInfos scattered over the heap on every assumed pod. Integer sums, so the same totals.
        var next = this with { };
        next._pods = _pods.Add(pod.NodeName == Name ? pod : pod with { NodeName = Name });
        next.Requested = Requested + pod.Requests;
        next.NonZeroRequested = next.Requested with
        {
            MilliCpu = NonZeroRequested.MilliCpu + pod.NonZeroMilliCpu,
            Memory = NonZeroRequested.Memory + pod.NonZeroMemory,
        };
        next.HasPodsWithRequiredAntiAffinity = HasPodsWithRequiredAntiAffinity || !pod.RequiredAntiAffinity.IsDefaultOrEmpty;
        // Carried forward only once something has asked: the fused default profile reads the snapshot's owner columns,
        // so on its path the counts would be an array clone per assumed pod that nothing reads.
        next._owners = _owners is null || pod.Owner is null ? _owners : _owners.Add(pod.Owner.Uid);
        return next;
    }

    /// <summary>The node's label for a topology key, if it has one; the hostname and zone keys cost no lookup.</summary>
    public bool TryGetLabel(string key, out string value)
    {
        var cached = ReferenceEquals(key, WellKnownLabels.Hostname) || key == WellKnownLabels.Hostname ? _hostnameLabel
            : ReferenceEquals(key, WellKnownLabels.Zone) || key == WellKnownLabels.Zone ? _zoneLabel
            : _labels.GetValueOrDefault(key);
        value = cached!;
        return cached is not null;
    }

    /// <summary>The node's zone label (topology.kubernetes.io/zone), interned; null when it has none.</summary>
    internal string? Zone => _zoneLabel;

    /// <summary>How many pods on the node the owner (by uid) has; pods and their owner always share a namespace.</summary>
    internal int PodsOwnedBy(string ownerUid) => Owners.Of(ownerUid);

    /// <summary>PodsOwnedBy with the uid's OwnerCounts.Hash computed by the caller once for many nodes.</summary>
    internal int PodsOwnedBy(string ownerUid, int hash) => Owners.Of(ownerUid, hash);

    private OwnerCounts Owners => _owners ??= OwnerCounts.Of(_pods);

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
