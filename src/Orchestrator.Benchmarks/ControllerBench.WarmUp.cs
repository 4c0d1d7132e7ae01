using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

// A warm-up before the measured phases: a fresh server runs every code path of a scale-up for the first time (JIT
// compiling, tiering up), which a cluster that has been up for a while no longer pays. Its time is printed as well.
public sealed partial class ControllerBench
{
    private const string WarmUpNamespace = "bench-warm-up";

    private async Task WarmUpAsync(ApiClient api)
    {
        var replicas = Replicas / 10;
        Report.Section($"warm-up: a {replicas}-replica Deployment in its own namespace, scaled up and deleted (not measured)");
        var clock = Stopwatch.StartNew();
        await api.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + WarmUpNamespace + "\"}}");
        var path = $"/apis/apps/v1/namespaces/{WarmUpNamespace}/deployments";
        await api.SendJsonAsync(HttpMethod.Post, path, ControllerWorkload.Deployment(replicas, TolerationSeconds));
        await WaitAsync(async () => await AvailableAsync(api, $"{path}/{ControllerWorkload.Name}") >= replicas, TimeSpan.FromSeconds(120), "warm-up scale up");
        Report.Line($"POST -> {replicas} pods available (cold server)", $"{clock.Elapsed.TotalSeconds:F2} s");
        await api.DeleteAsync($"{path}/{ControllerWorkload.Name}");
        await WaitAsync(async () => await api.CountPodsAsync($"/api/v1/namespaces/{WarmUpNamespace}/pods") == 0, TimeSpan.FromSeconds(120), "warm-up deletion");
        Report.Line("warm-up done (deleted, no pods left)", $"{clock.Elapsed.TotalSeconds:F2} s");
        // The runtime compiles the methods the warm-up made hot again, optimized, on a background thread; on two cores
        // that work would otherwise land in the measured scale-up.
        var (waited, cores) = await ProcessCpu.SettleAsync(Pids(), SettledCores, TimeSpan.FromSeconds(30));
        Report.Line($"settled: server and simulators under {SettledCores:F2} cores", $"{waited.TotalSeconds:F0} s (last second {cores:F2} cores)");
    }

    // A hundred simulated nodes renewing leases every 2.5 s, and the server storing them, idle at about a tenth of a core.
    private const double SettledCores = 0.3;

    private int[] Pids()
    {
        lock (_lock)
        {
            return [.. _simulators.Select(s => s.Pid), .. _server is { } server ? [server.Pid] : Array.Empty<int>()];
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > timeout)
            {
                throw new BenchmarkFailure($"{what} did not finish within {timeout.TotalSeconds:F0} s");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<long> AvailableAsync(ApiClient api, string path)
    {
        using var deployment = JsonDocument.Parse(await api.GetBytesAsync(path));
        return deployment.RootElement.TryGetProperty("status", out var status) && status.TryGetProperty("availableReplicas", out var available) ? available.GetInt64() : 0;
    }
}
