using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The real path, as scheduler_perf's SchedulingBasic: a fresh <c>orchestrator up</c> with simulated nodes and its
/// in-process scheduler; pods created through the API as fast as the load generator goes; binds followed on /metrics.
/// </summary>
public sealed class SchedulerEndToEnd(string serverDll, string root) : IDisposable
{
    private readonly Lock _lock = new();
    private ServerProcess? _server;

    public string Tail => _server?.Tail ?? "";

    public async Task<(IReadOnlyList<EndToEndPhase> Phases, ClusterCheck Check, long RssBytes, TimeSpan NodesReady)> RunAsync(int nodes, int[] phaseTotals, TimeSpan stall)
    {
        var clock = Stopwatch.StartNew();
        using var api = await StartAsync(Path.Combine(root, "scheduler-data"), nodes, []);
        await WaitForNodesAsync(api, nodes, clock);
        var nodesReady = clock.Elapsed;
        await LoadRunner.RunAsync("warm-up", 256, 64, _ => api.GetAsync("/healthz"));

        var phases = new List<EndToEndPhase>();
        var before = 0;
        foreach (var total in phaseTotals)
        {
            var count = total - before;
            var first = before;
            Console.Error.WriteLine($"scheduler end to end: creating {count:N0} pods ({first:N0} -> {total:N0})");
            var baseline = await BindSampler.BoundAsync(api);
            var phaseClock = Stopwatch.StartNew();
            var binds = BindSampler.FollowAsync(api, baseline, count, phaseClock, stall);
            var creates = await LoadRunner.RunAsync("creates", count, 64, i => api.CreatePodAsync(SchedulerWorkload.Json(first + i)));
            var phase = new EndToEndPhase(first, count, creates, await binds);
            phases.Add(phase);
            if (creates.Failures > 0 || !phase.Binds.Complete)
            {
                // What completed is reported; later phases would only measure a scheduler that has already stalled.
                break;
            }
            before = total;
        }
        var check = await ClusterCheck.RunAsync(api);
        var rss = ResidentBytes(_server!.Pid);
        Dispose();
        return (phases, check, rss, nodesReady);
    }

    /// <summary>
    /// The scheduler alone, without the create path in the way: pods created with --schedulers 0, then the server
    /// restarted with its scheduler on the same folder; binds are timed from the restarted server's export line.
    /// </summary>
    public async Task<(BindTrace Binds, ClusterCheck Check)> RunBacklogAsync(int nodes, int pods, TimeSpan stall)
    {
        var dataDir = Path.Combine(root, "scheduler-backlog");
        var clock = Stopwatch.StartNew();
        using (var api = await StartAsync(dataDir, nodes, ["--schedulers", "0"]))
        {
            await WaitForNodesAsync(api, nodes, clock);
            Console.Error.WriteLine($"scheduler backlog: creating {pods:N0} pods with no scheduler running");
            var creates = await LoadRunner.RunAsync("creates", pods, 64, i => api.CreatePodAsync(SchedulerWorkload.Json(i)));
            if (creates.Failures > 0)
            {
                throw new BenchmarkFailure($"{creates.Failures:N0} of {pods:N0} backlog creates failed");
            }
        }
        await _server!.StopAsync(TimeSpan.FromSeconds(60));
        Dispose();
        Console.Error.WriteLine("scheduler backlog: restarting with the scheduler");
        using var again = await StartAsync(dataDir, nodes, []);
        // The per-second samples start when the API answers, by which time a small backlog may be bound already;
        // the rate is the server's own window from the scheduler's start (the store read, the queue full) to the last bind.
        var binds = await BindSampler.FollowAsync(again, 0, pods, Stopwatch.StartNew(), stall);
        var cpu = CpuSeconds(_server!.Pid);
        var (synchronized, first, last) = await BindSampler.WindowAsync(again);
        binds = binds with
        {
            ServerWindow = synchronized > 0 && last > 0 ? TimeSpan.FromSeconds(last - synchronized) : null,
            FirstBindAfter = first > 0 ? TimeSpan.FromSeconds(first - synchronized) : null,
        };
        // On this shared machine the rate follows the load; the server's own CPU time for the same work does not.
        Console.Error.WriteLine($"scheduler backlog: server CPU from its start to the last bind {cpu:F1} s");
        LastBacklogCpuSeconds = cpu;
        var check = await ClusterCheck.RunAsync(again);
        Dispose();
        return (binds, check);
    }

