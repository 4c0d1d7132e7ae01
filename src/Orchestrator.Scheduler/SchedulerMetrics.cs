using Prometheus;

namespace Orchestrator.Scheduler;

/// <summary>The scheduler's metrics, named as the house style says; labels are bounded (never a pod name).</summary>
internal static class SchedulerMetrics
{
    public static readonly Counter Attempts = Metrics.CreateCounter(
        "orchestrator_scheduler_schedule_attempts_total", "Scheduling cycles by result.", "result");

    public static readonly Counter Binds = Metrics.CreateCounter(
        "orchestrator_scheduler_binds_total", "Bindings sent to node grains by outcome.", "outcome");

    public static readonly Counter Preemptions = Metrics.CreateCounter(
        "orchestrator_scheduler_preemption_victims_total", "Pods evicted to make room for higher-priority pods.");

    public static readonly Gauge Pending = Metrics.CreateGauge(
        "orchestrator_scheduler_pending_pods", "Pods waiting, by queue.", "queue");

    public static readonly Histogram AlgorithmDuration = Metrics.CreateHistogram(
        "orchestrator_scheduler_algorithm_duration_seconds", "Time the core took to decide one pod.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_01, 2, 16) });
}
