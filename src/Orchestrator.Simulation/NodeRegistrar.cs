using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
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
        bool created;
        try
        {
            var result = await context.WriteAsync(token => client.CoreV1.CreateNodeAsync(desired, cancellationToken: token), cancellationToken);
            node.Uid = result.Metadata?.Uid;
            created = true;
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Left by a previous run (or made by hand): take it over as a restarted kubelet does (read it, patch the
            // labels and annotations only when they differ, post this run's status). 5,000 nodes adopted after a
            // restart otherwise write every node twice while the scheduler binds its backlog.
            var existing = await context.WriteAsync(token => client.CoreV1.ReadNodeAsync(node.Name, cancellationToken: token), cancellationToken);
            if (!Contains(existing.Metadata?.Labels, desired.Metadata.Labels) || !Contains(existing.Metadata?.Annotations, desired.Metadata.Annotations))
            {
                var metadata = new V1Node
                {
                    Metadata = new V1ObjectMeta { Labels = desired.Metadata.Labels, Annotations = desired.Metadata.Annotations },
                };
                await context.WriteAsync(token => client.CoreV1.PatchNodeAsync(
                    new V1Patch(metadata, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: token), cancellationToken);
            }
            await context.WriteAsync(token => client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(new V1Node { Status = desired.Status }, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: token), cancellationToken);
            node.Uid = existing.Metadata?.Uid;
            created = false;
        }
        node.Lease = await EnsureLeaseAsync(node, created, cancellationToken);
        return created;
    }

    /// <summary>True when <paramref name="present"/> holds every entry of <paramref name="wanted"/>.</summary>
    internal static bool Contains(IDictionary<string, string>? present, IDictionary<string, string>? wanted) =>
        wanted is null || wanted.All(w => present is not null && present.TryGetValue(w.Key, out var value) && value == w.Value);

    private async Task<V1Lease> EnsureLeaseAsync(SimulatedNode node, bool nodeCreated, CancellationToken cancellationToken)
    {
        var client = context.Client;
        if (!nodeCreated)
        {
            // An adopted node most likely has its lease still: read it first, as the kubelet's lease controller does,
            // rather than a create that fails (a create costs the server an admission and a rejected write).
            try
            {
                return await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(
                    node.Name, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
            }
            catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
            {
                // Gone with its node's previous life: create it below.
            }
        }
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
