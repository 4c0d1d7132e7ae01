using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orleans.Concurrency;
using Orchestrator.Grains.Objects;
using Orchestrator.Grains.Scheduling;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Storage;

namespace Orchestrator.Grains.Nodes;

/// <summary>
/// The authority on one node's capacity. Reentrant on purpose, like the resource shards: a turn reads what the
/// node holds (committed pods plus bindings in flight), checks the fit and reserves the room, all synchronously,
/// so the check and the reservation are atomic per node; the durable write of the pod happens outside the turn
/// and a dense scheduler's run of bindings onto one node shares group commits instead of queueing behind each.
/// </summary>
[Reentrant]
public sealed class NodeGrain(ObjectLog log, IGrainFactory grains, TimeProvider clock) : Grain, INodeGrain
{
    private const int Attempts = 8;
    private static readonly NodeResourcesFitPlugin Fit = new(NodeResourcesFitArgs.Default);
    private static readonly CycleState NoState = new(Snapshot.Of([]));

    // Bindings accepted but not yet visible in the cache, by pod uid.
    private readonly Dictionary<string, PodInfo> _inFlight = new(StringComparer.Ordinal);

    // Parsed requests of the pods seen on this node, by uid: a pod's requests never change once it is bound.
    private readonly Dictionary<string, PodInfo> _known = new(StringComparer.Ordinal);
    private (long Revision, long Fingerprint, NodeInfo Node)? _node;

    private string Name => this.GetPrimaryKeyString();

    public async Task<BindOutcome> BindAsync(BindRequest request)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var node = CurrentNode();
            var stored = log.Cache.Get(new ObjectKey("/pods", request.Namespace, request.PodName));
            if (stored is null || (request.PodUid.Length > 0 && stored.Summary.Uid != request.PodUid))
            {
                return BindOutcome.Refused(BindStatus.PodNotFound, $"pods \"{request.PodName}\" not found");
            }
            var pod = JsonNode.Parse(stored.Json)!.AsObject();
            if (PodBinding.Refusal(pod) is { } refusal)
            {
                return BindOutcome.Refused(BindStatus.Conflict, refusal);
            }
            var info = Minimal(stored.Summary.Uid, request.PodName, stored.Json);
            // A node that does not exist or reports no allocatable has no capacity to protect: Kubernetes binds to
            // it all the same (the pod waits there for a kubelet), and so does this grain.
            var fit = node is null || node.Allocatable == Resources.None ? Status.Success : Fit.Filter(NoState, info, WithPods(node));
            if (!fit.IsSuccess)
            {
                return BindOutcome.Refused(BindStatus.Insufficient,
                    $"node \"{Name}\" has no room for pod {request.Namespace}/{request.PodName}: {string.Join(", ", fit.Reasons)}");
            }
            _inFlight[info.Uid] = info;
            try
            {
                PodBinding.Apply(pod, Name, clock.GetUtcNow());
                var shard = grains.GetGrain<IResourceShardGrain>(ShardKey.Of("/pods", request.Namespace));
                var outcome = await shard.UpdateAsync(request.PodName, new(ObjectPreparation.Prepare("/pods", pod)), new WritePrecondition(stored.Revision, info.Uid));
                switch (outcome.Status)
                {
                    case WriteStatus.Ok:
                        _known[info.Uid] = info;
                        return new BindOutcome(BindStatus.Bound, outcome.Revision, null);
                    case WriteStatus.NotFound:
                        return BindOutcome.Refused(BindStatus.PodNotFound, $"pods \"{request.PodName}\" not found");
                    default:
                        // The pod changed between read and write (a status or label update); look again.
                        continue;
                }
            }
            finally
            {
                // On success the cache already holds the bound pod (the log applies a batch before acknowledging it).
                _inFlight.Remove(info.Uid);
            }
        }
        return BindOutcome.Refused(BindStatus.Conflict, $"pod {request.PodName} kept changing while it was being bound; try again");
    }

    private NodeInfo? CurrentNode()
    {
        var stored = log.Cache.Get(new ObjectKey("/nodes", "", Name));
        if (stored is null)
        {
            return null;
        }
        if (_node is not { } cached || cached.Revision != stored.Revision)
        {
            // Most node writes are status (conditions, heartbeats): translate again only when what a fit reads changed.
            var fingerprint = ObjectFingerprint.OfNode(stored.Json);
            _node = cached = _node is { } previous && previous.Fingerprint == fingerprint
                ? previous with { Revision = stored.Revision }
                : (stored.Revision, fingerprint, NodeTranslation.ToNodeInfo(KubernetesJson.Deserialize<V1Node>(new MemoryStream(stored.Json))));
        }
        return cached.Node;
    }

    /// <summary>The node holding its committed, non-terminal pods and the bindings in flight.</summary>
    private NodeInfo WithPods(NodeInfo node)
    {
        var bound = log.Cache.ListByField("/pods", "spec.nodeName", Name);
        var pods = ImmutableArray.CreateBuilder<PodInfo>(bound.Count + _inFlight.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in bound)
        {
            if (stored.Summary.Field("status.phase") is "Succeeded" or "Failed")
            {
                continue;
            }
            var uid = stored.Summary.Uid;
            seen.Add(uid);
            if (!_known.TryGetValue(uid, out var info))
            {
                _known[uid] = info = Minimal(uid, stored.Key.Name, stored.Json);
            }
            pods.Add(info);
        }
        foreach (var (uid, info) in _inFlight)
        {
            if (!seen.Contains(uid))
            {
                pods.Add(info);
            }
        }
        if (_known.Count > 2 * (seen.Count + 16))
        {
            // Forget pods that left the node, so a long-lived node grain does not grow with churn.
            foreach (var uid in _known.Keys.Where(u => !seen.Contains(u)).ToList())
            {
                _known.Remove(uid);
            }
        }
        return node with { Pods = pods.ToImmutable() };
    }

    private static PodInfo Minimal(string uid, string name, byte[] json) => new()
    {
        Name = name,
        Uid = uid,
        Requests = PodTranslation.Requests(KubernetesJson.Deserialize<V1Pod>(new MemoryStream(json)).Spec),
    };
}
