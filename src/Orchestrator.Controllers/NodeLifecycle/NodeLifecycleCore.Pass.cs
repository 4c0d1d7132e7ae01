namespace Orchestrator.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleCore
{
    /// <summary>The working state of one step: each node's Ready after it, and the edits made so far.</summary>
    private sealed class Pass(IReadOnlyList<NodeObservation> nodes)
    {
        private readonly Dictionary<string, Edit> _edits = new(StringComparer.Ordinal);

        public Dictionary<string, NodeObservation> Nodes { get; } = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

        public Dictionary<string, string> Ready { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset Now { get; set; }

        public Edit Edit(string name) =>
            _edits.TryGetValue(name, out var edit) ? edit : _edits[name] = new Edit(Nodes[name]);

        public IReadOnlyList<NodeAction> Actions() =>
            [.. _edits.Values.Select(e => e.ToAction()).Where(a => !a.IsEmpty).OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <summary>One node's pending writes; taints are compared with what the node had when the pass began.</summary>
    private sealed class Edit(NodeObservation node)
    {
        private readonly HashSet<string> _taints = new(node.Taints, StringComparer.Ordinal);

        public bool SetUnknown { get; set; }

        public bool ReportNotReady { get; set; }

        public bool Has(string taint) => _taints.Contains(taint);

        public void Set(string taint, bool present)
        {
            if (present)
            {
                _taints.Add(taint);
            }
            else
            {
                _taints.Remove(taint);
            }
        }

        public NodeAction ToAction() => new(node.Name)
        {
            SetUnknown = SetUnknown,
            ReportNotReady = ReportNotReady,
            AddTaints = [.. NodeTaints.All.Where(t => _taints.Contains(t) && !node.Taints.Contains(t))],
            RemoveTaints = [.. NodeTaints.All.Where(t => !_taints.Contains(t) && node.Taints.Contains(t))],
        };
    }
}
