using Prometheus;

namespace Orchestrator.Api;

/// <summary>The API server's metrics; labels are bounded (verb, resource, code), never an object name.</summary>
public static class ApiMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter(
        "orchestrator_api_requests_total", "API requests by verb, resource and HTTP code.", "verb", "resource", "code");

    public static readonly Histogram RequestDuration = Metrics.CreateHistogram(
        "orchestrator_api_request_duration_seconds", "API request latency by verb (watches excluded).",
        new HistogramConfiguration
        {
            LabelNames = ["verb"],
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });

    public static readonly Gauge OpenWatches = Metrics.CreateGauge(
        "orchestrator_api_open_watches", "Watches currently streaming.");
}
