using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>An immutable view of every node and its pods; one scheduling cycle reads exactly one snapshot.</summary>
public sealed class Snapshot
{
    private readonly FrozenDictionary<string, int> _index;

    // Owner uid -> its pods per node index, so spreading a workload reads its own replicas instead of every pod in the
    // cluster, and scores a node's replica count with two array loads. Copy-on-write chunks: assuming a pod copies one
    // 64-node chunk of one owner, not the owner's column.
    private readonly ImmutableDictionary<string, OwnerColumn> _podsByOwner;

    // Owner uid -> its pods per zone label, kept as pods are assumed: default spreading reads an owner's zone counts
    // every cycle, and summing them from the per-pod list above cost a walk over up to 1,500 pods per decision.
    private readonly ImmutableDictionary<string, DomainCounts> _zonePodsByOwner;

    private Snapshot(
        NodeList nodes,
        FrozenDictionary<string, int> index,
        int podsWithAntiAffinity,
        ImmutableDictionary<string, OwnerColumn> podsByOwner,
        ImmutableDictionary<string, DomainCounts> zonePodsByOwner)
    {
        Nodes = nodes;
        _index = index;
        PodsWithRequiredAntiAffinity = podsWithAntiAffinity;
        _podsByOwner = podsByOwner;
        _zonePodsByOwner = zonePodsByOwner;
    }

    public NodeList Nodes { get; }

    /// <summary>How many placed pods carry required anti-affinity; zero lets InterPodAffinity skip the cycle.</summary>
    public int PodsWithRequiredAntiAffinity { get; }

    /// <summary>The budgets preemption honours where it has a choice of victims.</summary>
    public ImmutableArray<PodDisruptionBudget> DisruptionBudgets { get; private init; } = [];

    /// <summary>Whether any pod is nominated; when none is, filtering costs exactly what it did before nominations existed.</summary>
    public bool HasNominatedPods => !Nominated.IsEmpty;

    internal NominatedPods Nominated { get; private init; } = NominatedPods.Empty;