    /// <summary>
    /// <c>--scheduler-e2e</c>: only the phases behind a real server (the scheduler alone, then end to end), for measuring
    /// the scheduler's host without the pure-core passes; the same sizes as the full or quick scheduler benchmark.
    /// </summary>
    public static async Task RunServerPhasesAsync(bool quick, string serverDll, string root)
    {
        var nodes = quick ? 100 : 5_000;
        // 0 -> 10,000 only: at this machine's measured create rate the full run's 10,000 -> 50,000 phase takes minutes.
        int[] totals = quick ? [500] : [10_000];
        var backlogPods = quick ? 500 : 10_000;
        var stall = TimeSpan.FromSeconds(quick ? 30 : 60);
        using var run = new SchedulerEndToEnd(serverDll, root);
        Report.Section($"scheduler alone: {backlogPods:N0} pods created with --schedulers 0, then a restart with the scheduler ({nodes:N0} nodes)");
        var (backlog, backlogCheck) = await run.RunBacklogAsync(nodes, backlogPods, stall);
        Report.Line("bound", $"{backlog.Bound:N0} of {backlog.Expected:N0}");
        Report.Line("scheduler start to last bind (server clock)", backlog.ServerWindow is { } window
            ? $"{window.TotalSeconds:F2} s ({backlog.ServerRate:N0} pods/s; first bind after {backlog.FirstBindAfter?.TotalMilliseconds:N0} ms)" : "no bind");
        Report.Line("server CPU from its start to the last bind", $"{run.LastBacklogCpuSeconds:F1} s ({run.LastBacklogCpuSeconds * 1000 / backlogPods:F2} ms per pod)");
        Report.Line("pods without spec.nodeName / nodes over allocatable", $"{backlogCheck.Unbound:N0} / {backlogCheck.Overcommitted:N0}");
        Report.Line("load average", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown");

        Report.Section($"end to end: {nodes:N0} simulated nodes, in-process scheduler, creates from 64 clients");
        var (phases, check, _, _) = await run.RunAsync(nodes, totals, stall);
        foreach (var phase in phases)
        {
            var label = $"{phase.PodsBefore:N0} -> {phase.PodsBefore + phase.Pods:N0} pods";
            Report.Line($"{label}: creates", $"{phase.Creates.PerSecond:N0} /s ({phase.Creates.Failures} failed)");
            Report.Line($"{label}: first create to last bind", phase.Binds.LastBind is { } last
                ? $"{last.TotalSeconds:F2} s ({phase.AveragePerSecond:N0} pods/s), {phase.Binds.Bound:N0} of {phase.Pods:N0} bound" : "no bind");
        }
        Report.Line("pods without spec.nodeName / nodes over allocatable", $"{check.Unbound:N0} / {check.Overcommitted:N0}");
        Report.Line("load average", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown");
        if (!backlog.Complete || backlogCheck.Unbound > 0 || backlogCheck.Overcommitted > 0 || check.Unbound > 0 || check.Overcommitted > 0
            || phases.Any(p => !p.Binds.Complete || p.Creates.Failures > 0))
        {
            throw new BenchmarkFailure("the scheduler's server phases left pods unbound or nodes overcommitted (see above)");
        }
    }

    private async Task<ApiClient> StartAsync(string dataDir, int nodes, string[] extra)
    {
        string[] args =
        [
            .. extra, "--simulated-nodes", nodes.ToString(CultureInfo.InvariantCulture), "--simulated-node-cpu", "32",
            "--simulated-node-memory", "128Gi", "--simulated-node-pods", "110", "--simulated-zones", "3",
            // Kubernetes' own heartbeat and grace (10 s of a 40 s grace): 5,000 nodes renewing every 2.5 s, the small-
            // cluster default, would be 2,000 lease writes a second, and this measures scheduling, not heartbeats.
            "--simulated-heartbeat-seconds", "10", "--node-monitor-grace-seconds", "40",
        ];
        Console.Error.WriteLine($"scheduler end to end: starting the server with {nodes:N0} simulated nodes {string.Join(' ', extra)}");
        var (server, connection) = await ServerProcess.StartAsync(serverDll, dataDir, TimeSpan.FromSeconds(120), args);
        lock (_lock)
        {
            _server = server;
        }
        return new ApiClient(connection);
    }

    private async Task WaitForNodesAsync(ApiClient api, int nodes, Stopwatch clock)
    {
        while (ApiClient.ReadList(await api.GetBytesAsync("/api/v1/nodes")).Items < nodes)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(600) || _server!.HasExited)
            {
                throw new BenchmarkFailure($"{nodes:N0} nodes did not register within 600 s:{Environment.NewLine}{Tail}");
            }
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _server?.Dispose();
            _server = null;
        }
    }

    /// <summary>The restarted server's CPU time (user + system) from its start until every backlog pod was bound.</summary>
    public double LastBacklogCpuSeconds { get; private set; }

    private static double CpuSeconds(int pid)
    {
        // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
