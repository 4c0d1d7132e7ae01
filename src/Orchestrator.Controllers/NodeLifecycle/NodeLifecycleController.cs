using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// kube's node lifecycle controller: every monitor period it looks at every node and its Lease, and writes what
/// <see cref="NodeLifecycleCore"/> decides: Unknown conditions for silent nodes, NodeNotReady events with their pods
/// marked not ready, and the not-ready/unreachable taints that the taint eviction controller acts on.
/// </summary>
public sealed partial class NodeLifecycleController(
    InProcessClient client, EventRecorder events, TimeProvider clock, NodeLifecycleOptions options, ILogger<NodeLifecycleController> logger) : IController
{
    public const string ControllerName = "node-controller";

    private const string PassKey = "nodes";

    /// <summary>The periodic pass: the only key that asks to run again, so there is exactly one timer chain.</summary>
    private const string TickKey = "nodes/monitor";

    /// <summary>A node is judged once strictly past its grace: the pass after an expiry comes this much later.</summary>
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromMilliseconds(10);

    /// <summary>Nodes written at once in a pass (kube's nodeUpdateWorkerSize: 8).</summary>
    private const int ApplyWorkers = 8;

    private readonly NodeLifecycleCore _core = new(options);
    private readonly ResourceDescriptor _nodes = client.Resource("", "nodes");
    private readonly ResourceDescriptor _leases = client.Resource("coordination.k8s.io", "leases");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");
    private readonly SemaphoreSlim _pass = new(1, 1);
    private IReadOnlyDictionary<string, ZoneState> _zones = new Dictionary<string, ZoneState>();
    private readonly Dictionary<string, (long Node, long Lease, NodeObservation Observation)> _observed = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPass = DateTimeOffset.MinValue;
    private bool _ticking;

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [_nodes.StorageKey];

    /// <summary>Zone states after the last pass, for logs and tests.</summary>
    public IReadOnlyDictionary<string, ZoneState> Zones => _zones;

    /// <summary>
    /// A pass at once when a node comes, goes, changes its Ready status or is cordoned or uncordoned; otherwise one
    /// every monitor period, with queued nodes tainted every eviction period in between.
    /// </summary>
    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        if (!_ticking)
        {
            _ticking = true;
            return [PassKey, TickKey];
        }
        if (change.Previous is null || change.Type == WatchEventType.Deleted || Trigger(change.Previous) != Trigger(change.Object))
        {
            return [PassKey];
        }
        return [];
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (key == TickKey && _core.HasQueued && now - _lastPass < options.MonitorPeriod && !(now > _core.NextExpiry))
            {
                await TaintQueuedAsync(now, cancellationToken);
                return NextTick(now);
            }
            _lastPass = now;
            var stored = client.Cache.List(_nodes.StorageKey, null, _ => true).Items.ToDictionary(n => n.Key.Name, StringComparer.Ordinal);
            var plan = _core.Step(now, [.. stored.Values.Select(ObserveStored)]);
            LogZoneChanges(plan.Zones);
            // kube updates node health with 8 workers: ten dead nodes of ten pods each are some 200 writes, one after
            // another a pass of many seconds on a loaded machine, during which no other node is judged.
            await Parallel.ForEachAsync(plan.Actions, new ParallelOptions { MaxDegreeOfParallelism = ApplyWorkers, CancellationToken = cancellationToken },
                async (action, _) => await ApplyAsync(InProcessClient.Decode<V1Node>(stored[action.Name]), action, now));
            foreach (var gone in _observed.Keys.Where(name => !stored.ContainsKey(name)).ToList())
            {
                _observed.Remove(gone);
            }
        }
        finally
        {
            _pass.Release();
        }
        return key == TickKey ? NextTick(clock.GetUtcNow()) : null;
    }

    /// <summary>The monitor period; the eviction period while nodes wait for a taint; sooner when a node's grace runs out first.</summary>
    private TimeSpan NextTick(DateTimeOffset now)
    {
        var next = _core.HasQueued && options.EvictionPeriod < options.MonitorPeriod ? options.EvictionPeriod : options.MonitorPeriod;
        if (_core.NextExpiry is { } expiry && expiry + ExpirySlack - now < next)
        {
            next = expiry + ExpirySlack - now;
        }
        return next < ExpirySlack ? ExpirySlack : next;
    }

    /// <summary>Between passes: only the queued nodes the zones' buckets let through are read and tainted.</summary>
    private async Task TaintQueuedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, V1Node>(StringComparer.Ordinal);
        var actions = _core.TaintQueued(now, name =>
        {
            if (client.Get<V1Node>(_nodes, null, name) is not { } node)
            {
                return null;
            }
            read[name] = node;
            return Observe(node);
        });
        foreach (var action in actions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ApplyAsync(read[action.Name], action, now);
        }
    }

    /// <summary>
    /// A node's observation, decoded again only when the node or its Lease changed since the last pass: an informer
    /// hands kube's controller decoded objects, and decoding every node and Lease every second was most of what an
    /// idle control plane with a hundred nodes allocated.
    /// </summary>
    private NodeObservation ObserveStored(StoredObject node)
    {
        var lease = client.Cache.Get(new ObjectKey(_leases.StorageKey, "kube-node-lease", node.Key.Name));
        var leaseRevision = lease?.Revision ?? 0;
        if (_observed.TryGetValue(node.Key.Name, out var seen) && seen.Node == node.Revision && seen.Lease == leaseRevision)
        {
            return seen.Observation;
        }
        var observation = Observe(InProcessClient.Decode<V1Node>(node), lease is null ? null : InProcessClient.Decode<V1Lease>(lease));
        _observed[node.Key.Name] = (node.Revision, leaseRevision, observation);
        return observation;
    }

    private NodeObservation Observe(V1Node node) => Observe(node, client.Get<V1Lease>(_leases, "kube-node-lease", node.Metadata.Name));

    private static NodeObservation Observe(V1Node node, V1Lease? lease)
    {
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        var zone = Label(labels, "topology.kubernetes.io/zone") ?? Label(labels, "failure-domain.beta.kubernetes.io/zone") ?? "";
        var region = Label(labels, "topology.kubernetes.io/region") ?? "";
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var heartbeat = $"{lease?.Spec?.RenewTime:O}|{ready?.LastHeartbeatTime:O}";
        var renewed = new[] { lease?.Spec?.RenewTime, ready?.LastHeartbeatTime }.Where(t => t is not null).Select(t => Utc(t!.Value)).DefaultIfEmpty().Max();
        var taints = (node.Spec?.Taints ?? []).Select(t => $"{t.Key}:{t.Effect}").Where(NodeTaints.All.Contains).ToHashSet(StringComparer.Ordinal);
        return new NodeObservation(node.Metadata.Name, region.Length == 0 ? zone : $"{region}:{zone}", ready?.Status, heartbeat, taints)
        {
            ExcludedFromZone = labels.ContainsKey("node.kubernetes.io/exclude-disruption"),
            Unschedulable = node.Spec?.Unschedulable == true,
            RenewedAt = renewed == default ? null : renewed,
        };
    }

    private static DateTimeOffset Utc(DateTime at) =>
        new(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static string? Label(IDictionary<string, string> labels, string key) => labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>What makes a node change worth a pass before the next tick: its Ready status and spec.unschedulable.</summary>
    private static (string? Ready, bool Unschedulable) Trigger(StoredObject stored)
    {
        var node = InProcessClient.Decode<V1Node>(stored);
        return (node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status, node.Spec?.Unschedulable == true);
    }

    private void LogZoneChanges(IReadOnlyDictionary<string, ZoneState> zones)
    {
        foreach (var (zone, state) in zones)
        {
            NodeLifecycleMetrics.ZoneState.WithLabels(zone).Set((int)state);
            if (!_zones.TryGetValue(zone, out var before) || before != state)
            {
                LogZoneState(logger, zone.Length == 0 ? "(no zone)" : zone, state);
            }
        }
        _zones = zones;
    }
}
