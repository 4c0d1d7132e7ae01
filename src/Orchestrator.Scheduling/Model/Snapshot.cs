using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>An immutable view of every node and its pods; one scheduling cycle reads exactly one snapshot.</summary>
public sealed class Snapshot
{
    private readonly FrozenDictionary<string, int> _index;

    // Owner uid -> the index of the node of each of its pods, so spreading a workload across zones reads
    // its own replicas instead of every pod in the cluster.
    private readonly ImmutableDictionary<string, ImmutableArray<int>> _podNodesByOwner;

    private Snapshot(
        ImmutableArray<NodeInfo> nodes,
        FrozenDictionary<string, int> index,
        int podsWithAntiAffinity,
        ImmutableDictionary<string, ImmutableArray<int>> podNodesByOwner)
    {
        Nodes = nodes;
        _index = index;
        PodsWithRequiredAntiAffinity = podsWithAntiAffinity;
        _podNodesByOwner = podNodesByOwner;
    }

    public ImmutableArray<NodeInfo> Nodes { get; }

    /// <summary>How many placed pods carry required anti-affinity; zero lets InterPodAffinity skip the cycle.</summary>
    public int PodsWithRequiredAntiAffinity { get; }

    public static Snapshot Of(IEnumerable<NodeInfo> nodes)
    {
        var array = nodes.ToImmutableArray();
        var index = array.Select((node, i) => (node.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var antiAffinity = array.Sum(n => n.HasPodsWithRequiredAntiAffinity ? n.Pods.Count(p => !p.RequiredAntiAffinity.IsDefaultOrEmpty) : 0);
        var byOwner = array
            .SelectMany((node, i) => node.Pods.Where(p => p.Owner is not null).Select(p => (p.Owner!.Uid, i)))
            .GroupBy(p => p.Uid, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Select(p => p.i).ToImmutableArray(), StringComparer.Ordinal);
        return new Snapshot(array, index, antiAffinity, byOwner);
    }

    public NodeInfo? Get(string name) => _index.TryGetValue(name, out var i) ? Nodes[i] : null;

    /// <summary>One node index per pod of the owner (a node with two replicas appears twice).</summary>
    internal ImmutableArray<int> PodNodesOf(string ownerUid) =>
        _podNodesByOwner.TryGetValue(ownerUid, out var nodes) ? nodes : [];

    /// <summary>The snapshot after the pod is assumed onto the node, so the next cycle sees it; the node index is shared.</summary>
    public Snapshot WithPod(PodInfo pod, string nodeName)
    {
        if (!_index.TryGetValue(nodeName, out var i))
        {
            throw new ArgumentException($"node {nodeName} is not in the snapshot", nameof(nodeName));
        }

        var antiAffinity = PodsWithRequiredAntiAffinity + (pod.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1);
        var byOwner = pod.Owner is null ? _podNodesByOwner : _podNodesByOwner.SetItem(pod.Owner.Uid, PodNodesOf(pod.Owner.Uid).Add(i));
        return new Snapshot(Nodes.SetItem(i, Nodes[i].WithPod(pod)), _index, antiAffinity, byOwner);
    }
}
