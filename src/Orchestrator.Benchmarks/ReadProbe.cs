using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>GET and LIST latencies at one store size, and the memory the server holds there.</summary>
public static class ReadProbe
{
    /// <summary>Measures at <paramref name="stored"/> pods; pods named bench-000000.. exist below <paramref name="named"/>.</summary>
    public static async Task<CheckpointResult> RunAsync(ApiClient api, int pid, int stored, int named, BenchmarkOptions options)
    {
        Report.Section($"reads at {stored:N0} stored pods");
        var memory = await MemoryProbe.SampleAsync(api, pid, stored);
        Report.Line("server memory", memory.ToString());

        // A multiplicative hash spreads the reads over every stored pod, the same way on every run.
        Task<bool> GetOne(int i) => api.GetAsync($"{ApiClient.PodsPath}/{PodFactory.Name("bench", (int)((uint)i * 2654435761u % (uint)named))}");
        var single = await LoadRunner.RunAsync("GET, 1 client", options.Quick ? 300 : 2_000, 1, GetOne);
        Report.Load("GET random pod, 1 client", single);
        var cpu = await api.ServerCpuSecondsAsync();
        var loaded = await LoadRunner.RunAsync($"GET, {options.Clients} clients", options.Quick ? 2_000 : 30_000, options.Clients, GetOne);
        Report.Load($"GET random pod, {options.Clients} clients", loaded, await api.ServerCpuSecondsAsync() - cpu);

        var fullLists = new List<long>();
        long bytes = 0;
        for (var i = 0; i < 3; i++)
        {
            // Counted while streaming, as an informer decodes: the time is until the last item was read.
            var started = Stopwatch.GetTimestamp();
            var (items, length) = await api.StreamListAsync(ApiClient.PodsPath);
            fullLists.Add(Stopwatch.GetTimestamp() - started);
            bytes = length;
            if (items != stored)
            {
                throw new BenchmarkFailure($"the full list held {items:N0} pods; {stored:N0} were created");
            }
        }
        var fullList = LatencyStats.FromTicks(fullLists);
        Report.Line("LIST all pods (streamed, counted)", $"{fullList} , {bytes / 1048576.0:F1} MiB, {stored:N0} items");

        var page = await LoadRunner.RunAsync("LIST limit=500", options.Quick ? 20 : 50, 1, async _ =>
        {
            var (items, _) = ApiClient.ReadList(await api.GetBytesAsync(ApiClient.PodsPath + "?limit=500"));
            return items == Math.Min(500, stored);
        });
        Report.Load("LIST limit=500 page, 1 client", page);
        if (single.Failures + loaded.Failures + page.Failures > 0)
        {
            throw new BenchmarkFailure($"reads failed at {stored:N0} pods: {single.Failures} + {loaded.Failures} GETs, {page.Failures} pages");
        }
        return new CheckpointResult(memory, single, loaded, fullList, page);
    }
}
