using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// A cluster whose scheduler sees five nodes: small-1..3 (1 cpu each) and gpu-1..2 (4 cpu, tainted dedicated=gpu).
/// Tests share the nodes, so each keeps its requests small or asks for what no node can give.
/// </summary>
public sealed class SchedulerFixture : IAsyncLifetime
{
    private readonly ClusterFixture _cluster = new();

    public ClusterProcess Cluster => _cluster.Cluster;

    public Testing.Kubectl Kubectl => _cluster.Kubectl;

    public Task<string> NamespaceAsync(string prefix) => _cluster.NamespaceAsync(prefix);

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        using var api = new RawApi(Cluster);
        foreach (var name in new[] { "small-1", "small-2", "small-3" })
        {
            await TestNodes.RegisterAsync(api, name, cpu: "1");
        }
        foreach (var name in new[] { "gpu-1", "gpu-2" })
        {
            await TestNodes.RegisterAsync(api, name, cpu: "4", taint: "dedicated=gpu:NoSchedule");
        }
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();
}
