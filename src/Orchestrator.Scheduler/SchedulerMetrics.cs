using Prometheus;

namespace Orchestrator.Scheduler;

/// <summary>The scheduler's metrics, named as the house style says; labels are bounded (never a pod name).</summary>
internal static class SchedulerMetrics
{
    public static readonly Counter Attempts = Metrics.CreateCounter(
        "orchestrator_scheduler_schedule_attempts_total", "Scheduling cycles by result.", "result");

    public static readonly Counter Binds = Metrics.CreateCounter(
        "orchestrator_scheduler_binds_total", "Bindings sent to node grains by outcome.", "outcome");

    public static readonly Counter EventsDropped = Metrics.CreateCounter(
        "orchestrator_scheduler_events_dropped_total", "Scheduled events dropped because the event queue was full, as kube's event broadcaster drops them.");

    public static readonly Counter Preemptions = Metrics.CreateCounter(
        "orchestrator_scheduler_preemption_victims_total", "Pods evicted to make room for higher-priority pods.");

    /// <summary>Unix times of the start of scheduling and of the first and latest successful bind, so a backlog's bind rate is read from the server's own clock.</summary>
    public static readonly Gauge Synchronized = Metrics.CreateGauge(
        "orchestrator_scheduler_synchronized_timestamp_seconds", "Unix time the scheduler had read the cluster and began scheduling.");

    public static readonly Gauge FirstBind = Metrics.CreateGauge(
        "orchestrator_scheduler_first_bind_timestamp_seconds", "Unix time of the first pod this process bound.");

    public static readonly Gauge LastBind = Metrics.CreateGauge(
        "orchestrator_scheduler_last_bind_timestamp_seconds", "Unix time of the latest pod this process bound.");

    public static readonly Gauge Pending = Metrics.CreateGauge(
        "orchestrator_scheduler_pending_pods", "Pods waiting, by queue.", "queue");

    public static readonly Histogram AlgorithmDuration = Metrics.CreateHistogram(
        "orchestrator_scheduler_algorithm_duration_seconds", "Time the core took to decide one pod.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_01, 2, 16) });
}
