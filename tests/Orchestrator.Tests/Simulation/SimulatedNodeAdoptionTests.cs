using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Simulation;

/// <summary>A restarted simulator adopts the nodes its previous run left, as a restarted kubelet does.</summary>
public sealed class SimulatedNodeAdoptionTests : IAsyncLifetime
{
    private ClusterProcess? _cluster;

    private ClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("not started");

    // Leases last four heartbeats (20 s here), long enough to outlive the kill and restart below.
    public async Task InitializeAsync() => _cluster = await ClusterProcess.StartAsync(null, "--simulated-nodes", "2", "--simulated-heartbeat-seconds", "5");

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_a_restart_a_label_changed_by_hand_is_put_back_an_intact_node_is_not_written_and_both_keep_their_uid_and_lease()
    {
        var kubectl = new Testing.Kubectl(Cluster);
        (await kubectl.RunAsync("wait", "--for=create", "node/sim-1", "--timeout=30s")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=Ready", "node/sim-0", "node/sim-1", "--timeout=30s")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=create", "lease/sim-1", "-n", "kube-node-lease", "--timeout=30s")).Succeeded();
        var uids = (await kubectl.RunAsync("get", "nodes", "sim-0", "sim-1", "-o", "jsonpath={.items[*].metadata.uid}")).Succeeded().Output;
        (await kubectl.RunAsync("label", "node", "sim-0", "topology.kubernetes.io/zone=elsewhere", "--overwrite")).Succeeded();
        var untouched = (await kubectl.RunAsync("get", "node", "sim-1", "-o", "jsonpath={.metadata.resourceVersion}")).Succeeded().Output;

        await Cluster.KillAsync();
        await Cluster.StartAgainAsync();

        // sim-0's label differs from what the simulator registers, so adoption patches it (and posts its status); sim-1 is intact.
        var zone = "";
        for (var i = 0; i < 300 && zone != "zone-a"; i++)
        {
            await Task.Delay(100);
            zone = (await kubectl.RunAsync("get", "node", "sim-0", "-o", "jsonpath={.metadata.labels.topology\\.kubernetes\\.io/zone}")).Succeeded().Output;
        }
        (await kubectl.RunAsync("wait", "--for=condition=Ready", "node/sim-0", "node/sim-1", "--timeout=30s")).Succeeded();
        var again = (await kubectl.RunAsync("get", "nodes", "sim-0", "sim-1", "-o", "jsonpath={.items[*].metadata.uid}")).Succeeded().Output;
        var after = (await kubectl.RunAsync("get", "node", "sim-1", "-o", "jsonpath={.metadata.resourceVersion}")).Succeeded().Output;
        var holders = (await kubectl.RunAsync("get", "leases", "-n", "kube-node-lease", "-o", "jsonpath={.items[*].spec.holderIdentity}")).Succeeded().Output;

        Assert.Equal("zone-a", zone);
        Assert.Equal(uids, again);
        // sim-1 came back as it was, its lease still live: resumed with no write (its status waits for the status interval).
        Assert.Equal(untouched, after);
        Assert.Equal(["sim-0", "sim-1"], holders.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
