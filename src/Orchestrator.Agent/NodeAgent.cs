using k8s;
using Orchestrator.Agent.Node;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;
using Orchestrator.Client;

namespace Orchestrator.Agent;

/// <summary>
/// The node agent, Orchestrator's kubelet: registers this machine as a Node, keeps its Lease and status fresh, and runs
/// the pods bound to it with a container runtime, reporting their status.
/// </summary>
public static class NodeAgent
{
    /// <summary>
    /// Registers (or adopts) the node, then renews its lease, posts its status and runs its pods until
    /// <paramref name="cancellationToken"/> is cancelled; returns normally then, leaving the containers running, as a
    /// stopped kubelet does (the next run stops and restarts them, since it cannot follow their exit).
    /// </summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">Another agent is running on the same data directory.</exception>
    public static async Task RunAsync(
        IKubernetes client,
        AgentOptions options,
        IContainerRuntime runtime,
        IRootfsProvider images,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }
        using var dataLock = DataDirectoryLock.Acquire(options.DataDirectory);
        // Seeded from the node name (string.GetHashCode is randomized per process), so a node backs off the same way each run.
        using var pipelines = new ApiPipelines(time, seed: options.NodeName.Aggregate(17, (hash, c) => (hash * 31) + c));
        var context = new AgentContext(client, options, time, pipelines);
        try
        {
            var runtimeVersion = options.RuntimeVersion ?? await RuntimeVersion.DetectAsync(runtime.Name, cancellationToken);
            var registration = new NodeRegistration(context, runtimeVersion);
            await registration.RegisterUntilDoneAsync(cancellationToken);
            var heartbeat = new NodeHeartbeat(context, registration);
            var events = new EventQueue(
                (reported, token) => context.WriteAsync(t => client.CoreV1.CreateNamespacedEventAsync(reported, reported.Metadata.NamespaceProperty, cancellationToken: t), token),
                context.Report);
            var workers = new PodWorkerContext(options, runtime, images, new ApiPodStatusWriter(context, events), new ApiPodConfigSource(context), time);
            await Task.WhenAll(
                events.RunAsync(cancellationToken),
                heartbeat.RunLeaseAsync(cancellationToken),
                heartbeat.RunStatusAsync(cancellationToken),
                new PodWatcher(context, workers).RunAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the node stays registered and goes NotReady when its lease runs out.
        }
    }
}
