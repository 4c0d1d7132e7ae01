using System.Diagnostics;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>Settles the server (forced full GC, then a short quiet wait) and reads its memory from /metrics.</summary>
public static class MemoryProbe
{
    private const string Gen2Collections = "dotnet_collection_count_total{generation=\"2\"}";

    public static async Task<MemorySample> SampleAsync(ApiClient api, int pid, int pods)
    {
        var before = ApiClient.Metric(await MetricsAsync(api), Gen2Collections) ?? 0;
        var forced = false;
        if (await GcTrigger.TryInduceAsync(pid, TimeSpan.FromSeconds(30)))
        {
            var waited = Stopwatch.StartNew();
            while (!forced && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                forced = (ApiClient.Metric(await MetricsAsync(api), Gen2Collections) ?? 0) > before;
                if (!forced)
                {
                    await Task.Delay(100);
                }
            }
        }
        // Give the GC's background work (decommit, finalizers) a moment, then take the quietest of a few samples.
        await Task.Delay(TimeSpan.FromSeconds(forced ? 1 : 5));
        double workingSet = double.MaxValue, heap = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var metrics = await MetricsAsync(api);
            workingSet = Math.Min(workingSet, ApiClient.Metric(metrics, "process_working_set_bytes") ?? double.NaN);
            heap = Math.Min(heap, ApiClient.Metric(metrics, "dotnet_total_memory_bytes") ?? double.NaN);
            await Task.Delay(300);
        }
        if (double.IsNaN(workingSet) || double.IsNaN(heap))
        {
            throw new BenchmarkFailure("/metrics lacks process_working_set_bytes or dotnet_total_memory_bytes");
        }
        return new MemorySample(pods, workingSet, heap, forced);
    }

    private static async Task<string> MetricsAsync(ApiClient api) => Encoding.UTF8.GetString(await api.GetBytesAsync("/metrics"));
}
