using k8s;
using Orchestrator.Client;

namespace Orchestrator.Simulation;

/// <summary>
/// Simulated nodes, as kwok makes them: registered Nodes that heartbeat like a kubelet and whose pods become
/// Running without containers, so the scheduler, benchmarks and drills can run against thousands of nodes.
/// </summary>
public static class SimulatedNodes
{
    /// <summary>
    /// Registers (or adopts) the nodes, then renews their leases, refreshes their status and runs the pods bound
    /// to them until <paramref name="cancellationToken"/> is cancelled; returns normally then.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public static async Task RunAsync(IKubernetes client, SimulatedNodeOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }
        if (options.Count == 0)
        {
            return;
        }
        // Seeded from the options (string.GetHashCode is randomized per process), so runs back off the same way.
        using var pipelines = new ApiPipelines(time, seed: options.NamePrefix.Aggregate(options.Count, (hash, c) => hash * 31 + c));
        var context = new SimulationContext(client, options, time, pipelines);
        try
        {
            var registrar = new NodeRegistrar(context);
            await registrar.RegisterAllAsync(cancellationToken);
            var heartbeats = new Heartbeats(context, registrar);
            await Task.WhenAll(
                heartbeats.RunLeasesAsync(cancellationToken),
                heartbeats.RunStatusAsync(cancellationToken),
                new PodRunner(context).RunAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the nodes stay registered, as a stopped kubelet's do, and go stale when their leases run out.
        }
    }
}