    public static Snapshot Of(IEnumerable<NodeInfo> nodes)
    {
        var array = nodes.ToArray();
        var index = array.Select((node, i) => (node.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var antiAffinity = array.Sum(n => n.HasPodsWithRequiredAntiAffinity ? n.Pods.Count(p => !p.RequiredAntiAffinity.IsDefaultOrEmpty) : 0);
        var byOwner = array
            .SelectMany((node, i) => node.Pods.Where(p => p.Owner is not null).Select(p => (p.Owner!.Uid, i)))
            .GroupBy(p => p.Uid, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => OwnerColumn.Of(g.Select(p => p.i)), StringComparer.Ordinal);
        var zones = ImmutableDictionary.CreateBuilder<string, DomainCounts>(StringComparer.Ordinal);
        foreach (var node in array)
        {
            foreach (var pod in node.Pods)
            {
                if (pod.Owner is { } owner && node.TryGetLabel(WellKnownLabels.Zone, out var zone))
                {
                    zones[owner.Uid] = zones.GetValueOrDefault(owner.Uid, DomainCounts.None).Add(zone, 1);
                }
            }
        }

        return new Snapshot(NodeList.Of(array), index, antiAffinity, byOwner, zones.ToImmutable());
    }

    public NodeInfo? Get(string name) => _index.TryGetValue(name, out var i) ? Nodes[i] : null;

    /// <summary>Pods nominated to the node (status.nominatedNodeName) that are not bound yet.</summary>
    public ImmutableArray<PodInfo> NominatedPodsOn(string nodeName) => Nominated.On(nodeName);

    /// <summary>The snapshot with these budgets in place of any it had.</summary>
    public Snapshot WithDisruptionBudgets(IEnumerable<PodDisruptionBudget> budgets) => Copy(budgets: [.. budgets]);

    /// <summary>Records each pod's NominatedNodeName: a pod is added, moved from its previous nomination, or dropped when the name is empty.</summary>
    public Snapshot WithNominatedPods(IEnumerable<PodInfo> pods)
    {
        var nominated = Nominated;
        foreach (var pod in pods)
        {
            nominated = nominated.Set(pod);
        }

        return Copy(nominated: nominated);
    }

    /// <summary>How many pods of the owner run on each node, by node index.</summary>
    internal OwnerColumn PodsOf(string ownerUid) =>
        _podsByOwner.TryGetValue(ownerUid, out var pods) ? pods : OwnerColumn.Empty;

    /// <summary>How many pods of the owner run on nodes of each zone (topology.kubernetes.io/zone); nodes without the label are left out.</summary>
    internal DomainCounts ZonePodsOf(string ownerUid) =>
        _zonePodsByOwner.TryGetValue(ownerUid, out var zones) ? zones : DomainCounts.None;

    /// <summary>The snapshot after the pod is assumed onto the node, so the next cycle sees it; a nomination it had is dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Snapshot WithPod(PodInfo pod, string nodeName)
    {
        if (!_index.TryGetValue(nodeName, out var i))
        {
            throw new ArgumentException($"node {nodeName} is not in the snapshot", nameof(nodeName));
        }

        var antiAffinity = PodsWithRequiredAntiAffinity + (pod.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1);
        var byOwner = pod.Owner is null ? _podsByOwner : _podsByOwner.SetItem(pod.Owner.Uid, PodsOf(pod.Owner.Uid).Add(i, 1));
        var node = Nodes[i];
        return new Snapshot(Nodes.SetItem(i, node.WithPod(pod)), _index, antiAffinity, byOwner, CountZone(_zonePodsByOwner, pod, node, +1))
        {
            DisruptionBudgets = DisruptionBudgets,
            Nominated = Nominated.Remove(pod),
        };
    }

    /// <summary>
    /// The snapshot with a node replaced by one of the same name (its labels, capacity or pods changed), keeping the
    /// owner index and the anti-affinity count in step; how an informer applies a change without rebuilding it all.
    /// </summary>
    public Snapshot WithNode(NodeInfo node)
    {
        if (!_index.TryGetValue(node.Name, out var i))
        {
            throw new ArgumentException($"node {node.Name} is not in the snapshot; build a new one with Snapshot.Of", nameof(node));
        }

        var old = Nodes[i];
        var delta = new Dictionary<string, int>(StringComparer.Ordinal);
        var antiAffinity = PodsWithRequiredAntiAffinity;

        // Netted per owner and zone first: an update that only changes a pod's status moves no count and costs no
        // copy. The new node may carry another zone label than the old one, so its pods count under the new one.
        var zoneDelta = new Dictionary<(string Owner, string Zone), int>();
        foreach (var pod in old.Pods)
        {
            Count(delta, pod, -1);
            antiAffinity -= pod.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1;
            CountZone(zoneDelta, pod, old, -1);
        }

        foreach (var pod in node.Pods)
        {
            Count(delta, pod, +1);
            antiAffinity += pod.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1;
            CountZone(zoneDelta, pod, node, +1);
        }

        var zones = _zonePodsByOwner;
        foreach (var ((owner, zone), change) in zoneDelta)
        {
            if (change != 0)
            {
                zones = AddZonePods(zones, owner, zone, change);
            }
        }

        var byOwner = _podsByOwner;
        foreach (var (owner, change) in delta)
        {
            if (change == 0)
            {
                continue;
            }

            var pods = PodsOf(owner).Add(i, change);
            byOwner = pods.Pods == 0 ? byOwner.Remove(owner) : byOwner.SetItem(owner, pods);
        }

        return new Snapshot(Nodes.SetItem(i, node), _index, antiAffinity, byOwner, zones)
        {
            DisruptionBudgets = DisruptionBudgets,
            Nominated = Nominated,
        };

        static void Count(Dictionary<string, int> delta, PodInfo pod, int by)
        {
            if (pod.Owner is { } owner)
            {
                delta[owner.Uid] = delta.GetValueOrDefault(owner.Uid) + by;
            }
        }

        static void CountZone(Dictionary<(string Owner, string Zone), int> delta, PodInfo pod, NodeInfo node, int by)
        {
            if (pod.Owner is { } owner && node.TryGetLabel(WellKnownLabels.Zone, out var zone))
            {
                delta[(owner.Uid, zone)] = delta.GetValueOrDefault((owner.Uid, zone)) + by;
            }
        }
    }

    private static ImmutableDictionary<string, DomainCounts> CountZone(
        ImmutableDictionary<string, DomainCounts> zones, PodInfo pod, NodeInfo node, int delta) =>
        pod.Owner is { } owner && node.TryGetLabel(WellKnownLabels.Zone, out var zone) ? AddZonePods(zones, owner.Uid, zone, delta) : zones;

    private static ImmutableDictionary<string, DomainCounts> AddZonePods(
        ImmutableDictionary<string, DomainCounts> zones, string owner, string zone, int delta)
    {
        var counts = (zones.TryGetValue(owner, out var current) ? current : DomainCounts.None).Add(zone, delta);
        return counts.IsEmpty ? zones.Remove(owner) : zones.SetItem(owner, counts);
    }

    private Snapshot Copy(ImmutableArray<PodDisruptionBudget>? budgets = null, NominatedPods? nominated = null) =>
        new(Nodes, _index, PodsWithRequiredAntiAffinity, _podsByOwner, _zonePodsByOwner)
        {
            DisruptionBudgets = budgets ?? DisruptionBudgets,
            Nominated = nominated ?? Nominated,
        };
}
