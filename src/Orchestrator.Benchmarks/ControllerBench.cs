using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The controllers benchmark (issue 5): a real <c>orchestrator up</c> with its controllers, simulated nodes in three
/// separate <c>orchestrator simulate</c> processes (so that killing one makes its nodes go silent, as machines do), a
/// Deployment scaled up from nothing, rolled, and left to survive 10 % and then 60 % of its nodes dying.
/// </summary>
public sealed partial class ControllerBench(bool quick, string serverDll, string root) : IDisposable
{
    // Issue 5's grace period, now `up`'s default: a node whose Lease is this old is unreachable (simulated nodes renew
    // every 2.5 s by default, a quarter of it).
    private const int GraceSeconds = 10;

    // Nodes per second and zone tainted NoExecute in a healthy zone (kube's default is 0.1): fast enough that 10% of the
    // nodes (three or four a zone) are tainted within the 2 s the replacement target leaves, slow enough to matter.
    private const double EvictionRate = 2;

    private readonly string _dataDir = Path.Combine(root, "controller-data");
    private readonly Lock _lock = new();
    private readonly List<OrchestratorProcess> _simulators = [];
    private ServerProcess? _server;
    private bool _disposed;

    private int Nodes => quick ? 10 : 100;

    private int Replicas => quick ? 100 : 1_000;

    private int TolerationSeconds => quick ? 2 : 5;

    private TimeSpan PartitionWindow => TimeSpan.FromSeconds(quick ? 10 : 30);

    // 40 % stay, 10 % die first, then 50 % more: 60 % dead at the end.
    private (string Prefix, int Count)[] Groups => [("keep-", Nodes * 4 / 10), ("lost-a-", Nodes / 10), ("lost-b-", Nodes / 2)];

    public string Tail => _server?.Tail ?? "";

    public async Task ExecuteAsync()
    {
        var total = Stopwatch.StartNew();
        Report.Section($"controller benchmark ({(quick ? "quick" : "full")}) {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Report.Line("load average at the start (1/5/15 min)", BenchmarkRun.LoadAverage());
        Report.Line("plan", $"{Nodes} simulated nodes in 3 processes ({string.Join(" / ", Groups.Select(g => g.Count))}), a {Replicas:N0}-replica Deployment " +
            $"(maxSurge {ControllerWorkload.SurgePercent}%, maxUnavailable {ControllerWorkload.UnavailablePercent}%, unreachable tolerated {TolerationSeconds} s)");

        var (server, connection) = await ServerProcess.StartAsync(serverDll, _dataDir, TimeSpan.FromSeconds(60),
            ["--node-eviction-rate", EvictionRate.ToString(CultureInfo.InvariantCulture)]);
        lock (_lock)
        {
            _server = server;
        }
        using var api = new ApiClient(connection);
        var clock = Stopwatch.StartNew();
        foreach (var (prefix, count) in Groups)
        {
            var simulator = OrchestratorProcess.Start(serverDll,
                ["simulate", "--kubeconfig", Path.Combine(_dataDir, "kubeconfig"), "--nodes", Count(count), "--node-prefix", prefix, "--zones", "3"]);
            lock (_lock)
            {
                _simulators.Add(simulator);
            }
        }
        await WaitForReadyNodesAsync(api, Nodes, TimeSpan.FromSeconds(120));
        Report.Line($"{Nodes} simulated nodes Ready", $"{clock.Elapsed.TotalSeconds:F2} s");

        await using var watch = await DeploymentPodWatch.StartAsync(api);
        var result = await MeasureAsync(api, watch);
        ControllerSummary.Print(result, quick, GraceSeconds, TolerationSeconds, EvictionRate);
        Report.Line("wall time of the controller benchmark", $"{total.Elapsed.TotalSeconds:F0} s");
        Report.Line("load average at the end (1/5/15 min)", BenchmarkRun.LoadAverage());
    }

    private static async Task WaitForReadyNodesAsync(ApiClient api, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var ready = 0;
        using var progress = new Progress("nodes Ready", count, () => ready);
        while ((ready = await CountReadyNodesAsync(api)) < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new BenchmarkFailure($"{ready} of {count} simulated nodes were Ready after {timeout.TotalSeconds:F0} s");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<int> CountReadyNodesAsync(ApiClient api)
    {
        using var nodes = JsonDocument.Parse(await api.GetBytesAsync("/api/v1/nodes"));
        return nodes.RootElement.GetProperty("items").EnumerateArray().Count(node =>
            node.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"));
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Kills the simulators, stops the server and deletes nothing else: the data folder goes with the run's root.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var simulator in _simulators)
            {
                simulator.Dispose();
            }
            _server?.Dispose();
        }
    }
}
