namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// kube's node lifecycle decisions as a replayable state machine: each <see cref="Step"/> takes the time and what
/// every node looks like, and says which nodes to mark Unknown (no heartbeat for the grace period, timed on this
/// controller's own clock when it sees a heartbeat change, never on the node's), which taints to add or remove, and
/// how each zone stands. NoSchedule taints follow Ready at once; NoExecute taints, which evict, go through a
/// per-zone rate-limited queue whose rate drops when a zone is partially disrupted and stops when every zone is down;
/// <see cref="TaintQueued"/> drains that queue between passes as kube's 100 ms eviction pass does.
/// </summary>
public sealed partial class NodeLifecycleCore(NodeLifecycleOptions options)
{
    private readonly Dictionary<string, (string Heartbeat, DateTimeOffset Probe)> _health = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastStep;

    /// <summary>
    /// The earliest moment a node not yet judged runs out of grace (null: none): a pass then judges it at once instead
    /// of up to a monitor period later. In a healthy cluster it is always most of a grace period away.
    /// </summary>
    public DateTimeOffset? NextExpiry { get; private set; }

    public NodeLifecyclePlan Step(DateTimeOffset now, IReadOnlyList<NodeObservation> nodes)
    {
        var pass = new Pass(nodes) { Now = now };
        foreach (var gone in _health.Keys.Where(n => !pass.Nodes.ContainsKey(n)).ToList())
        {
            _health.Remove(gone);
            Dequeue(gone);
        }
        var zoneReady = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            // Whatever its health, a cordoned node carries the unschedulable taint and an uncordoned one does not.
            pass.Edit(node.Name).Set(NodeTaints.UnschedulableNoSchedule, node.Unschedulable);
            if (Observe(node, now, pass) is not { } current)
            {
                continue;
            }
            if (!node.ExcludedFromZone)
            {
                (zoneReady.TryGetValue(node.Zone, out var list) ? list : zoneReady[node.Zone] = []).Add(current == "True" && IsSilent(node.Name, now) ? Silent : current);
            }
            FollowReady(node, current, pass);
        }
        if (HandleDisruption(zoneReady, now, pass))
        {
            TaintingPass(now, pass);
        }
        _lastStep = now;
        NextExpiry = _health.Values.Select(h => h.Probe + options.GracePeriod).Where(e => e >= now).Order().Cast<DateTimeOffset?>().FirstOrDefault();
        return new NodeLifecyclePlan(pass.Actions(), new Dictionary<string, ZoneState>(_zoneStates, StringComparer.Ordinal));
    }

    /// <summary>How a Ready node that has not reported for <see cref="NodeLifecycleOptions.ZoneSilence"/> counts in its zone's health.</summary>
    public const string Silent = "Silent";

    private bool IsSilent(string name, DateTimeOffset now) =>
        options.ZoneSilence < options.GracePeriod && _health.TryGetValue(name, out var health) && health.Probe + options.ZoneSilence < now;

    /// <summary>Times the node's heartbeat and returns its Ready status after this pass; null while it has none to judge.</summary>
    private string? Observe(NodeObservation node, DateTimeOffset now, Pass pass)
    {
        if (!_health.TryGetValue(node.Name, out var health))
        {
            health = (node.Heartbeat, now);
            _health[node.Name] = health;
        }
        else if (health.Heartbeat != node.Heartbeat)
        {
            health = (node.Heartbeat, ProbeTime(node, now));
            _health[node.Name] = health;
        }
        var expired = health.Probe + options.GracePeriod < now;
        if (node.Ready is null && !expired)
        {
            return null;
        }
        var current = node.Ready ?? "Unknown";
        if (expired && node.Ready != "Unknown")
        {
            pass.Edit(node.Name).SetUnknown = true;
            current = "Unknown";
        }
        if (current != "True" && node.Ready == "True")
        {
            pass.Edit(node.Name).ReportNotReady = true;
        }
        pass.Ready[node.Name] = current;
        return current;
    }

    /// <summary>
    /// When a changed heartbeat happened on this controller's clock: after the previous pass (which did not see it) and
    /// by now. Within that window the kubelet's own time places it, so a node is judged a grace period after it last
    /// reported rather than after the pass that noticed; a skewed kubelet clock can move it no further than the window,
    /// and the window is at most a monitor period.
    /// </summary>
    private DateTimeOffset ProbeTime(NodeObservation node, DateTimeOffset now)
    {
        if (_lastStep is not { } last || node.RenewedAt is not { } renewed)
        {
            return now;
        }
        // A pass held up (a slow write, a loaded machine) must not make a late Lease look older than a period.
        var floor = last > now - options.MonitorPeriod ? last : now - options.MonitorPeriod;
        return renewed < floor ? floor : renewed > now ? now : renewed;
    }

    /// <summary>NoSchedule taints mirror Ready now; a NoExecute taint already there swaps at once, a new one is queued.</summary>
    private void FollowReady(NodeObservation node, string current, Pass pass)
    {
        var edit = pass.Edit(node.Name);
        var noSchedule = NodeTaints.NoScheduleFor(current);
        foreach (var taint in new[] { NodeTaints.UnreachableNoSchedule, NodeTaints.NotReadyNoSchedule })
        {
            edit.Set(taint, taint == noSchedule);
        }
        if (NodeTaints.NoExecuteFor(current) is not { } noExecute)
        {
            edit.Set(NodeTaints.UnreachableNoExecute, false);
            edit.Set(NodeTaints.NotReadyNoExecute, false);
            Dequeue(node.Name);
            return;
        }
        var opposite = noExecute == NodeTaints.UnreachableNoExecute ? NodeTaints.NotReadyNoExecute : NodeTaints.UnreachableNoExecute;
        if (edit.Has(opposite))
        {
            edit.Set(opposite, false);
            edit.Set(noExecute, true);
        }
        else if (!edit.Has(noExecute))
        {
            Enqueue(node.Zone, node.Name, pass.Now);
        }
    }
}
