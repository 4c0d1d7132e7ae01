namespace Orchestrator.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleCore
{
    private readonly Dictionary<string, ZoneState> _zoneStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenBucket> _limiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// A zone with no Ready node is fully disrupted; one with more than two not-ready nodes making up at least the
    /// threshold is partially disrupted; any other is normal. A <see cref="Silent"/> node, Ready but not heard from for
    /// a while, counts as not ready here.
    /// </summary>
    public static ZoneState ComputeZoneState(IReadOnlyCollection<string> readyStatuses, double unhealthyThreshold)
    {
        var ready = readyStatuses.Count(s => s == "True");
        var notReady = readyStatuses.Count - ready;
        if (ready == 0 && notReady > 0)
        {
            return ZoneState.FullDisruption;
        }
        return notReady > 2 && (double)notReady / readyStatuses.Count >= unhealthyThreshold ? ZoneState.PartialDisruption : ZoneState.Normal;
    }

    /// <summary>
    /// kube's handleDisruption: new zone states set each zone's eviction rate. When every zone is fully disrupted the
    /// controller trusts its own view less than the nodes: it removes every NoExecute taint and stops evicting.
    /// Returns whether queued nodes may be tainted in this pass.
    /// </summary>
    private bool HandleDisruption(Dictionary<string, List<string>> zoneReady, DateTimeOffset now, Pass pass)
    {
        var newStates = zoneReady.ToDictionary(z => z.Key, z => ComputeZoneState(z.Value, options.UnhealthyZoneThreshold), StringComparer.Ordinal);
        var allAreFullyDisrupted = newStates.Values.All(s => s == ZoneState.FullDisruption);
        foreach (var zone in newStates.Keys)
        {
            _zoneStates.TryAdd(zone, ZoneState.Initial);
        }
        foreach (var gone in _zoneStates.Keys.Where(z => !newStates.ContainsKey(z)).ToList())
        {
            _zoneStates.Remove(gone);
        }
        var allWereFullyDisrupted = _zoneStates.Values.All(s => s == ZoneState.FullDisruption);
        if (allAreFullyDisrupted && allWereFullyDisrupted)
        {
            return false;
        }
        if (allAreFullyDisrupted)
        {
            foreach (var name in pass.Nodes.Keys)
            {
                pass.Edit(name).Set(NodeTaints.UnreachableNoExecute, false);
                pass.Edit(name).Set(NodeTaints.NotReadyNoExecute, false);
            }
            _queues.Clear();
            foreach (var zone in _zoneStates.Keys)
            {
                SwapLimiter(zone, 0, now);
                _zoneStates[zone] = ZoneState.FullDisruption;
            }
            return false;
        }
        if (allWereFullyDisrupted && newStates.Count > 0)
        {
            // Back from a total outage: every node gets a fresh grace period before it can be judged again.
            foreach (var name in _health.Keys.ToList())
            {
                _health[name] = (_health[name].Heartbeat, now);
            }
        }
        foreach (var (zone, state) in newStates)
        {
            if (_zoneStates[zone] != state || allWereFullyDisrupted)
            {
                SwapLimiter(zone, RateFor(state, zoneReady[zone].Count), now);
                _zoneStates[zone] = state;
            }
        }
        return true;
    }

    /// <summary>kube's ReducedQPSFunc and HealthyQPSFunc: a small partially disrupted zone stops, a full one evicts normally.</summary>
    private double RateFor(ZoneState state, int zoneSize) => state switch
    {
        ZoneState.PartialDisruption => zoneSize > options.LargeClusterThreshold ? options.SecondaryEvictionRate : 0,
        _ => options.EvictionRate,
    };

    /// <summary>Taints queued nodes, oldest first, as each zone's bucket allows; a node Ready again by then is dropped.</summary>
    private void TaintingPass(DateTimeOffset now, Pass pass)
    {
        foreach (var (zone, queue) in _queues.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            while (queue.Count > 0 && Limiter(zone, now).TryAccept(now))
            {
                var name = queue[0];
                queue.RemoveAt(0);
                if (!pass.Ready.TryGetValue(name, out var ready) || NodeTaints.NoExecuteFor(ready) is not { } taint)
                {
                    continue;
                }
                SetNoExecute(pass.Edit(name), taint);
            }
        }
    }

    /// <summary>Whether some node waits for a NoExecute taint.</summary>
    public bool HasQueued => _queues.Values.Any(q => q.Count > 0);

    /// <summary>
    /// kube's doNoExecuteTaintingPass, run every <see cref="NodeLifecycleOptions.EvictionPeriod"/> between monitor passes:
    /// without it a bucket of 2 nodes/s (burst 1) would taint one node a zone per 1 s pass. Only the queue heads the
    /// buckets let through are looked at (<paramref name="observe"/>: null when gone), by their Ready as stored.
    /// </summary>
    public IReadOnlyList<NodeAction> TaintQueued(DateTimeOffset now, Func<string, NodeObservation?> observe)
    {
        if (_zoneStates.Count == 0 || _zoneStates.Values.All(s => s == ZoneState.FullDisruption))
        {
            return [];
        }
        var actions = new List<NodeAction>();
        foreach (var (zone, queue) in _queues.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            while (queue.Count > 0 && Limiter(zone, now).TryAccept(now))
            {
                var name = queue[0];
                queue.RemoveAt(0);
                if (observe(name) is not { } node || NodeTaints.NoExecuteFor(node.Ready ?? "Unknown") is not { } taint)
                {
                    continue;
                }
                var pass = new Pass([node]) { Now = now };
                SetNoExecute(pass.Edit(name), taint);
                actions.AddRange(pass.Actions());
            }
        }
        return actions;
    }

    private static void SetNoExecute(Edit edit, string taint)
    {
        edit.Set(NodeTaints.UnreachableNoExecute, taint == NodeTaints.UnreachableNoExecute);
        edit.Set(NodeTaints.NotReadyNoExecute, taint == NodeTaints.NotReadyNoExecute);
    }

    private void Enqueue(string zone, string name, DateTimeOffset now)
    {
        Limiter(zone, now);
        var queue = _queues.TryGetValue(zone, out var q) ? q : _queues[zone] = [];
        if (!queue.Contains(name))
        {
            queue.Add(name);
        }
    }

    private void Dequeue(string name)
    {
        foreach (var queue in _queues.Values)
        {
            queue.Remove(name);
        }
    }

    private TokenBucket Limiter(string zone, DateTimeOffset now) =>
        _limiters.TryGetValue(zone, out var limiter) ? limiter : _limiters[zone] = new TokenBucket(options.EvictionRate, now);

    private void SwapLimiter(string zone, double rate, DateTimeOffset now)
    {
        var current = Limiter(zone, now);
        if (current.Rate != rate)
        {
            _limiters[zone] = current.Swap(rate, now);
        }
    }
}
