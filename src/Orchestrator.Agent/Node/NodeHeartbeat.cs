using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Node;

/// <summary>
/// What a kubelet does to stay Ready: renew its Lease (cheap, and what the node lifecycle controller watches) and post
/// its status (pressure conditions from the host, Ready) on their own intervals.
/// </summary>
internal sealed class NodeHeartbeat(AgentContext context, NodeRegistration registration)
{
    public Task RunLeaseAsync(CancellationToken cancellationToken) =>
        EveryAsync(context.Options.LeaseRenewInterval, RenewLeaseAsync, "renew the lease", cancellationToken);

    public Task RunStatusAsync(CancellationToken cancellationToken) =>
        EveryAsync(context.Options.StatusInterval, PostStatusAsync, "post the node status", cancellationToken);

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> beat, string what, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await beat(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The pipeline already retried; the next beat tries again.
                    context.Report($"could not {what} of node {context.Options.NodeName}: {ApiErrors.Describe(e)}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent is stopping.
        }
    }

    private async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        var client = context.Client;
        var name = context.Options.NodeName;
        var lease = registration.Lease ?? registration.NewLease();
        lease.Spec ??= new V1LeaseSpec();
        lease.Spec.HolderIdentity = name;
        lease.Spec.LeaseDurationSeconds = (int)context.Options.LeaseDuration.TotalSeconds;
        lease.Spec.RenewTime = context.NowMicro();
        try
        {
            registration.Lease = lease.Metadata?.ResourceVersion is null
                ? await context.WriteAsync(token => client.CoordinationV1.CreateNamespacedLeaseAsync(lease, NodeRegistration.LeaseNamespace, cancellationToken: token), cancellationToken)
                : await context.WriteAsync(token => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, NodeRegistration.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict) || ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Someone else wrote or deleted it: start from what is there now, at the next renewal.
            registration.Lease = ApiPipelines.IsStatus(e, HttpStatusCode.NotFound)
                ? null
                : await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(name, NodeRegistration.LeaseNamespace, cancellationToken: token), cancellationToken);
        }
    }

    private async Task PostStatusAsync(CancellationToken cancellationToken)
    {
        var facts = HostProbe.Read(context.Options.DataDirectory);
        var status = NodeStatusBuilder.Status(context.Options, facts, registration.RuntimeVersion, registration.Conditions, context.Now());
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(new V1Node { Status = status }, V1Patch.PatchType.MergePatch), context.Options.NodeName, cancellationToken: token), cancellationToken);
            registration.Conditions = status.Conditions;
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Deleted behind our back (kubectl delete node): a kubelet registers again, and so does the agent.
            await registration.RegisterAsync(cancellationToken);
            context.Report($"node {context.Options.NodeName} was deleted; registered it again");
        }
    }
}
