namespace Orchestrator.Tests.Testing;

/// <summary>One cluster process shared by a test class; each test works in a namespace of its own.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private ClusterProcess? _cluster;

    public ClusterProcess Cluster => _cluster!;

    public Kubectl Kubectl => new(Cluster);

    public async Task InitializeAsync() => _cluster = await ClusterProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates a namespace with a name unique to the calling test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl.RunAsync("create", "namespace", name)).Succeeded();
        return name;
    }
}
