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
