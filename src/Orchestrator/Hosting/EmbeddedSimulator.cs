using k8s;
using Orchestrator.Simulation;

namespace Orchestrator.Hosting;

/// <summary>The simulated nodes of <c>up --simulated-nodes N</c>: a client of the API server beside it, stopped when the server stops.</summary>
public sealed class EmbeddedSimulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Kubernetes _client;
    private readonly Task _run;

    private EmbeddedSimulator(SimulatedNodeOptions options, string kubeconfig, CancellationToken stopping)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Through the kubeconfig, as any agent would: the simulator exercises the same API path real nodes use.
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        _run = RunAsync(options);
    }

    /// <summary>Starts the simulator in the background when <paramref name="options"/> asks for nodes; null otherwise.</summary>
    public static EmbeddedSimulator? Start(SimulatedNodeOptions? options, string kubeconfig, CancellationToken stopping) =>
        options is { Count: > 0 } ? new EmbeddedSimulator(options, kubeconfig, stopping) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(SimulatedNodeOptions options)
    {
        // Off the caller's thread: registration starts while the server finishes its own start-up.
        await Task.Yield();
        try
        {
            await SimulatedNodes.RunAsync(_client, options, TimeProvider.System, _stop.Token);
        }
        catch (Exception e)
        {
            // The cluster serves on without its simulated nodes; say so rather than fail silently.
            if (!_stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"orchestrator: the node simulator stopped: {e.Message}");
            }
        }
    }
}
