using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Simulation;

/// <summary>
/// What a kubelet does to stay Ready: renew its Lease every heartbeat (cheap, and what the node lifecycle
/// controller watches) and refresh the Ready condition's lastHeartbeatTime far less often.
/// </summary>
internal sealed class Heartbeats(SimulationContext context, NodeRegistrar registrar)
{
    public Task RunLeasesAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        return Spread.EveryAsync(context.Nodes, options.HeartbeatInterval, options.MaxConcurrentWrites, context.Time,
            (node, token) => GuardAsync(RenewLeaseAsync(node, token), token), afterRound: null, cancellationToken);
    }

    public Task RunStatusAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        return Spread.EveryAsync(context.Nodes, options.StatusInterval, options.MaxConcurrentWrites, context.Time,
            (node, token) => GuardAsync(RefreshStatusAsync(node, token), token), ReportRound, cancellationToken);
    }

    private async Task RenewLeaseAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var options = context.Options;
        var lease = node.Lease ?? NodeTemplate.Lease(node.Name, node.Uid, context.NowMicro(), options.LeaseDurationSeconds);
        lease.Spec ??= new V1LeaseSpec();
        lease.Spec.HolderIdentity = node.Name;
        lease.Spec.LeaseDurationSeconds = options.LeaseDurationSeconds;
        lease.Spec.RenewTime = context.NowMicro();
        var silentSince = node.LeaseRenewedAt;
        try
        {
            node.Lease = lease.Metadata?.ResourceVersion is null
                ? await context.WriteAsync(token => client.CoordinationV1.CreateNamespacedLeaseAsync(lease, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken)
                : await context.WriteAsync(token => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, node.Name, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
            node.LeaseRenewedAt = context.Now();
            if (silentSince is { } last && node.LeaseRenewedAt - last > 2 * options.HeartbeatInterval)
            {
                // Back after a silence long enough for the node lifecycle controller to have marked the node Unknown:
                // a kubelet posts its status when it differs from what it last saw, so Ready comes back at once.
                node.ReadySince = node.LeaseRenewedAt.Value;
                await RefreshStatusAsync(node, cancellationToken);
            }
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict) || ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Someone else wrote or deleted it: start from what is there now, at the next heartbeat.
            node.Lease = ApiPipelines.IsStatus(e, HttpStatusCode.NotFound)
                ? null
                : await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(node.Name, NodeTemplate.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
    }

    private async Task RefreshStatusAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        var patch = new V1Node { Status = new V1NodeStatus { Conditions = NodeTemplate.Conditions(context.Now(), node.ReadySince) } };
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(patch, V1Patch.PatchType.MergePatch), node.Name, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Deleted behind our back (kubectl delete node): a kubelet re-registers, and so does a simulated one.
            await registrar.RegisterAsync(node, cancellationToken);
            context.Report($"node {node.Name} was deleted; registered it again");
        }
    }

    private async Task GuardAsync(Task work, CancellationToken cancellationToken)
    {
        try
        {
            await work;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            context.Counters.Failed();
            context.LastError = e;
        }
    }

    private void ReportRound()
    {
        var (started, deleted, failures) = context.Counters.Take();
        if (started > 0 || deleted > 0 || failures > 0)
        {
            context.Report($"in the last {context.Options.StatusInterval.TotalSeconds:0}s: started {started} pod{(started == 1 ? "" : "s")}, deleted {deleted}, {failures} call{(failures == 1 ? "" : "s")} failed"
                + (failures > 0 ? $" (last: {SimulationContext.Describe(context.LastError)})" : ""));
        }
    }
}
