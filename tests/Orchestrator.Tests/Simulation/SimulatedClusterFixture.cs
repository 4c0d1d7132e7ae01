using k8s;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Simulation;

/// <summary>One <c>orchestrator up --simulated-nodes 3</c> whose nodes renew their leases every second, shared by a test class.</summary>
public sealed class SimulatedClusterFixture : IAsyncLifetime
{
    public const int Nodes = 3;

    private ClusterProcess? _cluster;

    public ClusterProcess Cluster => _cluster!;

    public Testing.Kubectl Kubectl => new(Cluster);

    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Cluster.Kubeconfig));

    public async Task InitializeAsync()
    {
        _cluster = await ClusterProcess.StartAsync(extraArguments:
            ["--simulated-nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--simulated-heartbeat-seconds", "1"]);
        // The KUBECONFIG line comes first and the nodes a moment later: wait for the last one to exist and be Ready.
        (await Kubectl.RunAsync("wait", "--for=create", $"node/sim-{Nodes - 1}", "--timeout=30s")).Succeeded();
        (await Kubectl.RunAsync("wait", "--for=condition=Ready", "node/sim-0", "node/sim-1", "node/sim-2", "--timeout=30s")).Succeeded();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl.RunAsync("create", "namespace", name)).Succeeded();
        return name;
    }
}
