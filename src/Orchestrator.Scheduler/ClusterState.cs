using System.Collections.Immutable;
using k8s;
using k8s.Models;
using PodDisruptionBudget = Orchestrator.Scheduling.Model.PodDisruptionBudget;
using Orchestrator.Grains.Scheduling;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Queue;
using Orchestrator.Storage;
using WatchEventType = Orchestrator.Storage.WatchEventType;

namespace Orchestrator.Scheduler;

/// <summary>
/// The scheduler's mirror of nodes and pods, fed by watch events from the store, and the snapshot the core reads.
/// Pods the scheduler has placed but not yet seen bound are "assumed" onto their node, as kube-scheduler's cache
/// does, so the next cycle does not offer the same room twice. Single-threaded: the scheduling loop owns it.
/// </summary>
internal sealed class ClusterState(Func<string, bool> isOurs)
{
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _nodeFingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, PodInfo>> _podsByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackedPod> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodInfo> _nominated = new(StringComparer.Ordinal);
    private readonly List<PodInfo> _nominationChanges = [];
    private readonly Dictionary<string, V1PodDisruptionBudget> _budgets = new(StringComparer.Ordinal);
    private Snapshot _snapshot = Snapshot.Of([]);
    private bool _rebuild;
    private bool _budgetsDirty;

    public int NodeCount => _nodes.Count;

    /// <summary>The snapshot with every change so far applied.</summary>
    public Snapshot Snapshot
    {
        get
        {
            if (_rebuild)
            {
                // Nominations and budgets live in the snapshot too, so a rebuilt one gets them all again.
                _snapshot = Snapshot.Of(_nodes.Keys.Order(StringComparer.Ordinal).Select(Build)).WithNominatedPods(_nominated.Values);
                _rebuild = false;
                _dirty.Clear();
                _nominationChanges.Clear();
                _budgetsDirty = _budgets.Count > 0;
            }
            else if (_dirty.Count > 0)
            {
                foreach (var name in _dirty)
                {
                    if (_nodes.ContainsKey(name))
                    {
                        _snapshot = _snapshot.WithNode(Build(name));
                    }
                }
                _dirty.Clear();
            }
            if (_nominationChanges.Count > 0)
            {
                _snapshot = _snapshot.WithNominatedPods(_nominationChanges);
                _nominationChanges.Clear();
            }
            if (_budgetsDirty)
            {
                var bound = _podsByNode.Values.SelectMany(p => p.Values).ToList();
                _snapshot = _snapshot.WithDisruptionBudgets(_budgets.Values.Select(b => BudgetTranslation.ToBudget(b, bound)).OfType<PodDisruptionBudget>());
                _budgetsDirty = false;
            }
            return _snapshot;
        }
    }

    public TrackedPod? Find(string key) => _pods.GetValueOrDefault(key);

    /// <summary>Records a nomination the moment preemption makes it, before the status write lands.</summary>
    public void Nominate(PodInfo pod, string node) => SetNomination(Key(pod), pod with { NominatedNodeName = node });

    public void ApplyBudget(ChangeEvent change)
    {
        var key = change.Object.Key.SortKey;
        if (change.Type == WatchEventType.Deleted)
        {
            _budgets.Remove(key);
        }
        else
        {
            _budgets[key] = KubernetesJson.Deserialize<V1PodDisruptionBudget>(new MemoryStream(change.Object.Json));
        }
        _budgetsDirty = true;
    }

    /// <summary>Puts a pod the core just placed onto its node before the binding is durable.</summary>
    public void Assume(PodInfo pod, string node)
    {
        PodsOn(node)[Key(pod)] = pod with { NodeName = node };
        _assumed.Add(Key(pod));
        var snapshot = Snapshot;
        _snapshot = snapshot.WithPod(pod, node);
    }

    /// <summary>Takes back an assumption whose binding failed.</summary>
    public void Forget(PodInfo pod, string node)
    {
        _assumed.Remove(Key(pod));
        if (_podsByNode.TryGetValue(node, out var pods) && pods.Remove(Key(pod)))
        {
            _dirty.Add(node);
        }
    }

