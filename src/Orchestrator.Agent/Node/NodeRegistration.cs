using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Node;

/// <summary>Registers the node (creating it, or adopting the one an earlier run left) and its Lease in kube-node-lease.</summary>
internal sealed class NodeRegistration(AgentContext context, string runtimeVersion)
{
    public const string LeaseNamespace = "kube-node-lease";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    public string? NodeUid { get; private set; }

    public V1Lease? Lease { get; set; }

    /// <summary>The conditions last posted, so their transition times carry over.</summary>
    public IList<V1NodeCondition>? Conditions { get; set; }

    public string RuntimeVersion => runtimeVersion;

    /// <summary>Registers, trying again every few seconds while the server is down or refusing.</summary>
    public async Task RegisterUntilDoneAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var created = await RegisterAsync(cancellationToken);
                context.Report($"{(created ? "registered" : "adopted")} node {context.Options.NodeName} ({runtimeVersion}, InternalIP {context.Options.InternalIP})");
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                context.Report($"could not register node {context.Options.NodeName} ({ApiErrors.Describe(e)}); trying again in {RetryDelay.TotalSeconds:0}s");
                await Task.Delay(RetryDelay, context.Time, cancellationToken);
            }
        }
    }

    /// <summary>Registers the node and its Lease; true when the node was created, false when it existed and was taken over.</summary>
    public async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        var client = context.Client;
        var name = context.Options.NodeName;
        var facts = HostProbe.Read(context.Options.DataDirectory);
        var desired = NodeStatusBuilder.Node(context.Options, facts, runtimeVersion, Conditions, context.Now());
        bool created;
        try
        {
            var result = await context.WriteAsync(token => client.CoreV1.CreateNodeAsync(desired, cancellationToken: token), cancellationToken);
            NodeUid = result.Metadata?.Uid;
            created = true;
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Left by an earlier run (or made by hand): take it over with this run's labels and status, as a kubelet does.
            var patched = await context.WriteAsync(token => client.CoreV1.PatchNodeAsync(
                new V1Patch(new V1Node { Metadata = new V1ObjectMeta { Labels = desired.Metadata.Labels } }, V1Patch.PatchType.MergePatch),
                name, cancellationToken: token), cancellationToken);
            await context.WriteAsync(token => client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(new V1Node { Status = desired.Status }, V1Patch.PatchType.MergePatch), name, cancellationToken: token), cancellationToken);
            NodeUid = patched.Metadata?.Uid;
            created = false;
        }
        Conditions = desired.Status.Conditions;
        Lease = await EnsureLeaseAsync(cancellationToken);
        return created;
    }

    /// <summary>The node's Lease, owned by the node so it goes when the node does.</summary>
    public V1Lease NewLease() => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = context.Options.NodeName,
            NamespaceProperty = LeaseNamespace,
            OwnerReferences = NodeUid is null
                ? null
                : [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = context.Options.NodeName, Uid = NodeUid }],
        },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = context.Options.NodeName,
            LeaseDurationSeconds = (int)context.Options.LeaseDuration.TotalSeconds,
            RenewTime = context.NowMicro(),
        },
    };

    private async Task<V1Lease> EnsureLeaseAsync(CancellationToken cancellationToken)
    {
        var client = context.Client;
        try
        {
            return await context.WriteAsync(token => client.CoordinationV1.CreateNamespacedLeaseAsync(
                NewLease(), LeaseNamespace, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            return await context.WriteAsync(token => client.CoordinationV1.ReadNamespacedLeaseAsync(
                context.Options.NodeName, LeaseNamespace, cancellationToken: token), cancellationToken);
        }
    }
}
