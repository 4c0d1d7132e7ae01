using Prometheus;

namespace Orchestrator.Controllers;

/// <summary>The controllers' metrics (kube's workqueue metrics, by controller name; never an object's name).</summary>
internal static class ControllerMetrics
{
    public static readonly Counter Syncs = Metrics.CreateCounter(
        "orchestrator_controller_syncs_total", "Reconciles by controller and result (ok, conflict, forbidden, error).", "controller", "result");

    public static readonly Histogram SyncDuration = Metrics.CreateHistogram(
        "orchestrator_controller_sync_duration_seconds", "Time one reconcile took, writes included.",
        new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.000_1, 2, 16) });

    public static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "orchestrator_controller_queue_depth", "Keys waiting to be reconciled.", "controller");

    public static readonly Counter EventsDropped = Metrics.CreateCounter(
        "orchestrator_controller_events_dropped_total", "Events not written: spam (over the source-and-object burst), queue-full or failed.", "reason");
}
