using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Tests.Testing;

/// <summary>Builds nodes for tests: 4 cpu, 10,000Mi memory, 110 pods unless told otherwise.</summary>
internal sealed class NodeBuilder
{
    public const long Mi = 1024 * 1024;

    private NodeInfo _node;

    private NodeBuilder(NodeInfo node)
    {
        _node = node;
    }

    public static NodeBuilder Named(string name) => new(new NodeInfo
    {
        Name = name,
        Labels = ImmutableDictionary<string, string>.Empty.Add(WellKnownLabels.Hostname, name),
        Allocatable = new Resources { MilliCpu = 4000, Memory = 10_000 * Mi, Pods = 110 },
    });

    public static implicit operator NodeInfo(NodeBuilder builder) => builder._node;

    public NodeBuilder Capacity(long milliCpu, long memoryMi, long pods = 110) =>
        With(_node with { Allocatable = _node.Allocatable with { MilliCpu = milliCpu, Memory = memoryMi * Mi, Pods = pods } });

    public NodeBuilder Extended(string name, long quantity) =>
        With(_node with { Allocatable = _node.Allocatable with { Extended = (_node.Allocatable.Extended ?? ImmutableDictionary<string, long>.Empty).SetItem(name, quantity) } });

    public NodeBuilder Label(string key, string value) => With(_node with { Labels = _node.Labels.SetItem(key, value) });

    public NodeBuilder WithoutLabel(string key) => With(_node with { Labels = _node.Labels.Remove(key) });

    public NodeBuilder Zone(string zone) => Label(WellKnownLabels.Zone, zone);

    public NodeBuilder Taint(string key, string value, TaintEffect effect) => With(_node with { Taints = _node.Taints.Add(new Taint(key, value, effect)) });

    public NodeBuilder Cordoned() => With(_node with { Unschedulable = true });

    public NodeBuilder Running(params PodInfo[] pods)
    {
        foreach (var pod in pods)
        {
            _node = _node.WithPod(pod);
        }

        return this;
    }

    public NodeInfo Build() => _node;

    private NodeBuilder With(NodeInfo node)
    {
        _node = node;
        return this;
    }
}
