using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>Pods nominated to nodes by preemption, by node, so filters can keep their room while the victims terminate.</summary>
internal sealed class NominatedPods
{
    private readonly ImmutableDictionary<string, ImmutableArray<PodInfo>> _byNode;

    // Pod key -> its nominated node, so a new nomination moves the pod instead of reserving twice.
    private readonly ImmutableDictionary<string, string> _nodeOf;

    private NominatedPods(ImmutableDictionary<string, ImmutableArray<PodInfo>> byNode, ImmutableDictionary<string, string> nodeOf, int antiAffinity)
    {
        _byNode = byNode;
        _nodeOf = nodeOf;
        WithRequiredAntiAffinity = antiAffinity;
    }

    public static NominatedPods Empty { get; } = new(
        ImmutableDictionary.Create<string, ImmutableArray<PodInfo>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        0);

    public bool IsEmpty => _nodeOf.IsEmpty;

    public int WithRequiredAntiAffinity { get; }

    public ImmutableArray<PodInfo> On(string nodeName) => _byNode.TryGetValue(nodeName, out var pods) ? pods : [];

    /// <summary>Records the pod's nomination: adds it, moves it, or with an empty NominatedNodeName drops it.</summary>
    public NominatedPods Set(PodInfo pod)
    {
        var result = Remove(pod);
        if (pod.NominatedNodeName.Length == 0)
        {
            return result;
        }

        var node = pod.NominatedNodeName;
        return new NominatedPods(
            result._byNode.SetItem(node, result.On(node).Add(pod)),
            result._nodeOf.SetItem(pod.Key, node),
            result.WithRequiredAntiAffinity + (pod.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1));
    }

    public NominatedPods Remove(PodInfo pod)
    {
        if (_nodeOf.IsEmpty || !_nodeOf.TryGetValue(pod.Key, out var node))
        {
            return this;
        }

        var pods = On(node);
        var old = pods.First(p => p.IsSamePod(pod));
        pods = pods.Remove(old);
        return new NominatedPods(
            pods.IsEmpty ? _byNode.Remove(node) : _byNode.SetItem(node, pods),
            _nodeOf.Remove(pod.Key),
            WithRequiredAntiAffinity - (old.RequiredAntiAffinity.IsDefaultOrEmpty ? 0 : 1));
    }
}
