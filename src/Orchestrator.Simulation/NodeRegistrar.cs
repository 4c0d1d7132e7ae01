using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Simulation;

/// <summary>Creates each node with its status and its Lease, or adopts the node a previous run left behind.</summary>
internal sealed class NodeRegistrar(SimulationContext context)
{
    public async Task RegisterAllAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var total = context.Nodes.Count;
        var started = context.Time.GetTimestamp();
        context.Report($"registering {total} node{(total == 1 ? "" : "s")} {context.Nodes[0].Name}..{context.Nodes[^1].Name} ({options.Describe()})");
        var created = 0;
        var adopted = 0;
        var done = 0;
        IReadOnlyList<SimulatedNode> pending = context.Nodes;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentWrites, CancellationToken = cancellationToken };
        while (pending.Count > 0)
        {
            var failed = new ConcurrentBag<SimulatedNode>();
            Exception? lastError = null;
            await Parallel.ForEachAsync(pending, parallel, async (node, token) =>
            {
                try
                {
                    if (await RegisterAsync(node, token))
                    {
                        Interlocked.Increment(ref created);
                    }
                    else
                    {
                        Interlocked.Increment(ref adopted);
                    }
                    var count = Interlocked.Increment(ref done);
                    if (count % 1000 == 0 && count < total)
                    {
                        context.Report(string.Create(CultureInfo.InvariantCulture,
                            $"registered {count}/{total} nodes in {context.Time.GetElapsedTime(started).TotalSeconds:F1}s"));
                    }
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    failed.Add(node);
                    lastError = e;
                }
            });
            pending = [.. failed.OrderBy(n => n.Index)];
            if (pending.Count > 0)
            {
                // The pipeline already retried each call; the server is down or refusing, so wait and go again.
                context.Report($"{pending.Count} nodes could not be registered ({SimulationContext.Describe(lastError)}); trying them again in 5s");
                await Task.Delay(TimeSpan.FromSeconds(5), context.Time, cancellationToken);
            }
        }
        context.Report(string.Create(CultureInfo.InvariantCulture,
            $"registered {total} node{(total == 1 ? "" : "s")} in {context.Time.GetElapsedTime(started).TotalSeconds:F1}s ({created} created, {adopted} adopted)"));
    }

    /// <summary>Registers one node and its Lease; true when the node was created, false when it already existed.</summary>
    public async Task<bool> RegisterAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var now = context.Now();
        node.ReadySince = now;
        var desired = NodeTemplate.Node(context.Options, node.Index, now);
        // Read first: after a restart every node exists, and a refused create costs the server a decode and an admission.
        var existing = await ReadNodeAsync(node.Name, cancellationToken);
        if (existing is null)
        {
            try
            {
                var result = await context.WriteAsync(token => client.CoreV1.CreateNodeAsync(desired, cancellationToken: token), cancellationToken);
                node.Uid = result.Metadata?.Uid;
                node.Lease = await CreateLeaseAsync(node, cancellationToken);
                return true;
            }
            catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
            {
                // Made in between (by hand, or by another simulator): adopt it below.
                existing = await ReadNodeAsync(node.Name, cancellationToken)
                    ?? throw new InvalidOperationException($"node {node.Name} answered 409 to its create, then 404 to a read: deleted in between; registration is retried");
            }
        }
        await AdoptAsync(node, existing, desired, cancellationToken);
        return false;
    }

    private async Task<V1Node?> ReadNodeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await context.WriteAsync(token => context.Client.CoreV1.ReadNodeAsync(name, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>
    /// Takes over a node left by a previous run (or made by hand) as a restarted kubelet does: patches the
    /// labels and annotations only when they differ, reads its lease (the kubelet's lease controller reads first) and
    /// posts this run's status unless the node is intact: the same status but for the conditions' times, and a lease
    /// still live, i.e. a node the control plane never saw go. That one is resumed as a kubelet that outlived a
    /// control-plane restart would be: its lease is renewed at its next heartbeat, its conditions at the status
    /// interval. After a restart on the same folder 5,000 adopted nodes were otherwise 25,000 requests and 10,000
    /// node writes while the scheduler bound its backlog (~30 % of the server's CPU in that window); now 10,000 reads.
    /// </summary>
    private async Task AdoptAsync(SimulatedNode node, V1Node existing, V1Node desired, CancellationToken cancellationToken)
    {
        var client = context.Client;
        node.Uid = existing.Metadata?.Uid;
        if (!Contains(existing.Metadata?.Labels, desired.Metadata.Labels) || !Contains(existing.Metadata?.Annotations, desired.Metadata.Annotations))
        {
            var metadata = new V1Node
            {
                Metadata = new V1ObjectMeta { Labels = desired.Metadata.Labels, Annotations = desired.Metadata.Annotations },
            };
            await context.WriteAsync(token => client.CoreV1.PatchNodeAsync(
                new V1Patch(metadata, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: token), cancellationToken);
        }
        V1Lease? lease = null;
        try
        {
            lease = await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(
                node.Name, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Gone with its node's previous life: made again below.
        }
        var ready = existing.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (lease is not null && Live(lease, context.Time.GetUtcNow().UtcDateTime) && SameStatus(existing.Status, desired.Status) && ready?.LastTransitionTime is { } since)
        {
            node.ReadySince = since;
        }
        else
        {
            await context.WriteAsync(token => client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(new V1Node { Status = desired.Status }, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: token), cancellationToken);
        }
        node.Lease = lease ?? await CreateLeaseAsync(node, cancellationToken);
    }

    /// <summary>True while the lease's holder still counts as alive: renewed within its duration.</summary>
    internal static bool Live(V1Lease lease, DateTime now) =>
        lease.Spec?.RenewTime is { } renewed && lease.Spec.LeaseDurationSeconds is { } duration && now - renewed < TimeSpan.FromSeconds(duration);

    /// <summary>True when the stored status says what <paramref name="desired"/> does, the conditions' times aside.</summary>
    internal static bool SameStatus(V1NodeStatus? stored, V1NodeStatus desired) =>
        stored is not null && JsonNode.DeepEquals(Timeless(stored), Timeless(desired));

    private static JsonNode? Timeless(V1NodeStatus status)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(status));
        foreach (var condition in json?["conditions"]?.AsArray() ?? [])
        {
            condition?.AsObject().Remove("lastHeartbeatTime");
            condition?.AsObject().Remove("lastTransitionTime");
        }
        return json;
    }

    /// <summary>True when <paramref name="present"/> holds every entry of <paramref name="wanted"/>.</summary>
    internal static bool Contains(IDictionary<string, string>? present, IDictionary<string, string>? wanted) =>
        wanted is null || wanted.All(w => present is not null && present.TryGetValue(w.Key, out var value) && value == w.Value);

    private async Task<V1Lease> CreateLeaseAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        var client = context.Client;
        try
        {
            return await context.WriteAsync(token => client.CoordinationV1.CreateNamespacedLeaseAsync(
                NodeTemplate.Lease(node.Name, node.Uid, context.NowMicro(), context.Options.LeaseDurationSeconds), NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            return await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(
                node.Name, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
    }
}
