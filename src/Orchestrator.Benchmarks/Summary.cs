namespace Orchestrator.Benchmarks;

/// <summary>The headline figures beside their targets, and the ratios against the baselines measured in the same run.</summary>
public static class Summary
{
    public static void Print(BenchmarkOptions options, LoadResult creates, LoadResult health, (double Single, double Batched) sqlite,
        CheckpointResult small, CheckpointResult large, WatchResult watch, RestartResult restart)
    {
        var at = $"at {options.Pods:N0}";
        Report.Section("summary (targets are printed, not asserted)");
        Report.Line($"creates/s, {options.Clients} clients", $"{creates.PerSecond:N0}", ">= 5,000", creates.PerSecond >= 5_000);
        Report.Line("create p50 / p99", $"{creates.Latency.P50:F2} / {creates.Latency.P99:F2} ms", "p99 <= 50 ms", creates.Latency.P99 <= 50);
        Report.Line($"GET p50 / p99 {at}, 1 client", $"{large.GetSingle.Latency.P50:F2} / {large.GetSingle.Latency.P99:F2} ms", "p99 <= 10 ms", large.GetSingle.Latency.P99 <= 10);
        Report.Line($"GET p50 / p99 {at}, {options.Clients} clients", $"{large.GetLoaded.Latency.P50:F2} / {large.GetLoaded.Latency.P99:F2} ms", "p99 <= 10 ms", large.GetLoaded.Latency.P99 <= 10);
        Report.Line($"GET p50 / p99 at {options.Checkpoint:N0}, 1 / {options.Clients} clients",
            $"{small.GetSingle.Latency.P50:F2} / {small.GetSingle.Latency.P99:F2} ms; {small.GetLoaded.Latency.P50:F2} / {small.GetLoaded.Latency.P99:F2} ms");
        Report.Line($"LIST all {at} (median)", $"{large.FullList.P50 / 1000:F2} s", "<= 2 s", large.FullList.P50 <= 2_000);
        Report.Line($"LIST all at {options.Checkpoint:N0} (median)", $"{small.FullList.P50:F0} ms");
        Report.Line($"LIST limit=500 p50 / p99 {at}", $"{large.Page.Latency.P50:F2} / {large.Page.Latency.P99:F2} ms");
        Report.Line($"LIST limit=500 p50 / p99 at {options.Checkpoint:N0}", $"{small.Page.Latency.P50:F2} / {small.Page.Latency.P99:F2} ms");
        Report.Line($"watch: {options.Watchers} watchers x {watch.PodsCreated:N0} creates", $"{watch.EventsPerSecond:N0} events/s delivered (last event {Math.Max(0, watch.Lag.TotalSeconds):F2} s after the last create)");

        var pods = large.Memory.Pods - small.Memory.Pods;
        var workingSet = (large.Memory.WorkingSetBytes - small.Memory.WorkingSetBytes) / pods;
        var heap = (large.Memory.HeapBytes - small.Memory.HeapBytes) / pods;
        Report.Line($"memory per pod, working set ({small.Memory.Pods:N0} -> {large.Memory.Pods:N0})", $"{workingSet:N0} B", "<= 2,048 B", workingSet <= 2_048);
        Report.Line($"memory per pod, .NET heap ({small.Memory.Pods:N0} -> {large.Memory.Pods:N0})", $"{heap:N0} B", "<= 2,048 B", heap <= 2_048);
        Report.Line($"memory {at}", large.Memory.ToString());
        Report.Line($"restart {at}: start until GET answers 200", $"{restart.UntilAnswered.TotalSeconds:F2} s", "<= 10 s", restart.UntilAnswered.TotalSeconds <= 10);
        Report.Line("restart: SIGTERM until exit", $"{restart.Stop.TotalSeconds:F2} s");
        Report.Line("pods after the restart", $"{restart.PodsAfter:N0} of {options.Pods:N0}");

        Report.Section("ratios against the baselines run in this process");
        Report.Line("creates/s : GET /healthz req/s", $"{creates.PerSecond / health.PerSecond:P1} ({creates.PerSecond:N0} : {health.PerSecond:N0})");
        Report.Line("create p50 : /healthz p50", $"{creates.Latency.P50 / health.Latency.P50:F1}x ({creates.Latency.P50:F2} : {health.Latency.P50:F2} ms)");
        Report.Line("create p99 : /healthz p99", $"{creates.Latency.P99 / health.Latency.P99:F1}x ({creates.Latency.P99:F2} : {health.Latency.P99:F2} ms)");
        Report.Line("creates/s : SQLite one row per transaction", $"{creates.PerSecond / sqlite.Single:F1}x ({creates.PerSecond:N0} : {sqlite.Single:N0})");
        Report.Line("creates/s : SQLite 64 rows per transaction", $"{creates.PerSecond / sqlite.Batched:P1} ({creates.PerSecond:N0} : {sqlite.Batched:N0})");
    }
}
