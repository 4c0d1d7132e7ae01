using Orchestrator.Controllers.NodeLifecycle;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

/// <summary>Nodes as the core sees them, changed the way kubelets and the controller's own writes change them.</summary>
internal sealed class Cluster
{
    private readonly Dictionary<string, NodeObservation> _nodes = new(StringComparer.Ordinal);
    private int _beat;

    public Cluster(string zone, int count)
    {
        Add(zone, count);
    }

    public IReadOnlyList<NodeObservation> Nodes => [.. _nodes.Values];

    public void Add(string zone, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"{zone}-{i}";
            _nodes[name] = new NodeObservation(name, zone, "True", "0", new HashSet<string>());
        }
    }

    /// <summary>Every node renews its lease, except those named.</summary>
    public void Beat(params string[] except)
    {
        _beat++;
        foreach (var name in _nodes.Keys.Where(n => !except.Contains(n)).ToList())
        {
            _nodes[name] = _nodes[name] with { Heartbeat = _beat.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    public void SetReady(string name, string? ready) => _nodes[name] = _nodes[name] with { Ready = ready };

    /// <summary>The renewTime of the node's last heartbeat, as its kubelet stamped it.</summary>
    public void Renewed(string name, DateTimeOffset at) => _nodes[name] = _nodes[name] with { RenewedAt = at };

    /// <summary>kubectl cordon (true) or uncordon (false).</summary>
    public void Cordon(string name, bool unschedulable) => _nodes[name] = _nodes[name] with { Unschedulable = unschedulable };

    public NodeObservation? Node(string name) => _nodes.GetValueOrDefault(name);

    public IReadOnlyList<string> Taints(string name) => [.. _nodes[name].Taints.Order(StringComparer.Ordinal)];

    /// <summary>What the controller writes, read back as the next pass would see it.</summary>
    public void Apply(NodeLifecyclePlan plan)
    {
        foreach (var action in plan.Actions)
        {
            var node = _nodes[action.Name];
            var taints = new HashSet<string>(node.Taints.Except(action.RemoveTaints).Concat(action.AddTaints), StringComparer.Ordinal);
            _nodes[action.Name] = node with { Ready = action.SetUnknown ? "Unknown" : node.Ready, Taints = taints };
        }
    }

    public int Tainted(string effect) => _nodes.Values.Count(n => n.Taints.Any(t => t.EndsWith(":" + effect, StringComparison.Ordinal)));
}
