using Prometheus;

namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>What kube's pod GC metrics say: pods force-deleted, by reason (four values).</summary>
internal static class PodGcMetrics
{
    public static readonly Counter DeletedPods = Metrics.CreateCounter(
        "orchestrator_podgc_deleted_pods_total", "Pods force-deleted by the pod garbage collector, by reason.", "reason");
}
