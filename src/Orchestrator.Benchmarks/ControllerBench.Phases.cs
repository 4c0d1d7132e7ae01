using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

// The four phases, each timed from the request (or the kill) to what a user's watcher sees.
public sealed partial class ControllerBench
{
    private const string StrategicMerge = "application/strategic-merge-patch+json";

    private async Task<ControllerResult> MeasureAsync(ApiClient api, DeploymentPodWatch watch)
    {
        await WarmUpAsync(api);
        Report.Section($"scale up: POST a {Replicas:N0}-replica Deployment, until every pod is available");
        var clock = Stopwatch.StartNew();
        var posted = Stopwatch.GetTimestamp();
        await api.SendJsonAsync(HttpMethod.Post, ControllerWorkload.Path, ControllerWorkload.Deployment(Replicas, TolerationSeconds));
        await WaitAvailableAsync(watch, Replicas, TimeSpan.FromSeconds(quick ? 60 : 120), "scale up");
        var scaleUp = clock.Elapsed;
        Report.Line($"POST -> {Replicas:N0} pods available", $"{scaleUp.TotalSeconds:F2} s");
        foreach (var (stage, seconds) in watch.Timeline(posted, Replicas))
        {
            Report.Line($"  pods {stage}: first / half / all", string.Join(" / ", seconds.Select(s => $"{s:F2}")) + " s");
        }

        Report.Section("rolling update: a template change, until the Deployment reports it complete");
        var before = watch.TrackLowest();
        clock.Restart();
        await api.SendJsonAsync(HttpMethod.Patch, $"{ControllerWorkload.Path}/{ControllerWorkload.Name}", ControllerWorkload.Restart(2), StrategicMerge);
        await WaitRolledOutAsync(api, TimeSpan.FromSeconds(quick ? 60 : 180));
        var rollout = clock.Elapsed;
        var lowest = watch.StopTrackingLowest();
        Report.Line("PATCH -> rollout complete (generation observed, all updated and available)", $"{rollout.TotalSeconds:F2} s");
        Report.Line("available pods: before / lowest seen by the watcher", $"{before:N0} / {lowest:N0} (floor {Replicas - ControllerWorkload.MaxUnavailable(Replicas):N0})");

        var (lostA, lostB) = (Groups[1], Groups[2]);
        Report.Section($"{lostA.Count} of {Nodes} nodes die (SIGKILL of their simulator): until their pods are replaced elsewhere");
        var evictionsBefore = watch.Evictions.Count;
        clock.Restart();
        var killed = Kill(1, watch);
        await using var timeline = NodeLossTimeline.Start(api, Enumerable.Range(0, lostA.Count).Select(i => lostA.Prefix + i), killed);
        var replaced = await watch.WaitUntilAsync(() => watch.Available >= Replicas, TimeSpan.FromSeconds(GraceSeconds + TolerationSeconds + 60));
        var replacement = clock.Elapsed;
        var firstEvictions = watch.Evictions;
        timeline.Report(watch, evictionsBefore);
        Report.Line("kill -> every pod available again on live nodes", replaced ? $"{replacement.TotalSeconds:F2} s" : $"not within {replacement.TotalSeconds:F0} s ({watch.Available:N0} available)");
        Report.Line("pods evicted from the dead nodes", $"{firstEvictions.Count:N0} from {firstEvictions.Select(e => e.Node).Distinct().Count()} nodes");

        Report.Section($"{lostB.Count} more nodes die at once ({(lostA.Count + lostB.Count) * 100 / Nodes}% dead): evictions in the next {(GraceSeconds + PartitionWindow.TotalSeconds):F0} s");
        var killedAt = Stopwatch.GetTimestamp();
        Kill(2, watch);
        await Task.Delay(TimeSpan.FromSeconds(GraceSeconds) + PartitionWindow);
        var massEvictions = watch.Evictions.Skip(firstEvictions.Count).Where(e => e.Node.StartsWith(lostB.Prefix, StringComparison.Ordinal)).ToList();
        var evictedNodes = massEvictions.Select(e => e.Node).Distinct().Count();
        Report.Line("pods / nodes evicted", $"{massEvictions.Count:N0} / {evictedNodes} of {lostB.Count}");
        if (massEvictions.Count > 0)
        {
            Report.Line("first eviction after the kill", $"{PodTrace.Milliseconds(killedAt, massEvictions.Min(e => e.At)) / 1000:F2} s");
        }
        Report.Line("pods available on the surviving nodes", $"{watch.Available:N0} of {Replicas:N0}");
        return new ControllerResult(Replicas, scaleUp, rollout, before, lowest, replaced ? replacement : null, firstEvictions.Count, massEvictions.Count, evictedNodes, lostB.Count, PartitionWindow);
    }

    private long Kill(int group, DeploymentPodWatch watch)
    {
        var (prefix, count) = Groups[group];
        _simulators[group].Kill();
        var at = Stopwatch.GetTimestamp();
        watch.NodesKilled(Enumerable.Range(0, count).Select(i => prefix + i), at);
        return at;
    }

    private static async Task WaitAvailableAsync(DeploymentPodWatch watch, int count, TimeSpan timeout, string what)
    {
        using var progress = new Progress($"{what}: pods available", count, () => watch.Available);
        if (!await watch.WaitUntilAsync(() => watch.Available >= count, timeout))
        {
            throw new BenchmarkFailure($"{what}: {watch.Available:N0} of {count:N0} pods were available after {timeout.TotalSeconds:F0} s");
        }
    }

    private async Task WaitRolledOutAsync(ApiClient api, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var deployment = JsonDocument.Parse(await api.GetBytesAsync($"{ControllerWorkload.Path}/{ControllerWorkload.Name}"));
            var root = deployment.RootElement;
            var generation = root.GetProperty("metadata").GetProperty("generation").GetInt64();
            var status = root.TryGetProperty("status", out var s) ? s : default;
            long Field(string name) => status.ValueKind == JsonValueKind.Object && status.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
            if (Field("observedGeneration") >= generation && Field("updatedReplicas") == Replicas && Field("replicas") == Replicas && Field("availableReplicas") == Replicas)
            {
                return;
            }
            if (clock.Elapsed > timeout)
            {
                throw new BenchmarkFailure($"the rollout was not complete after {timeout.TotalSeconds:F0} s: {status}");
            }
            await Task.Delay(100);
        }
    }
}