    public ClusterEvent ApplyNode(ChangeEvent change)
    {
        var name = change.Object.Key.Name;
        if (change.Type == WatchEventType.Deleted)
        {
            _nodes.Remove(name);
            _nodeFingerprints.Remove(name);
            _rebuild = true;
            return ClusterEvent.None;
        }
        var fingerprint = ObjectFingerprint.OfNode(change.Object.Json);
        if (_nodeFingerprints.TryGetValue(name, out var known) && known == fingerprint && _nodes.ContainsKey(name))
        {
            // A status update (conditions, heartbeat, images): nothing the core reads has changed.
            return ClusterEvent.None;
        }
        _nodeFingerprints[name] = fingerprint;
        var node = NodeTranslation.ToNodeInfo(KubernetesJson.Deserialize<V1Node>(new MemoryStream(change.Object.Json)));
        if (!_nodes.TryGetValue(name, out var previous))
        {
            _nodes[name] = node;
            _rebuild = true;
            return ClusterEvent.NodeAdded;
        }
        var what = ClusterEvent.None;
        if (previous.Unschedulable && !node.Unschedulable)
        {
            what |= ClusterEvent.NodeUncordoned;
        }
        if (!previous.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).SequenceEqual(node.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)))
        {
            what |= ClusterEvent.NodeLabelsChanged;
        }
        if (!previous.Taints.SequenceEqual(node.Taints))
        {
            what |= ClusterEvent.NodeTaintsChanged;
        }
        if (!Same(previous.Allocatable, node.Allocatable))
        {
            what |= ClusterEvent.NodeAllocatableChanged;
        }
        if (what != ClusterEvent.None || previous.Unschedulable != node.Unschedulable)
        {
            _nodes[name] = node;
            _dirty.Add(name);
        }
        return what;
    }

    public PodChange ApplyPod(ChangeEvent change)
    {
        var key = change.Object.Key.SortKey;
        var tracked = _pods.GetValueOrDefault(key);
        if (change.Type == WatchEventType.Deleted)
        {
            _pods.Remove(key);
            SetNomination(key, null);
            return tracked is { HoldsRoom: true } ? new PodChange(null, key, Leave(tracked, key)) : new PodChange(null, key, ClusterEvent.None);
        }
        var summary = change.Object.Summary;
        var node = summary.Field("spec.nodeName") ?? "";
        var terminal = summary.Field("status.phase") is "Succeeded" or "Failed";
        // A byte search, not a parse: status updates of bound pods are most of the traffic.
        var deleting = change.Object.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) >= 0;
        if (tracked is not null && tracked.Pod.Uid == summary.Uid && tracked.Node == node && tracked.Terminal == terminal && tracked.Deleting == deleting && node.Length > 0)
        {
            // A status update of a bound pod (Running, Ready): nothing the scheduler counts has changed.
            _pods[key] = tracked with { Revision = change.Object.Revision };
            return PodChange.Nothing;
        }
        var fingerprint = ObjectFingerprint.OfPod(change.Object.Json);
        PodInfo info;
        if (tracked is not null && tracked.Pod.Uid == summary.Uid && tracked.Fingerprint == fingerprint)
        {
            // Only spec.nodeName or status changed (a binding, PodScheduled=False, a nomination): everything else the
            // core reads is as translated before, and the nomination and phase are in the summary.
            info = tracked.Pod with { NodeName = node, NominatedNodeName = summary.Field("status.nominatedNodeName") ?? "" };
        }
        else
        {
            info = Translate(change.Object, summary.Uid);
        }
        var next = new TrackedPod(info, change.Object.Revision, node, terminal, deleting, fingerprint);
        _pods[key] = next;
        SetNomination(key, node.Length == 0 && !next.Deleting && info.NominatedNodeName.Length > 0 ? info : null);
        var what = ClusterEvent.None;
        if (tracked is { HoldsRoom: true } && (tracked.Node != node || !next.HoldsRoom || tracked.Pod.Uid != info.Uid))
        {
            what |= Leave(tracked, key);
        }
        if (next.HoldsRoom)
        {
            var stayed = tracked is { HoldsRoom: true } && tracked.Node == node && tracked.Pod.Uid == info.Uid;
            PodsOn(node)[key] = info with { NominatedNodeName = "" };
            _budgetsDirty |= _budgets.Count > 0;
            if (!_assumed.Remove(key))
            {
                // An assumed pod is in the snapshot already; its confirmation changes nothing the core counts.
                _dirty.Add(node);
            }
            return new PodChange(null, key, stayed ? what : what | ClusterEvent.AssignedPodAdded);
        }
        if (node.Length == 0 && !next.Deleting && isOurs(info.SchedulerName))
        {
            return new PodChange(info, null, what);
        }
        return new PodChange(null, key, what);
    }

    private static PodInfo Translate(StoredObject stored, string uid)
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(new MemoryStream(stored.Json));
        try
        {
            return PodTranslation.ToPodInfo(pod);
        }
        catch (NotSupportedException)
        {
            // The pod asks for something the core cannot express; it is scheduled as if without that rule rather
            // than never. (PodTranslation names the rule; the recorder reports it.)
            return new PodInfo { Namespace = stored.Key.Namespace, Name = stored.Key.Name, Uid = uid, Requests = PodTranslation.Requests(pod.Spec) };
        }
    }

    private void SetNomination(string key, PodInfo? nominated)
    {
        if (nominated is not null)
        {
            _nominated[key] = nominated;
            _nominationChanges.Add(nominated);
        }
        else if (_nominated.Remove(key, out var previous))
        {
            _nominationChanges.Add(previous with { NominatedNodeName = "" });
        }
    }

    private ClusterEvent Leave(TrackedPod tracked, string key)
    {
        _budgetsDirty |= _budgets.Count > 0;
        if (_podsByNode.TryGetValue(tracked.Node, out var pods) && pods.Remove(key))
        {
            _dirty.Add(tracked.Node);
        }
        return ClusterEvent.AssignedPodDeleted;
    }

    private NodeInfo Build(string name)
    {
        var node = _nodes[name];
        return _podsByNode.TryGetValue(name, out var pods) && pods.Count > 0 ? node with { Pods = [.. pods.Values] } : node with { Pods = [] };
    }

    private Dictionary<string, PodInfo> PodsOn(string node)
    {
        if (!_podsByNode.TryGetValue(node, out var pods))
        {
            _podsByNode[node] = pods = new Dictionary<string, PodInfo>(StringComparer.Ordinal);
        }
        return pods;
    }

    private static string Key(PodInfo pod) => pod.Namespace + "/" + pod.Name;

    private static bool Same(Resources a, Resources b) =>
        a.MilliCpu == b.MilliCpu && a.Memory == b.Memory && a.EphemeralStorage == b.EphemeralStorage && a.Pods == b.Pods
        && (a.Extended ?? ImmutableDictionary<string, long>.Empty).OrderBy(e => e.Key, StringComparer.Ordinal)
            .SequenceEqual((b.Extended ?? ImmutableDictionary<string, long>.Empty).OrderBy(e => e.Key, StringComparer.Ordinal));
}
