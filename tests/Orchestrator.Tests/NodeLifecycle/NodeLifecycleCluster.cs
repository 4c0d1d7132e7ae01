using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.NodeLifecycle;

/// <summary>
/// An <c>orchestrator up</c> without nodes of its own, plus simulators in separate <c>orchestrator simulate</c>
/// processes (every node in zone-a, leases renewed every second) that a test can kill, stop and continue.
/// </summary>
public sealed class NodeLifecycleCluster : IAsyncDisposable
{
    /// <summary>These tests time seconds on a 2-core machine: they run one after another, not beside each other.</summary>
    public const string Collection = "node lifecycle";

    private readonly List<OrchestratorCli> _simulators = [];

    private NodeLifecycleCluster(ClusterProcess cluster)
    {
        Cluster = cluster;
        Kubectl = new Testing.Kubectl(cluster);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig));
    }

    public ClusterProcess Cluster { get; }

    public Testing.Kubectl Kubectl { get; }

    public Kubernetes Client { get; }

    public static async Task<NodeLifecycleCluster> StartAsync(params string[] upArguments) =>
        new(await ClusterProcess.StartAsync(null, upArguments));

    /// <summary>Starts a simulator of <paramref name="count"/> nodes named prefix0, prefix1, ... and waits until they are Ready.</summary>
    public async Task<OrchestratorCli> SimulateAsync(string prefix, int count)
    {
        var simulator = OrchestratorCli.Start("simulate", "--kubeconfig", Cluster.Kubeconfig, "--nodes", count.ToString(CultureInfo.InvariantCulture),
            "--zones", "1", "--node-prefix", prefix, "--heartbeat-seconds", "1");
        _simulators.Add(simulator);
        foreach (var i in Enumerable.Range(0, count))
        {
            (await Kubectl.RunAsync("wait", "--for=create", $"node/{prefix}{i}", "--timeout=30s")).Succeeded();
        }
        (await Kubectl.RunAsync([.. new[] { "wait", "--for=condition=Ready", "--timeout=30s" }.Concat(Enumerable.Range(0, count).Select(i => $"node/{prefix}{i}"))])).Succeeded();
        return simulator;
    }

    /// <summary>kill -9 of a simulator: its nodes stop renewing their leases at once.</summary>
    public async Task KillAsync(OrchestratorCli simulator)
    {
        _simulators.Remove(simulator);
        await simulator.DisposeAsync();
    }

    public static async Task SignalAsync(OrchestratorCli simulator, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", simulator.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Polls (every 250 ms, up to <paramref name="timeout"/>) until <paramref name="done"/> holds; returns how long it took.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < timeout, $"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(250);
        }
        return watch.Elapsed;
    }

    public async Task<IList<V1Node>> NodesAsync() => (await Client.CoreV1.ListNodeAsync()).Items;

    /// <summary>The pods of app=<paramref name="app"/> that are not being deleted.</summary>
    public async Task<List<V1Pod>> LivePodsAsync(string app) =>
        [.. (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + app)).Items.Where(p => p.Metadata.DeletionTimestamp is null)];

    public static string? Ready(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    public static bool HasTaint(V1Node node, string key, string effect) => node.Spec?.Taints?.Any(t => t.Key == key && t.Effect == effect) == true;

    public static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var simulator in _simulators)
            {
                await SignalAsync(simulator, "CONT");
                await simulator.DisposeAsync();
            }
        }
        finally
        {
            // Whatever happened to a simulator, the cluster process and its folder go.
            Client.Dispose();
            await Cluster.DisposeAsync();
        }
    }
}
