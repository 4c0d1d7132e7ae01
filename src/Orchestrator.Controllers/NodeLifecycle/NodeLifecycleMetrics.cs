using Prometheus;

namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>What kube's node_collector metrics say: zone states, nodes tainted for eviction, pods evicted. Labels: zones only.</summary>
internal static class NodeLifecycleMetrics
{
    public static readonly Gauge ZoneState = Metrics.CreateGauge(
        "orchestrator_nodelifecycle_zone_state", "Each zone's state: 0 initial, 1 normal, 2 partial disruption, 3 full disruption.", "zone");

    public static readonly Counter NoExecuteTaints = Metrics.CreateCounter(
        "orchestrator_nodelifecycle_noexecute_taints_total", "Nodes tainted NoExecute (not-ready or unreachable), by zone.", "zone");

    public static readonly Counter TaintEvictions = Metrics.CreateCounter(
        "orchestrator_nodelifecycle_taint_evictions_total", "Pods deleted because they did not tolerate, or outstayed, a NoExecute taint.");
}
